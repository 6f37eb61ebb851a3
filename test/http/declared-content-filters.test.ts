import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

/** The config file's policies and blocklists, applied at start, as the admin API then shows them. */
describe('content filters declared in the config file', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      env: { SAFETY_KEY: 'content-safety-key-from-the-environment' },
      yaml: `
connections:
  - name: vendor
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
content_filters:
  default:
    prompt: { indirect_attack: block }
  screened:
    analyzer: { type: azure-content-safety, endpoint: "https://safety.example.com", api_key: "\${SAFETY_KEY}" }
projects:
  - name: shop
    deployments:
      - name: chat
        model: gpt-4o
        content_filter: strict
        backends: [{ connection: vendor, model: gpt-4o }]
    blocklists:
      rivals:
        items: [{ pattern: contoso }, { pattern: "c[o0]ntoso", regex: true }]
    content_filters:
      strict:
        prompt: { hate: low, blocklists: [rivals] }
`,
    });
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${hangar.url}${path}`, { headers: { authorization: `Bearer ${hangar.adminKey}` } });
    assert.equal(response.status, 200, path);
    return (await response.json()) as { data: Record<string, unknown>[] };
  };

  it('shows the declared platform and project policies, and never the key', async () => {
    const listed = await get('/admin/projects/shop/content-filters');
    assert.deepEqual(
      listed.data.map((policy) => [policy.name, policy.scope, policy.built_in]),
      [
        ['strict', 'project', false],
        ['default', 'platform', false],
        ['screened', 'platform', false],
      ],
    );
    assert.ok(!JSON.stringify(listed).includes('content-safety-key-from-the-environment'));
    const [blocklist] = (await get('/admin/projects/shop/blocklists')).data;
    assert.deepEqual(blocklist?.items, [
      { pattern: 'contoso', regex: false },
      { pattern: 'c[o0]ntoso', regex: true },
    ]);
    const [deployment] = (await get('/admin/projects/shop/deployments')).data;
    assert.equal(deployment?.content_filter, 'strict');
  });
});
