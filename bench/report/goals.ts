import type { GoalResult, TargetResults } from './bench-results.js';

/** The targets from the performance issue. */
export const GOALS = {
  addedLatencyP50Ms: 0.3,
  addedLatencyP99Ms: 1.5,
  throughputVersusPassThrough: 0.8,
  throughputVersusPortkey: 10,
  addedFirstTokenMs: 0.5,
} as const;

const ms = (value: number): string => `${value.toFixed(3)} ms`;

function atMost(goal: string, measured: number, limit: number): GoalResult {
  const met = measured <= limit;
  const gap = Math.abs(limit - measured);
  return {
    goal,
    measured: ms(measured),
    met,
    margin: met ? `${ms(gap)} under the limit` : `${ms(gap)} over the limit (${(measured / limit).toFixed(1)}× it)`,
  };
}

function ratioAtLeast(goal: string, ratio: number, wanted: number): GoalResult {
  const met = ratio >= wanted;
  return {
    goal,
    measured: `${ratio.toFixed(2)}×`,
    met,
    margin: met
      ? `${(ratio - wanted).toFixed(2)}× above the goal`
      : `${(wanted - ratio).toFixed(2)}× short (${((ratio / wanted) * 100).toFixed(0)}% of the goal)`,
  };
}

/** Checks Hangar's figures against the goals; goals whose peer is missing are left out. */
export function checkGoals(targets: readonly TargetResults[]): GoalResult[] {
  const find = (name: TargetResults['name']) => targets.find((target) => target.name === name);
  const hangar = find('hangar');
  if (hangar === undefined) return [];
  const goals = [
    atMost(`added latency p50 ≤ ${GOALS.addedLatencyP50Ms} ms`, hangar.latency.addedP50, GOALS.addedLatencyP50Ms),
    atMost(`added latency p99 ≤ ${GOALS.addedLatencyP99Ms} ms`, hangar.latency.addedP99, GOALS.addedLatencyP99Ms),
  ];
  const capacity = (peer: TargetResults) => {
    const own = hangar.throughput.cpuMicrosecondsPerRequest;
    const theirs = peer.throughput.cpuMicrosecondsPerRequest;
    return own === undefined || theirs === undefined ? undefined : theirs / own;
  };
  for (const [name, wanted] of [
    ['pass-through', GOALS.throughputVersusPassThrough],
    ['portkey', GOALS.throughputVersusPortkey],
  ] as const) {
    const peer = find(name);
    if (peer === undefined) continue;
    const goal = ratioAtLeast(
      `throughput ≥ ${wanted} × ${name === 'portkey' ? 'Portkey' : 'bare pass-through'}`,
      hangar.throughput.requestsPerSecond / peer.throughput.requestsPerSecond,
      wanted,
    );
    // req/s measures the gateway only when the gateway is what runs out of CPU; CPU per request says what
    // each would serve with a whole core to itself.
    const byCpu = capacity(peer);
    if (byCpu !== undefined) goal.measured += ` (by CPU per request: ${byCpu.toFixed(2)}×)`;
    goals.push(goal);
  }
  goals.push(
    atMost(
      `added time to first token ≤ ${GOALS.addedFirstTokenMs} ms (p50)`,
      hangar.firstToken.addedP50,
      GOALS.addedFirstTokenMs,
    ),
  );
  return goals;
}
