import { useState } from 'react';
import { Field } from '../../components/ui';
import { isDay, lastDays, lastMonth, thisMonth, type DayRange } from './utc-dates';

type Preset = 'this-month' | 'last-month' | 'last-7' | 'last-30' | 'custom';

const PRESETS: { value: Preset; label: string; range?: (now: number) => DayRange }[] = [
  { value: 'this-month', label: 'This month', range: thisMonth },
  { value: 'last-month', label: 'Last month', range: lastMonth },
  { value: 'last-7', label: 'Last 7 days', range: (now) => lastDays(now, 7) },
  { value: 'last-30', label: 'Last 30 days', range: (now) => lastDays(now, 30) },
  { value: 'custom', label: 'Custom' },
];

/**
 * A range of UTC days: a preset, or two dates. `onChange` only hears complete ranges (both dates real, from not
 * after to), so the page never asks the API for a range it would refuse.
 */
export function RangePicker(props: { range: DayRange; onChange: (range: DayRange) => void }) {
  const [preset, setPreset] = useState<Preset>('this-month');
  const [from, setFrom] = useState(props.range.from);
  const [to, setTo] = useState(props.range.to);

  const problem = !isDay(from)
    ? 'Pick the first day.'
    : !isDay(to)
      ? 'Pick the last day.'
      : from > to
        ? 'The first day is after the last day.'
        : undefined;

  const apply = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    if (isDay(nextFrom) && isDay(nextTo) && nextFrom <= nextTo) props.onChange({ from: nextFrom, to: nextTo });
  };

  return (
    <div className="row range-picker" role="group" aria-label="Days to report (UTC)">
      <Field label="Range">
        {(id) => (
          <select
            id={id}
            value={preset}
            onChange={(event) => {
              const chosen = PRESETS.find((candidate) => candidate.value === event.target.value);
              if (chosen === undefined) return;
              setPreset(chosen.value);
              if (chosen.range !== undefined) {
                const range = chosen.range(Date.now());
                apply(range.from, range.to);
              }
            }}
          >
            {PRESETS.map((candidate) => (
              <option key={candidate.value} value={candidate.value}>
                {candidate.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From (UTC)">
        {(id) => (
          <input
            id={id}
            type="date"
            value={from}
            max={isDay(to) ? to : undefined}
            onChange={(event) => {
              setPreset('custom');
              apply(event.target.value, to);
            }}
          />
        )}
      </Field>
      <Field label="To (UTC)" error={problem}>
        {(id) => (
          <input
            id={id}
            type="date"
            value={to}
            min={isDay(from) ? from : undefined}
            onChange={(event) => {
              setPreset('custom');
              apply(from, event.target.value);
            }}
          />
        )}
      </Field>
    </div>
  );
}
