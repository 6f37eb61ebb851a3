import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { safeParseJson } from '../../src/kit/index.js';

export interface MachineInfo {
  node: string;
  cpuModel: string;
  cores: number;
  memoryGib: number;
  system: string;
  /** 1-minute load average when the run started: other work on the box shows up here. */
  loadAverageAtStart: number;
  /** Share of all cores busy during the second before the bench started anything (other work on the box). */
  backgroundCpuShare: number | undefined;
  hangarCommit: string;
  portkeyVersion: string;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function packageVersion(packageJsonUrl: URL): string {
  try {
    const parsed = safeParseJson(readFileSync(packageJsonUrl, 'utf8'));
    const version = parsed.ok ? (parsed.value as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'not installed';
  }
}

export function describeMachine(backgroundCpuShare: number | undefined): MachineInfo {
  return {
    backgroundCpuShare,
    node: process.version,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGib: Math.round(os.totalmem() / 2 ** 30),
    system: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg()[0] ?? 0,
    hangarCommit: gitCommit(),
    portkeyVersion: packageVersion(new URL('../../node_modules/@portkey-ai/gateway/package.json', import.meta.url)),
  };
}
