import { readCpuMs, readRssMib } from '../measure/process-stats.js';
import type { ConcurrentRun } from './engine-workload.js';

export interface MeasuredRun {
  run: ConcurrentRun;
  /** CPU time (user + system, all threads) the side's process used during the run. */
  cpuMs: number | undefined;
  /**
   * CPU time of this process (the bench) meanwhile: the HTTP client reading Hangar's stream, or next to
   * nothing while the raw child generates on its own.
   */
  clientCpuMs: number | undefined;
  /** The highest VmRSS seen while the run went on. */
  peakRssMib: number | undefined;
}

const RSS_SAMPLE_INTERVAL_MS = 10;

/**
 * Runs `action` while watching the process `pid`: its peak resident set size (sampled every 10 ms from
 * /proc) and the CPU time it used. CPU time is the figure least disturbed by other work on a shared machine.
 */
export async function measureSideRun(pid: number, action: () => Promise<ConcurrentRun>): Promise<MeasuredRun> {
  let peakRssMib = readRssMib(pid);
  const sample = (): void => {
    const rss = readRssMib(pid);
    if (rss !== undefined && (peakRssMib === undefined || rss > peakRssMib)) peakRssMib = rss;
  };
  const timer = setInterval(sample, RSS_SAMPLE_INTERVAL_MS);
  const cpuBefore = readCpuMs(pid);
  const clientCpuBefore = readCpuMs(process.pid);
  try {
    const run = await action();
    sample();
    const cpuAfter = readCpuMs(pid);
    const clientCpuAfter = readCpuMs(process.pid);
    return {
      run,
      cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      clientCpuMs:
        clientCpuBefore === undefined || clientCpuAfter === undefined ? undefined : clientCpuAfter - clientCpuBefore,
      peakRssMib,
    };
  } finally {
    clearInterval(timer);
  }
}
