import { EMPTY_USAGE, type Usage } from '../../../spec/index.js';
import type { Pricer } from '../../pricing/pricer.js';
import type { UsageEvent } from '../../usage-event.js';

/** 2026-11-20T10:00:00Z: a fixed day, so rollups and reports can be checked exactly. */
export const TEST_DAY_MS = Date.parse('2026-11-20T10:00:00Z');

let sequence = 0;

/** A finished chat call with vendor usage (12 input, 3 output tokens), every field overridable. */
export function makeUsageEvent(
  overrides: Partial<Omit<UsageEvent, 'usage'>> & { usage?: Partial<Usage> } = {},
): UsageEvent {
  sequence += 1;
  const { usage, ...rest } = overrides;
  return {
    requestId: `req_test_${sequence}`,
    attempt: 0,
    at: TEST_DAY_MS,
    projectId: 'prj_a',
    keyId: 'key_a',
    deploymentId: 'dep_a',
    model: 'gpt-4o',
    deploymentType: 'global-standard',
    backend: 'vendor/gpt-4o',
    dialect: 'openai',
    operation: 'chat',
    streamed: false,
    outcome: 'ok',
    usage: { ...EMPTY_USAGE, input: 12, output: 3, raw: { prompt_tokens: 12 }, ...usage },
    estimated: false,
    latencyMs: 4.25,
    ...rest,
  };
}

/** 2 µUSD per prompt token and 10 per generated one, under card `test-card@1`; gpt-oss is free (cost 0). */
export const TEST_PRICER: Pricer = {
  price(query, tokens) {
    if (query.model === 'gpt-oss') return { costMicroUsd: 0, priceCardVersion: 'test-card@1' };
    const prompt = tokens.input + tokens.cachedInput + tokens.cacheWriteInput;
    return { costMicroUsd: prompt * 2 + (tokens.output + tokens.reasoning) * 10, priceCardVersion: 'test-card@1' };
  },
};
