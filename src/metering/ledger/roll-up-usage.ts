import type { UsageDailyIncrement } from '../../store/index.js';
import type { UsageRecord } from '../usage-record.js';

/** The UTC day of a unix-ms time, `YYYY-MM-DD`. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * What records add to the day rollups: one increment per (day, project, key, deployment, model, deployment
 * type), so a flush writes one row per group however many requests it carries. Sorted by that key, so every
 * replica updates rows in the same order.
 */
export function rollUpUsage(records: readonly UsageRecord[]): UsageDailyIncrement[] {
  const groups = new Map<string, UsageDailyIncrement>();
  for (const record of records) {
    const day = utcDay(record.at);
    const key = `${day}\u0000${record.projectId}\u0000${record.keyId}\u0000${record.deploymentId}\u0000${record.model}\u0000${record.deploymentType}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        day,
        projectId: record.projectId,
        keyId: record.keyId,
        deploymentId: record.deploymentId,
        model: record.model,
        deploymentType: record.deploymentType,
        tokens: { input: 0, cachedInput: 0, cacheWriteInput: 0, output: 0, reasoning: 0 },
        costMicroUsd: 0,
        requests: 0,
        estimatedRequests: 0,
        clientAbortRequests: 0,
        upstreamErrorRequests: 0,
        filteredRequests: 0,
      };
      groups.set(key, group);
    }
    group.tokens.input += record.tokens.input;
    group.tokens.cachedInput += record.tokens.cachedInput;
    group.tokens.cacheWriteInput += record.tokens.cacheWriteInput;
    group.tokens.output += record.tokens.output;
    group.tokens.reasoning += record.tokens.reasoning;
    group.costMicroUsd += record.costMicroUsd;
    group.requests += 1;
    if (record.estimated) group.estimatedRequests += 1;
    switch (record.outcome) {
      case 'ok':
        break;
      case 'client_abort':
        group.clientAbortRequests += 1;
        break;
      case 'upstream_error':
        group.upstreamErrorRequests += 1;
        break;
      case 'filtered':
        group.filteredRequests += 1;
        break;
    }
  }
  return [...groups.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([, group]) => group);
}
