import { microsecondsPerRequest, type ProfiledRun } from '../measure/profile-target.js';
import { markdownTable } from './markdown-table.js';

const share = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** The profile section: Hangar's CPU per request by area beside the pass-through's, then its hottest functions. */
export function renderProfiles(profiles: readonly ProfiledRun[]): string[] {
  const hangar = profiles.find((run) => run.target === 'hangar');
  if (hangar === undefined) return [];
  const passThrough = profiles.find((run) => run.target === 'pass-through');
  const baseline = new Map(passThrough?.summary.byArea.map((entry) => [entry.name, entry.share]) ?? []);
  const perRequest = (run: ProfiledRun) => run.cpuMicrosecondsPerRequest;

  const areaRows = hangar.summary.byArea.slice(0, 15).map((entry) => {
    const passThroughShare = baseline.get(entry.name);
    return [
      entry.name,
      share(entry.share),
      microsecondsPerRequest(hangar, entry.share).toFixed(1),
      passThrough === undefined || passThroughShare === undefined
        ? '—'
        : microsecondsPerRequest(passThrough, passThroughShare).toFixed(1),
    ];
  });
  areaRows.push([
    '**all busy CPU**',
    '100%',
    perRequest(hangar).toFixed(1),
    passThrough === undefined ? '—' : perRequest(passThrough).toFixed(1),
  ]);
  return [
    `## Where Hangar spends its CPU under load (V8 profiler, ${hangar.requests} requests)`,
    'Shares are self time from the sampling profiler (native code charged to its JavaScript caller); µs/request ' +
      'apply them to the CPU per request measured without the profiler in the throughput run. The bare ' +
      'pass-through, profiled the same way, beside it:',
    markdownTable(['area', 'Hangar share', 'Hangar µs/request', 'pass-through µs/request'], areaRows),
    "Hangar's own functions, including what they call (nested: a caller's share contains its callees'; " +
      'code after an `await` counts under the function that resumes):',
    markdownTable(
      ['function', 'share'],
      hangar.summary.hangarInclusive.slice(0, 20).map((entry) => [`\`${entry.name}\``, share(entry.share)]),
    ),
    'Hottest functions by self time:',
    markdownTable(
      ['function', 'share'],
      hangar.summary.byFunction.slice(0, 25).map((entry) => [`\`${entry.name}\``, share(entry.share)]),
    ),
  ];
}
