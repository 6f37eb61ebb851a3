import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EvalReport } from '../../safety/eval/index.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

const API_KEY = 'hk-eval-test';

function line(id: string, source: string, text: string, labels: Record<string, string | boolean> = {}): string {
  return JSON.stringify({
    id,
    source,
    text,
    labels: {
      hate: 'safe',
      sexual: 'safe',
      violence: 'safe',
      self_harm: 'safe',
      jailbreak: false,
      indirect_attack: false,
      ...labels,
    },
  });
}

interface SeenRequest {
  path: string | undefined;
  authorization: string | undefined;
  body: { model: string; max_tokens: number; messages: { role: string; content: string }[] };
}

/** A stand-in for Hangar's chat completions: Llama Guard's answers, `unsafe S10` (hate) for the marked text. */
function startFakeHangar(status = 200): Promise<{ server: Server; url: string; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as SeenRequest['body'];
      seen.push({ path: request.url, authorization: request.headers.authorization, body });
      response.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) {
        response.end(JSON.stringify({ error: { message: 'Invalid API key.', code: 'invalid_api_key' } }));
        return;
      }
      const prompt = body.messages.map((message) => message.content).join('\n');
      const content = prompt.includes('MARKED-HATEFUL') ? 'unsafe\nS10' : 'safe';
      response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, seen });
    });
  });
}

describe('hangar safety eval', () => {
  let directory: string;
  let setDirectory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-safety-eval-'));
    setDirectory = join(directory, 'set');
    await mkdir(setDirectory);
    await writeFile(
      join(setDirectory, 'hate.jsonl'),
      [
        line('h-1', 'user', 'MARKED-HATEFUL statement about a group', { hate: 'high' }),
        line('h-2', 'user', 'Beat the eggs'),
      ].join('\n'),
    );
    await writeFile(
      join(setDirectory, 'benign.jsonl'),
      [
        line('b-1', 'tool', 'INFO server listening on :8080'),
        line('b-2', 'system', 'You are a helpful assistant.'),
      ].join('\n'),
    );
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('scores the model analyzer through chat completions against a running Hangar', async () => {
    const hangar = await startFakeHangar();
    try {
      const argv = ['safety', 'eval', '--analyzer', 'model', '--deployment', 'guard', '--set', setDirectory, '--json'];
      const run = await runCliCaptured(argv, hangar.url, { HANGAR_API_KEY: API_KEY });
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      // Four grades and three shield questions: two user items, one tool item, none for the system prompt.
      assert.equal(hangar.seen.length, 7);
      for (const request of hangar.seen) {
        assert.equal(request.path, '/v1/chat/completions');
        assert.equal(request.authorization, `Bearer ${API_KEY}`);
        assert.equal(request.body.model, 'guard');
        assert.ok(request.body.max_tokens > 0);
      }
      const report = JSON.parse(run.stdout) as EvalReport;
      assert.equal(report.analyzer, 'model');
      assert.equal(report.threshold, 'medium');
      const counts = (name: string): number[] => {
        const metric = report.metrics.find((entry) => entry.name === name);
        assert.ok(metric);
        return [metric.truePositives, metric.falsePositives, metric.falseNegatives, metric.trueNegatives];
      };
      assert.deepEqual(counts('hate'), [1, 0, 0, 3]);
      // Llama Guard's `unsafe` on a shield prompt counts as an attack: the hateful user text is a jailbreak FP.
      assert.deepEqual(counts('jailbreak'), [0, 1, 0, 1]);
      assert.deepEqual(counts('indirect_attack'), [0, 0, 0, 1]);
      assert.deepEqual(report.benign, { items: 2, falsePositives: 0, falsePositiveRate: 0, falsePositiveIds: [] });

      const markdown = await runCliCaptured(
        ['safety', 'eval', '--analyzer', 'model', '--deployment', 'guard', '--set', setDirectory, '--api-key', API_KEY],
        hangar.url,
        {},
      );
      assert.equal(markdown.code, 0);
      assert.match(markdown.stdout, /^Analyzer `model`, threshold `medium`: 4 items judged, 2 of them benign\.\n/);
      assert.match(
        markdown.stdout,
        /\n\| hate +\| all items +\| +1 \| +0 \| +0 \| +3 \| +1\.000 \| +1\.000 \| 0\.000 \|\n/,
      );
    } finally {
      hangar.server.close();
    }
  });

  it('prints what it measured and exits 1 when the analyzer fails on items', async () => {
    const hangar = await startFakeHangar(401);
    try {
      const run = await runCliCaptured(
        ['safety', 'eval', '--analyzer', 'model', '--deployment', 'guard', '--set', setDirectory],
        hangar.url,
        { HANGAR_API_KEY: 'wrong' },
      );
      assert.equal(run.code, 1);
      assert.match(run.stdout, /: 0 items judged, 0 of them benign\./);
      assert.match(run.stdout, /Left out because the analyzer failed on them: `b-1`, `b-2`, `h-1`, `h-2`\./);
      assert.match(run.stderr, /^hangar: the analyzer failed on 4 item\(s\), left out of the figures; first \(b-1\): /);
      assert.match(run.stderr, /Hangar answered 401: Invalid API key\./);
    } finally {
      hangar.server.close();
    }
  });

  it('exits 1 naming the file and line when the set does not load', async () => {
    const broken = join(directory, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'violence.jsonl'), `${line('v-1', 'user', 'fine')}\n{"id": "v-2"}\n`);
    const run = await runCliCaptured(
      ['safety', 'eval', '--analyzer', 'model', '--deployment', 'guard', '--set', broken],
      'http://127.0.0.1:9',
      { HANGAR_API_KEY: API_KEY },
    );
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'hangar: violence.jsonl:2: source is required\n');
  });

  it('exits 2 for options it cannot use', async () => {
    const cases: [string[], RegExp][] = [
      [['--analyzer', 'regex'], /--analyzer 'regex' must be one of builtin, model, azure-content-safety/],
      [['--threshold', 'off'], /--threshold 'off' must be one of low, medium, high/],
      [['--concurrency', '0'], /--concurrency '0' must be a whole number from 1 to 64/],
      [['--analyzer', 'model', '--deployment', 'guard'], /needs a project key: pass --api-key or set HANGAR_API_KEY/],
      [['--analyzer', 'model', '--api-key', 'k'], /needs one --deployment/],
      [['--analyzer', 'azure-content-safety', '--key', 'k'], /needs --endpoint/],
      [
        ['--analyzer', 'azure-content-safety', '--endpoint', 'https://cs.example.test'],
        /needs --key or AZURE_CONTENT_SAFETY_KEY/,
      ],
      [['extra'], /unexpected argument 'extra'/],
    ];
    for (const [options, message] of cases) {
      const run = await runCliCaptured(['safety', 'eval', ...options], 'http://127.0.0.1:9', {});
      assert.equal(run.code, 2, options.join(' '));
      assert.match(run.stderr, message);
    }
  });
});
