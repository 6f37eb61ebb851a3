import type { Usage } from '../../spec/index.js';
import type { PricedUsage } from '../pricing/pricer.js';
import type { UsageEvent } from '../usage-event.js';
import type { TokenCounts, UsageRecord } from '../usage-record.js';

/**
 * The ledger's record of an event, priced. Counts and costs are made whole, non-negative numbers here: the
 * columns are bigint, and one value Postgres refuses (1.5, NaN) would fail its whole batch on every retry.
 */
export function toUsageRecord(event: UsageEvent, priced: PricedUsage): UsageRecord {
  return {
    id: `${event.requestId}:${event.attempt}`,
    requestId: event.requestId,
    attempt: wholeCount(event.attempt),
    at: wholeCount(event.at),
    projectId: event.projectId,
    keyId: event.keyId,
    deploymentId: event.deploymentId,
    deploymentType: event.deploymentType,
    model: event.model,
    backend: event.backend,
    dialect: event.dialect,
    operation: event.operation,
    streamed: event.streamed,
    outcome: event.outcome,
    tokens: tokenCounts(event.usage),
    estimated: event.estimated,
    latencyMs: finiteOrZero(event.latencyMs),
    timeToFirstTokenMs: event.timeToFirstTokenMs === undefined ? null : finiteOrZero(event.timeToFirstTokenMs),
    costMicroUsd: wholeCount(priced.costMicroUsd),
    priceCardVersion: priced.priceCardVersion,
  };
}

/** The five disjoint buckets of a usage, as whole counts. */
export function tokenCounts(usage: Usage): TokenCounts {
  return {
    input: wholeCount(usage.input),
    cachedInput: wholeCount(usage.cachedInput),
    cacheWriteInput: wholeCount(usage.cacheWriteInput),
    output: wholeCount(usage.output),
    reasoning: wholeCount(usage.reasoning),
  };
}

function wholeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
