import { sampleMachineBusyShare } from './process-stats.js';

/**
 * Waits until other work uses under 10 % of the machine (sampled over 3 s), at most 15 minutes: the standalone
 * benches' `--wait-for-quiet`, for a shared machine.
 */
export async function waitForQuiet(log: (message: string) => void): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const busy = await sampleMachineBusyShare(3000);
    if (busy === undefined || busy < 0.1) return;
    if (Date.now() > deadline) {
      log('the machine did not quiet down within 15 minutes; running anyway');
      return;
    }
    log(`waiting for the machine to quiet down (${(busy * 100).toFixed(0)}% busy)`);
  }
}
