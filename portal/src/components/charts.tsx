/**
 * Small SVG charts with no library: bars for amounts per day or per deployment, a line for rates over time. Each
 * chart has a title for screen readers and a table fallback is left to the page (numbers are also listed there).
 */
export interface Point {
  label: string;
  value: number;
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };

function scale(points: readonly Point[]): number {
  const max = Math.max(0, ...points.map((point) => point.value));
  return max === 0 ? 1 : max;
}

export function BarChart(props: { title: string; points: readonly Point[]; format: (value: number) => string }) {
  const max = scale(props.points);
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = props.points.length === 0 ? innerWidth : innerWidth / props.points.length;
  const labelEvery = Math.max(1, Math.ceil(props.points.length / 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="tick">
          {props.format(max)}
        </text>
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end" className="tick">
          {props.format(0)}
        </text>
        {props.points.map((point, index) => {
          const height = (point.value / max) * innerHeight;
          const x = PAD.left + index * step + step * 0.15;
          return (
            <g key={point.label}>
              <rect x={x} y={HEIGHT - PAD.bottom - height} width={step * 0.7} height={height} className="bar">
                <title>{`${point.label}: ${props.format(point.value)}`}</title>
              </rect>
              {index % labelEvery === 0 ? (
                <text x={x + step * 0.35} y={HEIGHT - 10} textAnchor="middle" className="tick">
                  {point.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

export function LineChart(props: {
  title: string;
  points: readonly Point[];
  format: (value: number) => string;
  /** Fixed bounds (availability between 90 and 100 %); absent: 0 to the largest value. */
  min?: number;
  max?: number;
}) {
  const min = props.min ?? 0;
  const max = props.max ?? scale(props.points);
  const span = max - min === 0 ? 1 : max - min;
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left + (props.points.length <= 1 ? innerWidth / 2 : (index / (props.points.length - 1)) * innerWidth);
  const y = (value: number) =>
    PAD.top + innerHeight - ((Math.min(Math.max(value, min), max) - min) / span) * innerHeight;
  const path = props.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index)},${y(point.value)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(props.points.length / 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="tick">
          {props.format(max)}
        </text>
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end" className="tick">
          {props.format(min)}
        </text>
        <path d={path} className="line" fill="none" />
        {props.points.map((point, index) => (
          <g key={point.label}>
            <circle cx={x(index)} cy={y(point.value)} r={3} className="dot">
              <title>{`${point.label}: ${props.format(point.value)}`}</title>
            </circle>
            {index % labelEvery === 0 ? (
              <text x={x(index)} y={HEIGHT - 10} textAnchor="middle" className="tick">
                {point.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
