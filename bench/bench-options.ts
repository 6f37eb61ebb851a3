import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface BenchOptions {
  mode: 'full' | 'quick';
  latency: { rounds: number; requestsPerRound: number; warmupRequests: number };
  /** The shorter re-run of the latency phase with each gateway on its own core. */
  splitLatency: { rounds: number; requestsPerRound: number; warmupRequests: number };
  stream: { rounds: number; requestsPerRound: number; warmupRequests: number; chunks: number; chunkDelayMs: number };
  throughput: { connections: number; durationSeconds: number; warmupSeconds: number };
  /** Seconds of extra load on Hangar under the V8 profiler, after the measured runs; 0 = no profile. */
  profileSeconds: number;
  /** Gateways on one core, emulator + load generator on another; undefined when taskset or a second core is missing. */
  pinning: { gatewayCore: number; loadCore: number } | undefined;
  pinningDescription: string;
  /** Wait until the rest of the machine is idle before starting. */
  waitForQuiet: boolean;
}

export const USAGE = `npm run bench [-- --quick] [-- --profile] [-- --no-pin] [-- --wait-for-quiet]
  --quick    a short run (about 45 s) for checking the harness; figures are noisier and go to
             bench/results/latest-quick.*, leaving the last full run's latest.* alone
  --profile  after the measured runs, put Hangar under load with the V8 profiler on and list its hottest functions
  --no-pin   do not pin processes to cores with taskset
  --wait-for-quiet  on a shared machine, start only once other work leaves the CPU idle (waits up to 15 min)`;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function readBenchOptions(argv: readonly string[]): BenchOptions {
  const known = new Set(['--quick', '--profile', '--no-pin', '--wait-for-quiet', '--help']);
  const unknown = argv.filter((argument) => !known.has(argument));
  if (unknown.length > 0 || argv.includes('--help')) {
    throw new Error(`${unknown.length > 0 ? `unknown option ${unknown.join(' ')}\n` : ''}${USAGE}`);
  }
  const quick = argv.includes('--quick');
  let pinning: BenchOptions['pinning'];
  let pinningDescription: string;
  if (argv.includes('--no-pin')) pinningDescription = 'off (--no-pin)';
  else if (os.availableParallelism() < 2) pinningDescription = 'off (one core only)';
  else if (!hasTaskset()) pinningDescription = 'off (taskset not found)';
  else {
    pinning = { gatewayCore: 0, loadCore: 1 };
    pinningDescription =
      'sequential phases: every process on core 1; under load: gateway under test on core 0, emulator and load generator on core 1';
  }
  return {
    mode: quick ? 'quick' : 'full',
    latency: quick
      ? { rounds: 3, requestsPerRound: 100, warmupRequests: 600 }
      : { rounds: 7, requestsPerRound: 200, warmupRequests: 2000 },
    splitLatency: quick
      ? { rounds: 2, requestsPerRound: 100, warmupRequests: 100 }
      : { rounds: 3, requestsPerRound: 200, warmupRequests: 200 },
    stream: quick
      ? { rounds: 3, requestsPerRound: 50, warmupRequests: 150, chunks: 8, chunkDelayMs: 0 }
      : { rounds: 7, requestsPerRound: 100, warmupRequests: 400, chunks: 8, chunkDelayMs: 0 },
    throughput: quick
      ? { connections: 50, durationSeconds: 3, warmupSeconds: 1 }
      : { connections: 50, durationSeconds: 10, warmupSeconds: 2 },
    profileSeconds: argv.includes('--profile') ? (quick ? 3 : 6) : 0,
    pinning,
    pinningDescription,
    waitForQuiet: argv.includes('--wait-for-quiet'),
  };
}
