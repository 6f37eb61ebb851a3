import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_USAGE } from '../spec/index.js';
import type { UsageEvent } from './usage-event.js';
import { LoggingUsageRecorder } from './usage-recorder.js';

describe('LoggingUsageRecorder', () => {
  it('writes each finished request as one debug line carrying the whole event', () => {
    const lines: { object: object; message: string }[] = [];
    const recorder = new LoggingUsageRecorder({ debug: (object, message) => lines.push({ object, message }) });
    const event: UsageEvent = {
      requestId: 'req_1',
      attempt: 0,
      at: 1_800_000_000_000,
      projectId: 'prj_1',
      keyId: 'key_1',
      deploymentId: 'dep_1',
      model: 'grok-3',
      deploymentType: 'global-standard',
      backend: 'xai/grok-3',
      dialect: 'openai',
      operation: 'chat',
      streamed: false,
      outcome: 'ok',
      usage: { ...EMPTY_USAGE, input: 12, output: 3 },
      estimated: true,
      latencyMs: 4,
    };
    recorder.record(event);
    assert.deepEqual(lines, [{ object: { usage: event }, message: 'usage' }]);
  });
});
