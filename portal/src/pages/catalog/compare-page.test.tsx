import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import type { ProjectRole } from '../../api/types';
import { memberMe, SignedIn, sessionRoutes } from '../../testing/render-signed-in';
import { GEMINI_FLASH, GPT_4O, PHI, list } from './catalog-fixtures';
import { compareIds, ComparePage } from './compare-page';

const routes = (role: ProjectRole) => ({
  ...sessionRoutes(memberMe(role)),
  'GET /admin/catalog/models': list([GPT_4O, GEMINI_FLASH, PHI]),
  'GET /admin/catalog/models/gpt-4o': GPT_4O,
  'GET /admin/catalog/models/gemini-2.5-flash': GEMINI_FLASH,
  'GET /admin/catalog/models/phi-4': PHI,
});

/** The cells of the row whose header is `label`. */
function row(label: string): string[] {
  const header = screen.getByText(label, { selector: 'th' });
  const cells = header.closest('tr')?.querySelectorAll('td') ?? [];
  return [...cells].map((cell) => cell.textContent ?? '');
}

void describe('compare page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
    window.location.hash = '';
  });

  void it('reads the two ids from the address', () => {
    assert.deepEqual(compareIds('/catalog/compare?a=gpt-4o&b=o3'), { a: 'gpt-4o', b: 'o3' });
    assert.deepEqual(compareIds('/catalog/compare'), { a: '', b: '' });
  });

  void it('shows two models side by side, prices included, and swaps one', async () => {
    window.location.hash = '#/catalog/compare?a=gpt-4o&b=gemini-2.5-flash';
    const fake = fakeFetch(routes('Reader'));
    try {
      render(
        <SignedIn>
          <ComparePage />
        </SignedIn>,
      );
      await screen.findByText('Context window', { selector: 'th' });
      assert.deepEqual(row('Vendor'), ['openai', 'google']);
      assert.deepEqual(row('Context window'), ['128K', '1M']);
      assert.deepEqual(row('Max output'), ['16K', '64K']);
      assert.deepEqual(row('Capabilities'), ['Tools, JSON schema, Vision', 'Tools, Reasoning']);
      assert.deepEqual(row('Retires'), ['1 Mar 2099', 'Not announced']);
      assert.deepEqual(row('Price per 1M tokens: global-standard (Azure)'), [
        'input $2.50 · cached $1.25 · output $10.00',
        '—',
      ]);
      assert.deepEqual(row('Price per 1M tokens: standard (vendor)'), [
        '—',
        'input $0.30 · cached $0.075 · output $2.50',
      ]);
      assert.ok(screen.queryByText(/^Deploy /, { selector: 'button' }) === null, 'a Reader may not deploy');

      await screen.findAllByText('Phi-4 (microsoft)', { selector: 'option' });
      fireEvent.change(screen.getByLabelText('Second model'), { target: { value: 'phi-4' } });
      assert.equal(window.location.hash, '#/catalog/compare?a=gpt-4o&b=phi-4');
      await waitFor(() => assert.deepEqual(row('Vendor'), ['openai', 'microsoft']));
    } finally {
      fake.restore();
    }
  });

  void it('shows the API’s message for a model the catalog does not have', async () => {
    window.location.hash = '#/catalog/compare?a=gpt-4o&b=gpt-9';
    const fake = fakeFetch({
      ...routes('Reader'),
      'GET /admin/catalog/models/gpt-9': new Response(
        JSON.stringify({ error: { message: "There is no catalog model 'gpt-9'.", code: 'not_found' } }),
        { status: 404 },
      ),
    });
    try {
      render(
        <SignedIn>
          <ComparePage />
        </SignedIn>,
      );
      await waitFor(() => assert.match(screen.getByRole('alert').textContent ?? '', /no catalog model 'gpt-9'/));
    } finally {
      fake.restore();
    }
  });

  void it('offers a Contributor to deploy either model', async () => {
    window.location.hash = '#/catalog/compare?a=gpt-4o&b=phi-4';
    const fake = fakeFetch({
      ...routes('Contributor'),
      'GET /admin/projects/team/content-filters': list([{ name: 'default', scope: 'platform', description: '' }]),
    });
    try {
      render(
        <SignedIn>
          <ComparePage />
        </SignedIn>,
      );
      fireEvent.click(await screen.findByText('Deploy Phi-4', { selector: 'button' }));
      const form = within(screen.getByRole('dialog'));
      assert.equal(form.getByLabelText<HTMLInputElement>('Model').value, 'phi-4');
      await form.findByText('default (platform)', { selector: 'option' });
    } finally {
      fake.restore();
    }
  });
});
