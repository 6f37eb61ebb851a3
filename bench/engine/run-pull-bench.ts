// `node --import tsx bench/engine/run-pull-bench.ts [--quick]`: what pulling a model through the admin API costs
// beside pulling it with the store directly (`hangar models pull`), from one loopback file server, rounds
// alternated. Writes bench/results/pull-latest.md.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openModelStore } from '../../src/engine/index.js';
import { serveModelFiles } from '../../src/engine/model-store/testing/serve-model-files.js';
import { startHangar } from '../../test/support/start-hangar.js';
import { writeTinyLlamaGguf } from '../../test/support/gguf/write-tiny-gguf.js';
import { median } from '../measure/statistics.js';
import { describeMachine } from '../report/machine-info.js';
import { markdownTable } from '../report/markdown-table.js';

const RESULTS_DIRECTORY = fileURLToPath(new URL('../results/', import.meta.url));
const quick = process.argv.includes('--quick');
const SIZE_MIB = quick ? 32 : 256;
const ROUNDS = quick ? 2 : 5;

function log(message: string): void {
  process.stderr.write(`pull bench: ${message}\n`);
}

const directory = mkdtempSync(join(tmpdir(), 'hangar-pull-bench-'));
try {
  // A tiny model padded to size: the GGUF reader reads the header, the download and the sha256 read it all.
  await writeTinyLlamaGguf(join(directory, 'tiny.gguf'), { seed: 1 });
  const body = Buffer.concat([readFileSync(join(directory, 'tiny.gguf')), Buffer.alloc(SIZE_MIB * 1024 * 1024)]);
  const files = await serveModelFiles({
    '/model.gguf': { body, etag: `"${createHash('sha256').update(body).digest('hex')}"` },
  });
  const hangar = await startHangar({
    yaml: 'models: []\n',
    env: { HANGAR_ENGINE_THREADS: '1', HANGAR_ENGINE_GPU: 'false' },
  });
  const source = `${files.url}/model.gguf`;

  const direct: number[] = [];
  const throughApi: number[] = [];
  let lines = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? (['direct', 'api'] as const) : (['api', 'direct'] as const);
    for (const side of order) {
      const name = `${side}-${round}`;
      const started = performance.now();
      if (side === 'direct') {
        await openModelStore(join(directory, `data-${name}`)).pull(source, { name, onProgress: () => undefined });
        direct.push(performance.now() - started);
      } else {
        const response = await fetch(`${hangar.url}/admin/engine/models/pull`, {
          method: 'POST',
          headers: { authorization: `Bearer ${hangar.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ source, name }),
        });
        const text = await response.text();
        const last = JSON.parse(text.trimEnd().split('\n').at(-1) ?? '{}') as { status?: string };
        if (last.status !== 'success') throw new Error(`the API pull ended ${text.slice(-300)}`);
        lines += text.trimEnd().split('\n').length;
        throughApi.push(performance.now() - started);
        // The server's store keeps every round's copy; the disk is the limit, not the test.
        rmSync(join(hangar.dataDir, 'models', name), { recursive: true, force: true });
      }
      rmSync(join(directory, `data-${name}`), { recursive: true, force: true });
      log(`round ${round + 1}/${ROUNDS} ${side}: ${Math.round((side === 'direct' ? direct : throughApi).at(-1)!)} ms`);
    }
  }
  await hangar.close();
  await files.close();

  const directMs = median(direct);
  const apiMs = median(throughApi);
  const table = markdownTable(
    ['pull of a ' + SIZE_MIB + ' MiB GGUF over loopback', 'median of ' + ROUNDS + ' (ms)', 'MiB/s'],
    [
      [
        'store directly (`hangar models pull`)',
        String(Math.round(directMs)),
        String(Math.round(SIZE_MIB / (directMs / 1000))),
      ],
      ['admin API, streamed progress', String(Math.round(apiMs)), String(Math.round(SIZE_MIB / (apiMs / 1000)))],
    ],
  );
  const machine = describeMachine(undefined);
  const report =
    `# Model pull: admin API vs the store directly\n\n${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ` +
    `load ${machine.loadAverageAtStart.toFixed(2)} at start\n\n${quick ? 'Quick run.\n\n' : ''}${table}\n\n` +
    `Ratio API / direct: ${(apiMs / directMs).toFixed(2)}. Progress lines per API pull: ${Math.round(lines / ROUNDS)}.\n`;
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(join(RESULTS_DIRECTORY, 'pull-latest.md'), report);
  process.stdout.write(report);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
