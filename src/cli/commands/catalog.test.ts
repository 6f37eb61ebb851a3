import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../cli-io.js';
import type { Command } from '../command.js';
import { catalogList, catalogShow, type CatalogOptionValues } from './catalog.js';

/** Runs a command as run-cli.ts would once it has parsed the options; the catalog needs no server. */
async function hangar(command: Command, values: CatalogOptionValues = {}, args: string[] = []) {
  let stdout = '';
  const code = await command.run({
    values,
    args,
    io: { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} },
    client: () => assert.fail('the catalog commands must not call a server'),
  });
  return { code, stdout };
}

describe('hangar catalog', () => {
  it('lists the catalog with context, the lowest interactive price per 1M tokens and capabilities', async () => {
    const { code, stdout } = await hangar(catalogList);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+VENDOR\s+CONTEXT\s+INPUT \$\/1M\s+OUTPUT \$\/1M\s+CAPABILITIES$/);
    assert.ok(
      lines.some((line) => /^grok-3-mini\s+xai\s+131K\s+0\.25\s+1\.27\s+tools, json_schema, reasoning$/.test(line)),
    );
    assert.ok(
      lines.some((line) => /^gpt-4\.1\s+openai\s+1\.05M\s+2\.00\s+8\.00\s+tools, json_schema, vision$/.test(line)),
    );
    assert.ok(lines.some((line) => /^text-embedding-3-small\s+openai\s+8K\s+0\.02\s+-\s+embeddings$/.test(line)));
  });

  it('filters by vendor, capability and maximum input price', async () => {
    const ids = async (values: CatalogOptionValues): Promise<string[]> => {
      const listed: { data: { id: string }[] } = JSON.parse(
        (await hangar(catalogList, { ...values, json: true })).stdout,
      );
      return listed.data.map((model) => model.id);
    };
    assert.deepEqual(await ids({ vendor: 'xai' }), ['grok-3', 'grok-3-mini']);
    assert.deepEqual(await ids({ vendor: 'openai', capability: 'reasoning,vision' }), ['o4-mini']);
    assert.deepEqual(await ids({ vendor: 'meta', 'max-input-price': '0.25' }), ['llama-4-maverick', 'llama-4-scout']);
    const none = await hangar(catalogList, { vendor: 'nobody' });
    assert.equal(none.stdout, 'No catalog model matches; `hangar catalog` without filters lists them all.\n');
  });

  it('exits 2 for a filter it cannot use', async () => {
    for (const [values, message] of [
      [{ capability: 'telepathy' }, /--capability 'telepathy' must be one of tools, json_schema/],
      [{ 'max-input-price': '-1' }, /--max-input-price \(US dollars per 1M tokens\) must not be negative/],
    ] as const) {
      await assert.rejects(hangar(catalogList, values), (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.equal(error.exitCode, 2);
        assert.match(error.message, message);
        return true;
      });
    }
    await assert.rejects(hangar(catalogList, {}, ['grok-3']), /unexpected argument 'grok-3'/);
  });

  it("shows a model's card with every price and its source", async () => {
    const { code, stdout } = await hangar(catalogShow, {}, ['grok-3-mini']);
    assert.equal(code, 0);
    assert.match(stdout, /^id: +grok-3-mini\nname: +Grok 3 mini\nvendor: +xai \(xAI\)\n/);
    assert.match(stdout, /\ncontext window: +131,072 tokens\n/);
    assert.match(stdout, /\nparameters: +reasoning_effort: low \| high\n/);
    assert.match(stdout, /\nfile: +catalog\/models\/xai\.yaml\n/);
    assert.match(stdout, /\nPrices, US dollars per 1M tokens:\nDEPLOYMENT +SOLD BY +PROMPT ABOVE +INPUT +CACHED/);
    assert.match(
      stdout,
      /\nstandard +vendor +- +0\.30 +0\.075 +- +0\.50 +2025-06-02 +https:\/\/docs\.x\.ai\/docs\/models\n/,
    );
    assert.match(stdout, /\nNotes:\n {2}1\. standard, vendor: Reasoning tokens are billed as output\.\n/);

    const gemini = await hangar(catalogShow, {}, ['gemini-2.5-pro']);
    assert.match(gemini.stdout, /\nstandard +vendor +200K +2\.50 +0\.625 +- +15\.00 /);
    const json = JSON.parse((await hangar(catalogShow, { json: true }, ['phi-4'])).stdout);
    assert.equal(json.object, 'model_card');
    assert.equal(json.licence, 'MIT');
  });

  it('says how to find a model that is not there', async () => {
    await assert.rejects(hangar(catalogShow, {}, ['grok-99']), (error: unknown) => {
      assert.ok(error instanceof CliError);
      assert.equal(error.exitCode, 1);
      assert.equal(error.message, "There is no model 'grok-99' in the catalog; `hangar catalog` lists them.");
      return true;
    });
    await assert.rejects(hangar(catalogShow), /the model ID is required/);
  });
});
