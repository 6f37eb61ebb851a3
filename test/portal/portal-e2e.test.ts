import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  const open = async (hash: string, heading: string | RegExp) => {
    await page.goto(`${demo.hangar.url}/#${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  before(async () => {
    shots = await screenshotsDirectory();
    demo = await startDemoHangar();
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
});
