/** What ordering reads of a backend; a backend without them keeps its place (priority = position, weight 1). */
export interface BackendOrder {
  priority?: number;
  weight?: number;
}

/**
 * The order one request tries a deployment's backends in: priority ascending and, within one priority, a weighted
 * random order, so backends of equal priority share the traffic by weight (3 and 1: the first is tried first in
 * 75 % of requests) and each request still has every other backend to fail over to. `random` returns [0, 1) like
 * Math.random; tests pass their own. Backends whose priorities all differ come back as they are, without copying.
 */
export function orderBackends<Backend extends BackendOrder>(
  backends: readonly Backend[],
  random: () => number = Math.random,
): readonly Backend[] {
  if (isStrictlyIncreasing(backends)) return backends;
  const byPriority = backends
    .map((backend, position) => ({ backend, priority: backend.priority ?? position, position }))
    .sort((left, right) => left.priority - right.priority || left.position - right.position);
  const ordered: Backend[] = [];
  let start = 0;
  while (start < byPriority.length) {
    let end = start + 1;
    while (end < byPriority.length && byPriority[end]?.priority === byPriority[start]?.priority) end += 1;
    const group = byPriority.slice(start, end).map((entry) => entry.backend);
    ordered.push(...(group.length === 1 ? group : weightedOrder(group, random)));
    start = end;
  }
  return ordered;
}

function isStrictlyIncreasing(backends: readonly BackendOrder[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const [position, backend] of backends.entries()) {
    const priority = backend.priority ?? position;
    if (priority <= previous) return false;
    previous = priority;
  }
  return true;
}

/** Draws without replacement, each pick in proportion to the weights of those left. */
function weightedOrder<Backend extends BackendOrder>(group: Backend[], random: () => number): Backend[] {
  const left = [...group];
  const ordered: Backend[] = [];
  while (left.length > 1) {
    const total = left.reduce((sum, backend) => sum + weightOf(backend), 0);
    let point = random() * total;
    let index = 0;
    for (; index < left.length - 1; index += 1) {
      point -= weightOf(left[index]!);
      if (point < 0) break;
    }
    ordered.push(...left.splice(index, 1));
  }
  ordered.push(...left);
  return ordered;
}

/** Stored weights are 1 to 1000; anything else counts as 1 rather than starving or flooding a backend. */
function weightOf(backend: BackendOrder): number {
  const weight = backend.weight;
  return weight !== undefined && Number.isFinite(weight) && weight > 0 ? weight : 1;
}
