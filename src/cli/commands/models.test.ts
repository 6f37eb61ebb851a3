import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serveModelFiles, type ModelFileServer } from '../../engine/model-store/testing/serve-model-files.js';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { runCli } from '../run-cli.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-models-cli-'));
const dataDir = join(directory, 'data');
const ggufPath = join(directory, 'tiny.gguf');
let server: ModelFileServer;

async function hangar(argv: string[], options: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty === true },
    env: { HANGAR_DATA_DIR: dataDir, HANGAR_HF_ENDPOINT: server.url },
  });
  return { code, stdout, stderr };
}

describe('hangar models', () => {
  before(async () => {
    await writeTinyLlamaGguf(ggufPath, { chatTemplate: '<|user|>{{ content }}\n<|assistant|>' });
    server = await serveModelFiles({ '/someone/tiny-repo/resolve/main/tiny.gguf': { body: readFileSync(ggufPath) } });
  });
  after(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('pulls from hf: through HANGAR_HF_ENDPOINT, printing a progress line per 10%', async () => {
    const pulled = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--name', 'tiny']);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /^Pulled tiny \(llama, F32, [\d.]+K parameters, 0\.\d MB\) into .*tiny\.gguf\n/);
    assert.match(pulled.stdout, /sha256 [0-9a-f]{64} \(verified\)/);
    const lines = pulled.stderr.trimEnd().split('\n');
    assert.ok(lines.length >= 2 && lines.length <= 11, pulled.stderr);
    assert.match(lines[0]!, /^ {2}0% {2}0\.0 \/ 0\.\d MB {2}[\d.]+ MB\/s$/);
    assert.match(lines.at(-1)!, /^100% {2}0\.\d \/ 0\.\d MB {2}[\d.]+ MB\/s$/);
    assert.ok(existsSync(join(dataDir, 'models', 'tiny', 'model.json')));

    const again = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--name', 'tiny']);
    assert.deepEqual(again, {
      code: 1,
      stdout: '',
      stderr: "hangar: A model named 'tiny' already exists; choose another name with --name, or remove it first.\n",
    });
  });

  it('redraws progress in place on a terminal', async () => {
    const pulled = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--name', 'tty'], {
      tty: true,
    });
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stderr, /^\r {2}0% .*\r100% .*MB\/s/s);
    assert.ok(pulled.stderr.endsWith('MB/s\u001b[K\n'), 'each redraw clears the rest of the line');
  });

  it('adds, lists, shows and removes models', async () => {
    const added = await hangar(['models', 'add', ggufPath, '--name', 'copied']);
    assert.deepEqual(added, {
      code: 0,
      stdout: added.stdout,
      stderr: '',
    });
    assert.match(added.stdout, /^Added copied \(llama, F32, /);

    const listed = await hangar(['models', 'list']);
    assert.match(
      listed.stdout,
      /^NAME\s+ARCHITECTURE\s+QUANTISATION\s+PARAMETERS\s+CONTEXT\s+SIZE\ncopied\s+llama\s+F32\s+[\d.]+K\s+256\s+0\.\d MB\ntiny\s+llama/,
    );
    const json = JSON.parse((await hangar(['models', 'list', '--json'])).stdout);
    assert.deepEqual(
      json.data.map((model: { name: string }) => model.name),
      ['copied', 'tiny', 'tty'],
    );

    const shown = await hangar(['models', 'show', 'copied']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^name: +copied\n/);
    assert.match(shown.stdout, /\narchitecture: +llama\n/);
    assert.match(shown.stdout, /\ncontext length: +256\n/);
    assert.match(shown.stdout, /\nChat template:\n {2}<\|user\|>\{\{ content \}\}\n {2}<\|assistant\|>\n$/);

    assert.deepEqual(await hangar(['models', 'rm', 'copied']), {
      code: 0,
      stdout: 'Removed model copied.\n',
      stderr: '',
    });
    const missing = await hangar(['models', 'show', 'copied']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no model named 'copied'/);
  });

  it('exits 2 for a source or checksum it cannot use, and lists models in help', async () => {
    const badSource = await hangar(['models', 'pull', 'ollama://llama3']);
    assert.equal(badSource.code, 2);
    assert.match(badSource.stderr, /not a model source/);
    const badSha = await hangar(['models', 'pull', 'hf:someone/tiny-repo/tiny.gguf', '--sha256', 'abc']);
    assert.equal(badSha.code, 2);
    assert.match(badSha.stderr, /64 hexadecimal digits/);
    assert.equal((await hangar(['models', 'list', '--url', 'http://x'])).code, 2);
    assert.match((await hangar(['help'])).stdout, /hangar models pull SOURCE \[--name NAME\] \[--sha256 HEX\]/);
  });
});
