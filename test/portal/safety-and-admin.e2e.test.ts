import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  ADMIN,
  CHROMIUM,
  CHROMIUM_ARGS,
  PROJECT,
  PROJECT_KEY,
  browserSkip,
  startDemoHangar,
  type DemoHangar,
} from './portal-harness.js';

// Content safety and the platform admin pages in a browser, against a running Hangar: what the forms send is what
// the API stores, and the API's own messages reach the page.
describe('content safety and admin pages in a browser', { skip: browserSkip }, () => {
  let demo: DemoHangar;
  let browser: Browser;
  let page: Page;

  const open = async (hash: string, heading: string | RegExp) => {
    await page.goto(`${demo.hangar.url}/#${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  before(async () => {
    demo = await startDemoHangar({ seedRequests: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${demo.hangar.url}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor({ state: 'attached' });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('creates a blocklist and a policy naming it, puts a deployment under it, and shows what it filtered', async () => {
    await open('/content-safety', /Content safety/);
    await page.getByRole('tab', { name: 'Blocklists' }).click();
    await page.getByLabel('Blocklist name').fill('codenames');
    await page.getByRole('button', { name: 'Create blocklist' }).click();
    await page.getByLabel('New item for codenames').fill('(a+)+$');
    await page.getByLabel('Regular expression').check();
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByText(/items\[0\]\.pattern: The regular expression "\(a\+\)\+\$" is refused/).waitFor();
    await page.getByLabel('New item for codenames').fill('nightjar');
    await page.getByLabel('Regular expression').uncheck();
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByText('nightjar', { exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Policies' }).click();
    await page.getByRole('button', { name: 'New policy', exact: true }).click();
    await page.getByLabel('Policy name').fill('strict');
    await page.getByLabel('Email addresses on the prompt').selectOption('redact');
    await page.getByRole('group', { name: 'On the prompt' }).getByLabel('codenames').check();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy strict is saved').waitFor();
    const stored = await demo.admin('GET', `/admin/projects/${PROJECT}/content-filters/strict`);
    const prompt = (stored.body as { prompt: { blocklists: string[]; pii: { email: string } } }).prompt;
    assert.deepEqual(prompt.blocklists, ['codenames']);
    assert.equal(prompt.pii.email, 'redact');

    await page.getByLabel('Policy of chat').selectOption('strict');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Apply' }).waitFor({ state: 'detached' });
    const deployments = await demo.admin('GET', `/admin/projects/${PROJECT}/deployments`);
    const chat = (deployments.body as { data: { name: string; content_filter: string | null }[] }).data.find(
      (deployment) => deployment.name === 'chat',
    );
    assert.equal(chat?.content_filter, 'strict');

    const refused = await fetch(`${demo.hangar.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROJECT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'What is project nightjar?' }] }),
    });
    assert.equal(refused.status, 400);
    await page.getByRole('tab', { name: 'Filtered requests' }).click();
    await page.getByText('Blocklist codenames: matched, filtered').waitFor();
  });

  it('creates a project, showing its keys once', async () => {
    await open('/admin/projects', 'Projects');
    await page.getByLabel('Project name').fill('research');
    await page.getByRole('button', { name: 'Create project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Project research created' });
    const keys = await dialog.locator('code').allInnerTexts();
    assert.equal(keys.length, 2);
    assert.ok(keys.every((key) => key.startsWith('hgr_')));
    await dialog.getByRole('button', { name: 'I have copied them' }).click();
    assert.equal(await page.getByText(keys[0]!).count(), 0, 'the keys are not shown again');
  });

  it('never shows a connection’s key', async () => {
    await open('/admin/connections', 'Connections');
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByLabel('Connection name').fill('xai');
    await page.getByLabel('Provider').selectOption('xai');
    await page.getByLabel('API key').fill('xai-secret-for-the-test');
    await page.getByRole('dialog').getByRole('button', { name: 'Add connection' }).click();
    await page.getByRole('button', { name: 'Edit xai' }).waitFor();
    assert.ok(!(await page.content()).includes('xai-secret-for-the-test'));
  });

  it('shows the local engine and unloads a model', async () => {
    await fetch(`${demo.hangar.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROJECT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'local-chat', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 }),
    });
    await open('/admin/models', 'Local models');
    await page.getByRole('button', { name: 'Unload tiny' }).click();
    await page.getByText(/tiny is (unloaded|in use)/).waitFor();
  });
});
