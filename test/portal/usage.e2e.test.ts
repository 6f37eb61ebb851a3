import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN, CHROMIUM, CHROMIUM_ARGS, browserSkip, startDemoHangar, type DemoHangar } from './portal-harness.js';

// Usage, billing and service levels against a running Hangar: the seeded requests show up as usage and cost, a
// budget is set and changed in the browser, files download with the session token, and the SLO and SLA figures
// of the deployment that served them appear.
describe('usage, billing and service levels in a browser', { skip: browserSkip }, () => {
  let demo: DemoHangar;
  let browser: Browser;
  let page: Page;

  const open = async (hash: string, heading: string) => {
    await page.goto(`${demo.hangar.url}/#${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const downloaded = async (click: () => Promise<void>) => {
    const download = page.waitForEvent('download');
    await click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
  };

  before(async () => {
    demo = await startDemoHangar({ seedRequests: 3 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await page.goto(`${demo.hangar.url}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('nav#nav').waitFor({ state: 'attached' });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('shows the seeded requests as usage by day and by deployment, and downloads them as CSV', async () => {
    await open('/usage', 'Usage');
    const byDeployment = page.getByRole('table', { name: 'Usage by deployment' });
    await byDeployment.getByRole('rowheader', { name: 'chat' }).waitFor();
    assert.match((await byDeployment.getByRole('row', { name: /^Total/ }).textContent()) ?? '', /\$\d/);
    assert.ok(await page.getByRole('img', { name: /^Cost per day/ }).isVisible());
    const csv = await downloaded(() => page.getByRole('button', { name: 'Download usage by day as CSV' }).click());
    assert.match(csv.name, /^usage-team-day-.*\.csv$/);
    assert.match(csv.text, /^day,/);
  });

  it('sets a budget on a key, changes it, and downloads this month’s invoice', async () => {
    await open('/billing', 'Billing');
    await page.getByRole('button', { name: 'New budget' }).click();
    await page.getByRole('button', { name: 'Create budget' }).click();
    await page.getByText('Enter the monthly limit in US dollars.').waitFor();
    await page.getByLabel('Covers').selectOption({ label: 'Key app' });
    await page.getByLabel('Monthly limit (USD)').fill('5');
    await page.getByRole('button', { name: 'Create budget' }).click();
    const card = page.getByRole('article', { name: 'Budget: Key app' });
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /of \$5\.00/);
    await page.getByRole('button', { name: 'Edit budget: Key app' }).click();
    await page.getByLabel('Monthly limit (USD)').fill('7.25');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText(/of \$7\.25/).waitFor();

    const month = new Date().toISOString().slice(0, 7);
    const html = await downloaded(() =>
      page
        .getByRole('button', { name: /as HTML$/ })
        .first()
        .click(),
    );
    assert.equal(html.name, `invoice-team-${month}.html`);
    assert.match(html.text, /<html/i);
    await page
      .getByRole('button', { name: /^Open the invoice of/ })
      .first()
      .click();
    await page
      .getByRole('table', { name: /^Lines of the invoice/ })
      .getByRole('rowheader', { name: 'chat' })
      .waitFor();
  });

  it('shows the deployment’s availability now and its SLA figures for the month', async () => {
    await open('/service-levels', 'Service levels');
    const now = page.getByRole('table', { name: /^Availability and latency per deployment/ });
    assert.match((await now.getByRole('row', { name: /^chat/ }).textContent()) ?? '', /100\.000 %/);
    await page.getByRole('img', { name: 'Availability of chat by month' }).waitFor();
    const sla = page.getByRole('table', { name: /^SLA report for/ });
    assert.match((await sla.getByRole('row', { name: /^chat/ }).textContent()) ?? '', /99\.90 %.*Met/);
  });
});
