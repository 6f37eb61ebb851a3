// A process that runs the usage ledger under a steady stream of calls, for measuring what a SIGKILL loses. It
// announces on stdout, one line each, written synchronously so the pipe holds them when the process dies:
//   READY                          the database is open and calls start
//   A <sequence> <at>              a call was recorded (its request id is kill_<sequence>, `at` is Date.now())
//   F <endedAt> <durationMs> <n>   a batch of n records was committed
// Settings come from the environment: LEDGER_SQLITE_PATH or LEDGER_DATABASE_URL (+ LEDGER_SCHEMA),
// LEDGER_CALLS_PER_SECOND, LEDGER_FLUSH_EVERY_MS.
import { writeSync } from 'node:fs';
import { createLedger, UNPRICED } from '../../../src/metering/index.js';
import { EMPTY_USAGE } from '../../../src/spec/index.js';
import { openDatabase } from '../../../src/store/index.js';

const TICK_MS = 5;
const callsPerSecond = Number(process.env.LEDGER_CALLS_PER_SECOND ?? '400');
const flushEveryMs = Number(process.env.LEDGER_FLUSH_EVERY_MS ?? '1000');

const database = await openDatabase({
  sqlitePath: process.env.LEDGER_SQLITE_PATH ?? 'ledger-under-load.db',
  ...(process.env.LEDGER_DATABASE_URL === undefined ? {} : { url: process.env.LEDGER_DATABASE_URL }),
  ...(process.env.LEDGER_SCHEMA === undefined ? {} : { schema: process.env.LEDGER_SCHEMA }),
});
const ledger = createLedger({
  db: database.db,
  pricer: UNPRICED,
  flushEveryMs,
  onError: (message) => writeSync(2, `${message}\n`),
  onFlush: (result) => writeSync(1, `F ${Date.now()} ${result.durationMs.toFixed(3)} ${result.records}\n`),
});

writeSync(1, 'READY\n');
const startedAt = performance.now();
let recorded = 0;
setInterval(() => {
  const due = Math.floor(((performance.now() - startedAt) / 1000) * callsPerSecond);
  let lines = '';
  while (recorded < due) {
    recorded += 1;
    const at = Date.now();
    ledger.record({
      requestId: `kill_${recorded}`,
      attempt: 0,
      at,
      projectId: 'prj_kill',
      keyId: 'key_kill',
      deploymentId: 'dep_kill',
      model: 'gpt-4o',
      deploymentType: 'global-standard',
      backend: 'vendor/gpt-4o',
      dialect: 'openai',
      operation: 'chat',
      streamed: false,
      outcome: 'ok',
      usage: { ...EMPTY_USAGE, input: 20, output: 5, raw: {} },
      estimated: false,
      latencyMs: 1,
    });
    lines += `A ${recorded} ${at}\n`;
  }
  if (lines !== '') writeSync(1, lines);
}, TICK_MS);
