import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callChild } from '../processes/ipc.js';
import type { BenchChild } from '../processes/spawn-process.js';
import { summarizeProfile, type ProfileSummary } from '../report/summarize-profile.js';
import type { Target, TargetName } from '../targets.js';
import { measureThroughput } from './throughput.js';

export interface ProfiledRun {
  target: TargetName;
  /** Requests answered while the profiler ran. */
  requests: number;
  /**
   * CPU time per request measured by /proc during the unprofiled throughput run (the profiler itself roughly
   * doubles the CPU a request takes, and its sample deltas count time spent descheduled); turns shares into µs.
   */
  cpuMicrosecondsPerRequest: number;
  summary: ProfileSummary;
  /** Where the raw `.cpuprofile` was left (outside the repository; open it in Chrome DevTools). */
  path: string;
}

/** Puts `target` under the throughput load with the V8 profiler on in its process. */
export async function profileTarget(
  child: BenchChild,
  target: Target,
  load: { connections: number; durationSeconds: number; ownPids: () => readonly number[] },
  unprofiledCpuMicrosecondsPerRequest: number | undefined,
): Promise<ProfiledRun> {
  const path = join(mkdtempSync(join(tmpdir(), `bench-profile-${target.name}-`)), `${target.name}.cpuprofile`);
  await callChild(child.process, 'profile-start');
  const result = await measureThroughput(target, { ...load, warmupSeconds: 0 });
  await callChild(child.process, 'profile-stop', path);
  const summary = summarizeProfile(path);
  return {
    target: target.name,
    requests: result.completed,
    cpuMicrosecondsPerRequest:
      unprofiledCpuMicrosecondsPerRequest ??
      result.cpuMicrosecondsPerRequest ??
      (summary.sampledMs * 1000) / result.completed,
    summary,
    path,
  };
}

/** CPU µs per request spent in one entry of a profile summary. */
export function microsecondsPerRequest(run: ProfiledRun, share: number): number {
  return share * run.cpuMicrosecondsPerRequest;
}
