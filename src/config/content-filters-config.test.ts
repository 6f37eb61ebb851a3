import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from './index.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-content-filters-config-'));
function fromFile(yaml: string) {
  const path = join(directory, 'hangar.yaml');
  writeFileSync(path, yaml);
  return loadConfig({ configFile: path, env: { SAFETY_KEY: 'key-from-the-environment', REGEX: 'true' } });
}

describe('content filters and blocklists in the file', () => {
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('declares platform policies, and a project’s blocklists and policies, by name', () => {
    const config = fromFile(`
content_filters:
  default:
    prompt: { jailbreak: annotate }
  screened:
    analyzer: { type: azure-content-safety, endpoint: "https://safety.example.com", api_key: "\${SAFETY_KEY}" }
projects:
  - name: shop
    blocklists:
      rivals:
        description: Rivals
        items:
          - pattern: contoso
          - pattern: "c[o0]ntoso"
            regex: \${REGEX}
    content_filters:
      strict:
        prompt: { hate: low, blocklists: [rivals] }
`);
    assert.deepEqual(config.declared.contentFilters, [
      { name: 'default', definition: { prompt: { jailbreak: 'annotate' } } },
      {
        name: 'screened',
        definition: {
          analyzer: {
            type: 'azure-content-safety',
            endpoint: 'https://safety.example.com',
            api_key: 'key-from-the-environment',
          },
        },
      },
    ]);
    const [project] = config.declared.projects;
    assert.deepEqual(project?.blocklists, [
      {
        name: 'rivals',
        description: 'Rivals',
        items: [{ pattern: 'contoso' }, { pattern: 'c[o0]ntoso', regex: true }],
      },
    ]);
    assert.deepEqual(project?.contentFilters, [
      { name: 'strict', definition: { prompt: { hate: 'low', blocklists: ['rivals'] } } },
    ]);
  });

  it('declares none when the file names none', () => {
    const config = fromFile('projects:\n  - name: shop\n');
    assert.equal(config.declared.contentFilters, undefined);
    assert.equal(config.declared.projects[0]?.blocklists, undefined);
    assert.equal(config.declared.projects[0]?.contentFilters, undefined);
  });

  it('refuses a policy that is not a mapping, a bad name, and a blocklist item without a pattern', () => {
    assert.throws(
      () => fromFile('content_filters:\n  strict: low\n'),
      (error: unknown) => error instanceof ConfigError && /content_filters\.strict/.test(error.message),
    );
    assert.throws(
      () => fromFile('content_filters:\n  "bad name": {}\n'),
      (error: unknown) => error instanceof ConfigError && /content_filters/.test(error.message),
    );
    assert.throws(
      () =>
        fromFile(
          'projects:\n  - name: shop\n    blocklists:\n      rivals:\n        items:\n          - regex: true\n',
        ),
      (error: unknown) =>
        error instanceof ConfigError && /projects\[0\]\.blocklists\.rivals\.items\[0\]\.pattern/.test(error.message),
    );
  });
});
