import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/index.js';
import { measureKillWindow } from '../support/ledger-kill/measure-kill-window.js';

const postgresUrl = loadConfig({}).database.url;
const FLUSH_EVERY_MS = 1000;
/** How late a timer may fire on a busy test machine; the window is the interval plus a commit plus this. */
const TIMER_LATENESS_MS = 100;

// docs/operations.md promises: a SIGKILL loses at most the calls of the last flush interval (plus one commit), and
// never leaves records without their rollups. A child runs the ledger under 300 calls/s, fewer than a batch per
// interval, so the interval (not a full batch) decides when records are written.
describe('usage ledger under SIGKILL', () => {
  for (const database of ['sqlite', 'postgres'] as const) {
    const skip = database === 'postgres' && postgresUrl === undefined ? 'DATABASE_URL is not set' : undefined;
    it(`on ${database}, loses only records younger than the flush interval plus one commit`, { skip }, async () => {
      const result = await measureKillWindow({
        ...(database === 'postgres' && postgresUrl !== undefined ? { postgresUrl } : {}),
        callsPerSecond: 300,
        flushEveryMs: FLUSH_EVERY_MS,
        runMs: 1500 + Math.random() * FLUSH_EVERY_MS,
      });
      const summary = JSON.stringify(result);
      assert.ok(result.flushes >= 1 && result.stored > 0, `at least one flush committed: ${summary}`);
      assert.equal(result.unannounced, 0, summary);
      assert.equal(result.stored + result.lost, result.recorded, summary);
      assert.ok(
        result.oldestLostAgeMs <= FLUSH_EVERY_MS + result.longestFlushMs + TIMER_LATENESS_MS,
        `the oldest lost record was ${result.oldestLostAgeMs} ms old: ${summary}`,
      );
      assert.equal(result.rollupRequests, result.stored, `rollups count exactly the stored records: ${summary}`);
    });
  }
});
