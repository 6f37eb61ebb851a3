import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from './logger.js';

function capture(logPrompts: boolean) {
  const lines: string[] = [];
  const logger = createLogger('info', { logPrompts, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

describe('createLogger', () => {
  it('redacts prompt fields and secrets unless log_prompts is on', () => {
    const { logger, lines } = capture(false);
    const body = { model: 'chat', messages: [{ role: 'user', content: 'my secret plan' }] };
    logger.info({ requestId: 'req_1', prompt: body, upstream: { body: 'echoed my secret plan', apiKey: 'sk-x' } }, 'x');
    assert.doesNotMatch(lines[0]!, /secret plan|sk-x/);
    assert.match(lines[0]!, /"requestId":"req_1"/);
    assert.match(lines[0]!, /"prompt":"\[redacted\]"/);
    assert.match(lines[0]!, /"upstream":\{"body":"\[redacted\]","apiKey":"\[redacted\]"\}/);
  });

  it('lets prompts through with log_prompts, secrets still redacted', () => {
    const { logger, lines } = capture(true);
    logger.info({ requestId: 'req_2', prompt: { messages: ['hello'] }, connection: { apiKey: 'sk-y' } }, 'x');
    assert.match(lines[0]!, /hello/);
    assert.doesNotMatch(lines[0]!, /sk-y/);
  });
});
