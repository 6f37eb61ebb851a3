import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReadyMessage } from './ipc.js';

/** Which core a process is pinned to with `taskset -c`, or undefined to leave it to the scheduler. */
export type Core = number | undefined;

export interface SpawnOptions {
  core: Core;
  env?: Record<string, string | undefined>;
  ipc?: boolean;
}

export interface SpawnedProcess {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The last lines it printed, for the error message when it dies early. */
  recentOutput(): string;
  stop(): Promise<void>;
}

const living = new Set<ChildProcess>();
const FORWARDED_LINES = 40;
let exitHookInstalled = false;

/** Children are killed by their own pid when the bench exits, however it exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of living) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/**
 * Starts a process (under `taskset -c <core>` when a core is given). Its output is prefixed with its name and
 * sent to stderr, so the Markdown on stdout stays clean.
 */
export function spawnProcess(name: string, command: string, args: string[], options: SpawnOptions): SpawnedProcess {
  installExitHook();
  const [file, fileArguments] =
    options.core === undefined ? [command, args] : ['taskset', ['-c', String(options.core), command, ...args]];
  const child = spawn(file, fileArguments, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc === true ? (['ipc'] as const) : [])],
  });
  living.add(child);
  const recent: string[] = [];
  let forwarded = 0;
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      // A gateway that logs every failed request would otherwise bury the report.
      forwarded += 1;
      if (forwarded <= FORWARDED_LINES) process.stderr.write(`[${name}] ${line.slice(0, 2000)}\n`);
      else if (forwarded === FORWARDED_LINES + 1) process.stderr.write(`[${name}] (further output not shown)\n`);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      living.delete(child);
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${file})`);

  return {
    name,
    pid: child.pid,
    process: child,
    recentOutput: () => recent.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface BenchChild extends SpawnedProcess {
  ready: ReadyMessage;
}

/**
 * Runs one of the scripts in bench/processes/ through tsx in its own process, with `setup` as its argument,
 * and waits for its `ready` message.
 */
export async function startBenchChild(
  name: string,
  script: string,
  setup: object,
  options: SpawnOptions & { nodeArguments?: string[] },
): Promise<BenchChild> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const args = [...(options.nodeArguments ?? []), '--import', 'tsx', path, JSON.stringify(setup)];
  const spawned = spawnProcess(name, process.execPath, args, { ...options, ipc: true });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s`)), 30_000);
    const onMessage = (message: unknown): void => {
      if ((message as ReadyMessage).type !== 'ready') return;
      cleanUp();
      resolve(message as ReadyMessage);
    };
    const onExit = (code: number | null): void => {
      fail(new Error(`${name} exited (code ${String(code)}) before it was ready:\n${spawned.recentOutput()}`));
    };
    function cleanUp(): void {
      clearTimeout(timer);
      spawned.process.off('message', onMessage);
      spawned.process.off('exit', onExit);
    }
    function fail(error: Error): void {
      cleanUp();
      reject(error);
    }
    spawned.process.on('message', onMessage);
    spawned.process.once('exit', onExit);
  });
  return { ...spawned, ready };
}
