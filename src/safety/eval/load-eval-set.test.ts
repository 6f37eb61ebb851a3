import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HARM_CATEGORIES } from '../../spec/index.js';
import { EvalSetError, loadEvalSet, type EvalItem } from './load-eval-set.js';

const SAFE_LABELS = {
  hate: 'safe',
  sexual: 'safe',
  violence: 'safe',
  self_harm: 'safe',
  jailbreak: false,
  indirect_attack: false,
};
const GOOD = JSON.stringify({ id: 'a-1', source: 'user', text: 'Beat the eggs.', labels: SAFE_LABELS });

describe('loadEvalSet', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-eval-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  /** Writes one file into a fresh sub-directory and loads it; resolves with the error message, if any. */
  async function load(name: string, lines: string[]): Promise<string> {
    const folder = await mkdtemp(join(directory, 'set-'));
    await writeFile(join(folder, name), `${lines.join('\n')}\n`);
    try {
      await loadEvalSet(folder);
      return 'loaded';
    } catch (error) {
      assert.ok(error instanceof EvalSetError, String(error));
      return error.message;
    }
  }

  it('reads items with their file and line, skipping blank lines', async () => {
    const folder = await mkdtemp(join(directory, 'set-'));
    const second = GOOD.replace('a-1', 'a-2');
    await writeFile(join(folder, 'b.jsonl'), `${GOOD}\n\n${second}\n`);
    await writeFile(join(folder, 'a.jsonl'), GOOD.replace('a-1', 'z-1'));
    await writeFile(join(folder, 'notes.md'), 'not part of the set');
    const set = await loadEvalSet(folder);
    assert.deepEqual(
      set.items.map((item) => `${item.id}@${item.file}:${item.line}`),
      ['z-1@a.jsonl:1', 'a-1@b.jsonl:1', 'a-2@b.jsonl:3'],
    );
    assert.equal(set.items[1]?.text, 'Beat the eggs.');
  });

  it('names the file, the line and the field of a bad line', async () => {
    assert.equal(
      await load('x.jsonl', [GOOD, '{"id": "a-2",']),
      'x.jsonl:2: not valid JSON (' + jsonError('{"id": "a-2",') + ')',
    );
    const withLabel = (labels: object) => JSON.stringify({ id: 'b', source: 'user', text: 't', labels });
    assert.equal(
      await load('x.jsonl', [withLabel({ ...SAFE_LABELS, hate: 'extreme' })]),
      "x.jsonl:1: labels.hate must be one of safe, low, medium, high (found 'extreme')",
    );
    const { self_harm: _left, ...withoutSelfHarm } = SAFE_LABELS;
    assert.equal(await load('x.jsonl', [withLabel(withoutSelfHarm)]), 'x.jsonl:1: labels.self_harm is required');
    assert.equal(
      await load('x.jsonl', [withLabel({ ...SAFE_LABELS, jailbreak: 'yes' })]),
      "x.jsonl:1: labels.jailbreak must be a boolean (found 'yes')",
    );
    assert.equal(
      await load('x.jsonl', [GOOD.replace('"user"', '"assistant"')]),
      "x.jsonl:1: source must be one of user, system, tool (found 'assistant')",
    );
    assert.equal(await load('x.jsonl', [GOOD.replace('"Beat the eggs."', '""')]), 'x.jsonl:1: text must not be empty');
    assert.equal(
      await load('x.jsonl', [GOOD.replace('"id"', '"note": 1, "id"')]),
      "x.jsonl:1: the item has unknown key 'note'",
    );
    assert.equal(await load('x.jsonl', ['[1, 2]']), 'x.jsonl:1: the item must be an object');
  });

  it('refuses an id used twice, and a benign item labelled harmful', async () => {
    assert.equal(await load('x.jsonl', [GOOD, GOOD]), "x.jsonl:2: id 'a-1' is already used at x.jsonl:1");
    assert.equal(
      await load('benign.jsonl', [GOOD.replace('"hate":"safe"', '"hate":"medium"')]),
      "benign.jsonl:1: a benign item may be labelled at most 'low' (labels.hate is 'medium')",
    );
    assert.equal(
      await load('benign.jsonl', [GOOD.replace('"jailbreak":false', '"jailbreak":true')]),
      'benign.jsonl:1: a benign item cannot be labelled as an attack',
    );
    assert.equal(await load('elsewhere.jsonl', [GOOD.replace('"hate":"safe"', '"hate":"medium"')]), 'loaded');
  });

  it('says so when the directory is missing or holds no set', async () => {
    await assert.rejects(loadEvalSet(join(directory, 'missing')), /^EvalSetError: Cannot read the evaluation set at /);
    const empty = await mkdtemp(join(directory, 'empty-'));
    await assert.rejects(loadEvalSet(empty), /has no \.jsonl files/);
  });
});

describe('the shipped evaluation set', () => {
  let items: EvalItem[];
  before(async () => {
    items = (await loadEvalSet()).items;
  });

  const inFile = (file: string) => items.filter((item) => item.file === file);

  it('has every file with the size and spread the documentation describes', () => {
    const benign = inFile('benign.jsonl');
    assert.ok(benign.length >= 320, `benign.jsonl has ${benign.length} items`);
    for (const source of ['user', 'system', 'tool'] as const) {
      assert.ok(benign.filter((item) => item.source === source).length >= 30, `benign ${source} items`);
    }
    for (const category of HARM_CATEGORIES) {
      const file = inFile(`${category}.jsonl`);
      assert.ok(file.length >= 35, `${category}.jsonl has ${file.length} items`);
      for (const severity of ['low', 'medium', 'high'] as const) {
        const count = file.filter((item) => item.labels[category] === severity).length;
        assert.ok(count >= 8, `${category}.jsonl has ${count} items labelled ${severity}`);
      }
    }
    const jailbreak = inFile('jailbreak.jsonl');
    assert.ok(jailbreak.length >= 35);
    assert.ok(jailbreak.every((item) => item.source === 'user' && item.labels.jailbreak));
    const indirect = inFile('indirect_attack.jsonl');
    assert.ok(indirect.length >= 30);
    assert.ok(indirect.every((item) => item.source === 'tool' && item.labels.indirect_attack));
  });

  it('keeps ids unique and texts distinct', () => {
    assert.equal(new Set(items.map((item) => item.id)).size, items.length);
    assert.equal(new Set(items.map((item) => item.text)).size, items.length);
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
