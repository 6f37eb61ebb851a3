import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  ADMIN,
  CHROMIUM,
  CHROMIUM_ARGS,
  browserSkip,
  screenshotsDirectory,
  startDemoHangar,
  type DemoHangar,
} from './portal-harness.js';

// The portal end to end: Debian's Chromium against a running Hangar with an emulated vendor and a tiny local model.
// Each page visited is saved under docs/screenshots/, which the README shows.
describe('the portal in a browser', { skip: browserSkip }, () => {
  let demo: DemoHangar;
  let browser: Browser;
  let page: Page;
  let shots: string;

  const shot = async (name: string) => {
    await page.screenshot({ path: join(shots, `${name}.png`) });
  };
  const open = async (hash: string, heading: string | RegExp) => {
    await page.goto(`${demo.hangar.url}/#${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  before(async () => {
    shots = await screenshotsDirectory();
    demo = await startDemoHangar({ serviceLevelHistory: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('signs in with email and password and shows the pages a platform admin may use', async () => {
    await page.goto(`${demo.hangar.url}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await shot('sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.waitFor();
    for (const name of ['Catalog', 'Deployments', 'Playground', 'Keys', 'Usage', 'Billing', 'Service levels']) {
      assert.ok(await nav.getByRole('link', { name }).isVisible(), `${name} is in the navigation`);
    }
    assert.ok(await nav.getByRole('link', { name: 'Connections' }).isVisible());
  });

  it('deploys a model from its catalog card', async () => {
    await open('/catalog', 'Catalog');
    await shot('catalog');
    await page
      .getByRole('button', { name: /^Deploy GPT-4o$/i })
      .first()
      .click();
    const form = page.getByRole('form', { name: 'Create a deployment' });
    await form.getByLabel('Deployment name').fill('portal-chat');
    await form
      .getByRole('combobox', { name: /Connection/ })
      .first()
      .selectOption('openai');
    await form
      .getByRole('textbox', { name: /Upstream model/ })
      .first()
      .fill('gpt-4o');
    await form.getByRole('button', { name: 'Create deployment' }).click();
    await page.getByRole('heading', { level: 1, name: /portal-chat/ }).waitFor();
    await shot('deployment');
    await open('/deployments', 'Deployments');
    await page.getByRole('main').getByText('portal-chat').first().waitFor();
    await shot('deployments');
  });

  it('creates a key and shows its secret once', async () => {
    await open('/keys', 'Keys');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('portal-e2e');
    await dialog.getByRole('button', { name: /^Create/ }).click();
    const secret = page.getByRole('dialog');
    await secret.getByRole('button', { name: /Copy the secret of portal-e2e/ }).waitFor();
    await shot('key-created');
    await secret
      .getByRole('button', { name: /Close|Done|I have copied it/ })
      .first()
      .click();
    await page.getByRole('cell', { name: 'portal-e2e' }).first().waitFor();
    await shot('keys');
  });

  it('chats in the playground, streaming, with tokens, latency and cost', async () => {
    await open('/playground', 'Playground');
    await page.getByRole('button', { name: 'Create a playground key' }).click();
    await page.getByLabel('Message').fill('Hello from the portal test');
    await page.getByRole('button', { name: 'Send' }).click();
    const stats = page.getByRole('definition').first();
    await page.getByText('Echo: Hello from the portal test').waitFor({ timeout: 15_000 });
    await stats.waitFor();
    const figures = await page.locator('.reply-stats').first().innerText();
    assert.match(figures, /\$/, `the reply shows a cost: ${figures}`);
    await shot('playground');
  });

  it('shows usage and cost for the requests just made', async () => {
    await open('/usage', 'Usage');
    await page.getByRole('img').first().waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /\$\d/, 'a cost in dollars is shown');
    await shot('usage');
  });

  it('downloads an invoice from billing', async () => {
    await open('/billing', 'Billing');
    const download = page.waitForEvent('download');
    await page
      .getByRole('button', { name: /Download the invoice of .* as CSV/ })
      .first()
      .click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.csv$/);
    await shot('billing');
  });

  it('opens the service levels, content safety and admin pages', async () => {
    await open('/service-levels', 'Service levels');
    // The trend of the requests made above, in hourly steps, once every section has loaded.
    await page.getByRole('img', { name: 'Latency p95 of chat' }).waitFor();
    await page.getByRole('table', { name: /SLA report/ }).waitFor();
    await shot('service-levels');
    await page.getByRole('heading', { name: 'Availability and latency over time' }).scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 240)');
    await shot('service-levels-trends');
    await open('/content-safety', 'Content safety');
    await shot('content-safety');
    await open('/members', 'Members');
    await open('/admin/projects', 'Projects');
    await shot('admin-projects');
    await open('/admin/connections', 'Connections');
    await shot('admin-connections');
    await open('/admin/models', 'Local models');
    await shot('admin-models');
  });

  it('pulls a local model and shows its progress', async () => {
    await open('/admin/models', 'Local models');
    await page.getByLabel('Source').fill(`${demo.modelFiles.url}/files/tinystories.gguf`);
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: /^Pull of / });
    await progress.waitFor();
    // Some bytes in, not all: the bar is caught moving.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const done = Number(await progress.getAttribute('aria-valuenow'));
      const total = Number(await progress.getAttribute('aria-valuemax'));
      if (done > 0 && done < total) break;
      assert.ok(Date.now() < deadline, 'the progress bar shows a download under way');
      await sleep(50);
    }
    await page.getByRole('heading', { name: 'Pull a model' }).scrollIntoViewIfNeeded();
    await shot('admin-models-pull');
    await page.getByText(/^Pulled tinystories \(.+\); sha256 verified\.$/).waitFor();
    await page.getByRole('button', { name: 'Load tinystories' }).waitFor();
    assert.equal(await progress.count(), 0, 'the finished pull is no longer listed as running');
  });

  it('works in the dark theme and on a phone-sized screen', async () => {
    await page.getByLabel('Theme').selectOption('dark');
    await open('/usage', 'Usage');
    await shot('usage-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/deployments', 'Deployments');
    await page.getByRole('button', { name: 'Menu' }).click();
    assert.ok(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Keys' }).isVisible());
    await shot('mobile');
  });
});
