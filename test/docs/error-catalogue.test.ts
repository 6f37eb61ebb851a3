import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { HTTP_STATUS_BY_ERROR_CODE } from '../../src/spec/index.js';

// docs/errors.md is the catalogue users read; it must list exactly the codes the server can send.
describe('docs/errors.md', () => {
  it('lists every error code with its status, and no code that does not exist', async () => {
    const text = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = new Map<string, number>();
    for (const match of text.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
      documented.set(match[1]!, Number(match[2]));
    }
    assert.deepEqual(Object.fromEntries(documented), { ...HTTP_STATUS_BY_ERROR_CODE });
  });
});
