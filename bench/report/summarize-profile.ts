import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { safeParseJson } from '../../src/kit/index.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  /** Share of the sampled time, 0-1. */
  share: number;
}

export interface ProfileSummary {
  /** Busy (non-idle) time sampled. */
  sampledMs: number;
  /** Self time grouped by where the code lives: a src/ folder, a package, Node internals, GC, idle. */
  byArea: ProfileEntry[];
  /** Self time per function. */
  byFunction: ProfileEntry[];
  /** Time in Hangar's own functions including what they call (async continuations counted where they resume). */
  hangarInclusive: ProfileEntry[];
}

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The file as a repository-relative path (no machine paths in reports). */
function shortFile(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(REPOSITORY_ROOT) ? path.slice(REPOSITORY_ROOT.length) : path;
}

const SPECIAL_FRAMES = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

function areaOf(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame;
  if (url === '') return SPECIAL_FRAMES.has(functionName) ? functionName : '(native code with no JS caller)';
  if (url.startsWith('node:')) return 'node: internals (http, net, streams, timers)';
  const file = shortFile(url);
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (dependency) return `package ${dependency[1]}`;
  const folder = /^(src\/[^/]+(?:\/[^/]+)?)\//.exec(file);
  if (folder) return folder[1]!;
  return file;
}

function describeFrame(frame: ProfileNode['callFrame']): string {
  // tsx puts a transpiled file on few lines, so line numbers in src/ say little.
  const file = frame.url === '' ? '' : shortFile(frame.url);
  const line = file === '' || file.startsWith('src/') ? '' : `:${frame.lineNumber + 1}`;
  const where = file === '' ? '' : ` ${file}${line}`;
  return `${frame.functionName || '(anonymous)'}${where}`;
}

function ranked(totals: Map<string, number>, sampled: number, limit: number): ProfileEntry[] {
  return [...totals.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([name, micros]) => ({ name, share: micros / sampled }));
}

/**
 * Self time per area and per function from a V8 `.cpuprofile`, as shares of the busy (non-idle) time.
 * Native frames (V8 builtins, C++ bindings) are charged to the nearest JavaScript caller for the area table,
 * and named with that caller in the function table, so "JSON.parse" shows up as the code that called it.
 */
export function summarizeProfile(path: string, limit = 25): ProfileSummary {
  const parsed = safeParseJson(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path} is not a CPU profile: ${parsed.error.message}`);
  const profile = parsed.value as unknown as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // The profiler's own work (stopping it serialises the profile) is not Hangar's.
  const profilerNodes = new Set<number>();
  const markProfiler = (nodeId: number, inside: boolean): void => {
    const node = nodes.get(nodeId);
    if (node === undefined) return;
    const here = inside || node.callFrame.url.startsWith('node:inspector');
    if (here) profilerNodes.add(nodeId);
    for (const child of node.children ?? []) markProfiler(child, here);
  };
  if (profile.nodes[0] !== undefined) markProfiler(profile.nodes[0].id, false);
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    if (profilerNodes.has(nodeId)) return;
    selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  const javaScriptCaller = (nodeId: number): ProfileNode | undefined => {
    let current = parents.get(nodeId);
    while (current !== undefined) {
      const node = nodes.get(current);
      if (node !== undefined && node.callFrame.url !== '') return node;
      current = parents.get(current);
    }
    return undefined;
  };

  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [nodeId, micros] of selfMicros) {
    const frame = nodes.get(nodeId)?.callFrame;
    if (frame === undefined || frame.functionName === '(idle)') continue;
    busy += micros;
    let charged = frame;
    let name = describeFrame(frame);
    if (frame.url === '' && !SPECIAL_FRAMES.has(frame.functionName)) {
      const caller = javaScriptCaller(nodeId);
      if (caller !== undefined) {
        charged = caller.callFrame;
        name = `${frame.functionName || '(native)'} ← ${describeFrame(caller.callFrame)}`;
      }
    }
    const area = areaOf(charged);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  return {
    sampledMs: busy / 1000,
    byArea: ranked(byArea, busy, limit),
    byFunction: ranked(byFunction, busy, limit),
    hangarInclusive: ranked(inclusiveOfHangarFunctions(profile.nodes, selfMicros), busy, limit),
  };
}

/** Each src/ function's self time plus its callees', counting a function once when it calls itself. */
function inclusiveOfHangarFunctions(
  nodes: readonly ProfileNode[],
  selfMicros: Map<number, number>,
): Map<string, number> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  const root = nodes[0];
  if (root === undefined) return totals;
  const visit = (node: ProfileNode, open: ReadonlySet<string>): number => {
    const isHangar = node.callFrame.url !== '' && shortFile(node.callFrame.url).startsWith('src/');
    const key = describeFrame(node.callFrame);
    const counts = isHangar && !open.has(key);
    const inside = counts ? new Set([...open, key]) : open;
    let total = node.callFrame.functionName === '(idle)' ? 0 : (selfMicros.get(node.id) ?? 0);
    for (const childId of node.children ?? []) {
      const child = byId.get(childId);
      if (child !== undefined) total += visit(child, inside);
    }
    if (counts) totals.set(key, (totals.get(key) ?? 0) + total);
    return total;
  };
  visit(root, new Set());
  return totals;
}
