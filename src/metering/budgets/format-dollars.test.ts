import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatDollars } from './format-dollars.js';

it('shows micro-dollars as dollars with cents, and finer digits only when present', () => {
  assert.equal(formatDollars(12_500_000), '$12.50');
  assert.equal(formatDollars(0), '$0.00');
  assert.equal(formatDollars(125), '$0.000125');
  assert.equal(formatDollars(1_234_567_890_000), '$1,234,567.89');
  assert.equal(formatDollars(9_950_100), '$9.9501');
});
