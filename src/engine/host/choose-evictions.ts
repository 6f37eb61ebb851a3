export interface EvictionCandidate {
  name: string;
  bytes: number;
  /** Requests holding the model (leases and open handles); a model in use is never unloaded. */
  inUse: number;
  lastUsedAt: number;
}

export type EvictionPlan =
  | { fits: true; evict: string[] }
  /** `never`: the model alone exceeds the budget. `busy`: it would fit once models now in use are idle. */
  | { fits: false; reason: 'never' | 'busy' };

/** Least recently used idle models go first, only as many as needed to make room for `needBytes`. */
export function chooseEvictions(
  loaded: readonly EvictionCandidate[],
  needBytes: number,
  budgetBytes: number,
): EvictionPlan {
  if (needBytes > budgetBytes) return { fits: false, reason: 'never' };
  let used = loaded.reduce((sum, model) => sum + model.bytes, 0);
  const evict: string[] = [];
  const idle = loaded.filter((model) => model.inUse === 0).sort((a, b) => a.lastUsedAt - b.lastUsedAt);
  for (const model of idle) {
    if (used + needBytes <= budgetBytes) break;
    evict.push(model.name);
    used -= model.bytes;
  }
  return used + needBytes <= budgetBytes ? { fits: true, evict } : { fits: false, reason: 'busy' };
}
