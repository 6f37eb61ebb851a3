import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicksPerSecond: number | undefined;

function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/** Resident set size in MiB from /proc/<pid>/status, or undefined off Linux. */
export function readRssMib(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU time the process has used so far, in ms, from /proc/<pid>/stat. */
export function readCpuMs(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return ((userTicks + systemTicks) * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine (all cores) since boot, in clock ticks. */
export function readMachineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** How busy the whole machine is over `durationMs` (0-1, all cores), before the bench adds its own load. */
export async function sampleMachineBusyShare(durationMs: number): Promise<number | undefined> {
  const before = readMachineTicks();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  const after = readMachineTicks();
  if (before === undefined || after === undefined || after.total === before.total) return undefined;
  return (after.busy - before.busy) / (after.total - before.total);
}

/**
 * Watches how much CPU the rest of the machine uses while the bench runs: machine busy time minus the time of
 * the bench's own processes, as a share of all cores. Read it before the bench's processes stop.
 */
export function startForeignCpuWatch(ownPids: () => readonly number[]): () => number | undefined {
  const ownCpuMs = () => ownPids().reduce((sum, pid) => sum + (readCpuMs(pid) ?? 0), 0);
  const machineBefore = readMachineTicks();
  const ownBefore = ownCpuMs();
  return () => {
    const machineAfter = readMachineTicks();
    if (machineBefore === undefined || machineAfter === undefined) return undefined;
    const toMs = (ticks: number) => (ticks * 1000) / ticksPerSecond();
    const totalMs = toMs(machineAfter.total - machineBefore.total);
    if (totalMs <= 0) return undefined;
    const foreignMs = toMs(machineAfter.busy - machineBefore.busy) - (ownCpuMs() - ownBefore);
    return Math.max(0, foreignMs / totalMs);
  };
}
