export interface EngineBenchOptions {
  mode: 'full' | 'quick';
  /** Rounds per side; within a round the two sides run back to back. */
  rounds: number;
  /** Requests one after another in the one-stream run of each round. */
  sequentialRequests: number;
  /** Requests each stream issues in turn in the 4- and 8-stream runs of each round. */
  requestsPerStream: number;
  /** Unmeasured requests per side and concurrency before the first round (JIT, allocator, page cache). */
  warmupRequests: number;
  /** Unload-and-load cycles per side, to time loading the model with llama.cpp already running. */
  reloads: number;
  /** After the measured rounds, one more 8-stream run of each side under the V8 profiler. */
  profile: boolean;
}

export const ENGINE_BENCH_USAGE = `node --import tsx bench/engine/run-engine-bench.ts [--quick] [--profile]
  --quick    a short run (well under a minute) for checking the harness; figures are noisier and go to
             bench/results/engine-latest-quick.*, leaving the last full run's engine-latest.* alone
  --profile  after the measured rounds, run 8 streams on each side with the V8 profiler on and list where
             the JavaScript time goes (the profiler slows both sides; its run is not part of the figures)`;

export function readEngineBenchOptions(argv: readonly string[]): EngineBenchOptions {
  const known = new Set(['--quick', '--profile', '--help']);
  const unknown = argv.filter((argument) => !known.has(argument));
  if (unknown.length > 0 || argv.includes('--help')) {
    throw new Error(`${unknown.length > 0 ? `unknown option ${unknown.join(' ')}\n` : ''}${ENGINE_BENCH_USAGE}`);
  }
  const quick = argv.includes('--quick');
  return {
    mode: quick ? 'quick' : 'full',
    rounds: quick ? 2 : 9,
    sequentialRequests: quick ? 4 : 12,
    requestsPerStream: quick ? 1 : 3,
    warmupRequests: quick ? 2 : 4,
    reloads: quick ? 1 : 3,
    profile: argv.includes('--profile'),
  };
}
