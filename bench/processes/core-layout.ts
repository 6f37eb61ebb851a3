import { execFileSync } from 'node:child_process';
import type { BenchOptions } from '../bench-options.js';
import type { Target } from '../targets.js';

/**
 * Where the processes run:
 * - `one-core`: everything on the load core. Used for the sequential phases, where only one process works
 *   at a time anyway: a request then never waits for an idle core to wake up (on a VM that costs about
 *   0.1 ms per hop and would be counted as gateway latency).
 * - `split`: the gateway under test alone on its core, emulator and load generator on the other. Used
 *   under load, so the gateway does not compete with the load generator for CPU.
 */
export type CoreLayout = 'one-core' | 'split';

/** Re-pins a running process and all its threads (threads it starts later inherit the mask). */
function pin(pid: number, core: number): void {
  execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
}

export function applyCoreLayout(layout: CoreLayout, targets: readonly Target[], options: BenchOptions): void {
  if (options.pinning === undefined) return;
  const { gatewayCore, loadCore } = options.pinning;
  pin(process.pid, loadCore);
  for (const target of targets) {
    pin(target.pid, target.name === 'direct' || layout === 'one-core' ? loadCore : gatewayCore);
  }
}
