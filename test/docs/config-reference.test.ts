import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../src/cli/commands/index.js';
// The file schema is not part of config's public API; the reference must still follow it key by key.
import { configFileSchema } from '../../src/config/config-schema.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { DEFAULT_AZURE_OPENAI_API_VERSION } from '../../src/providers/azure-openai/index.js';
import { PROVIDER_IDS } from '../../src/spec/index.js';

// docs/configuration.md is the reference operators read; it must name every key, variable, flag and provider.

/** The parts of a zod 4 schema definition this walk reads. */
interface SchemaDefinition {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDefinition } }>;
  element?: { _zod: { def: SchemaDefinition } };
  innerType?: { _zod: { def: SchemaDefinition } };
  in?: { _zod: { def: SchemaDefinition } };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault']);

/** Every key path of the YAML file, written as the docs write it: `server.port`, `connections[].name`. */
function keyPaths(definition: SchemaDefinition, prefix = ''): string[] {
  if (WRAPPERS.has(definition.type) && definition.innerType !== undefined) {
    return keyPaths(definition.innerType._zod.def, prefix);
  }
  if (definition.type === 'pipe' && definition.in !== undefined) return keyPaths(definition.in._zod.def, prefix);
  if (definition.type === 'array' && definition.element !== undefined) {
    return keyPaths(definition.element._zod.def, `${prefix}[]`);
  }
  if (definition.type !== 'object' || definition.shape === undefined) return [];
  return Object.entries(definition.shape).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...keyPaths(child._zod.def, path)];
  });
}

/** Upper-case string literals (`'HANGAR_PORT'`) and `env.NAME` reads in the non-test sources of a folder. */
async function environmentVariables(folder: string): Promise<string[]> {
  const directory = new URL(`../../src/${folder}/`, import.meta.url);
  const names = new Set<string>();
  for (const entry of await readdir(directory, { recursive: true })) {
    if (!entry.endsWith('.ts') || entry.endsWith('.test.ts')) continue;
    const source = await readFile(new URL(entry, directory), 'utf8');
    for (const match of source.matchAll(/['"]([A-Z][A-Z0-9]*_[A-Z0-9_]+)['"]|\benv\.([A-Z][A-Z0-9_]+)/g)) {
      names.add(match[1] ?? match[2]!);
    }
  }
  return [...names].sort();
}

const documentation = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
const missingFromDocs = (items: readonly string[], spelling: (item: string) => string) =>
  items.filter((item) => !documentation.includes(spelling(item)));
const quoted = (item: string) => `\`${item}\``;

describe('docs/configuration.md', () => {
  it('names every key of the YAML file by its full path', () => {
    const paths = keyPaths(configFileSchema._zod.def);
    for (const expected of ['server.port', 'connections[].timeout_ms', 'projects[].deployments[].backends[].model']) {
      assert.ok(paths.includes(expected), `the schema walk lost ${expected}; found ${paths.join(', ')}`);
    }
    assert.deepEqual(missingFromDocs(paths, quoted), []);
  });

  it('names every environment variable that config and the CLI read', async () => {
    const config = await environmentVariables('config');
    assert.ok(config.includes('HANGAR_PORT') && config.includes('DATABASE_URL'), `found only ${config.join(', ')}`);
    const cli = await environmentVariables('cli');
    assert.ok(cli.includes('HANGAR_URL'), `found only ${cli.join(', ')}`);
    assert.deepEqual(missingFromDocs([...config, ...cli], quoted), []);
  });

  it('names every flag of hangar serve', () => {
    const serve = COMMANDS.serve;
    assert.ok(serve !== undefined && serve.options.length > 0);
    assert.deepEqual(
      missingFromDocs(serve.options, (option) => `\`--${option}`),
      [],
    );
  });

  it('names every provider id with its default base URL, and the Azure api-version default', () => {
    assert.deepEqual(missingFromDocs(PROVIDER_IDS, quoted), []);
    const baseUrls = Object.values(PROVIDERS).flatMap((provider) =>
      provider.defaultBaseUrl === undefined ? [] : [provider.defaultBaseUrl],
    );
    assert.ok(baseUrls.length >= 5, `found only ${baseUrls.join(', ')}`);
    assert.deepEqual(missingFromDocs(baseUrls, quoted), []);
    assert.ok(documentation.includes(quoted(DEFAULT_AZURE_OPENAI_API_VERSION)));
  });
});
