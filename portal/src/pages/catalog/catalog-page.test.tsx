import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import type { Me } from '../../api/types';
import { memberMe, PLATFORM_ADMIN, SignedIn, sessionRoutes } from '../../testing/render-signed-in';
import { CatalogPage } from './catalog-page';
import { GEMINI_FLASH, GPT_4O, PHI, VENDORS, list } from './catalog-fixtures';

const catalog = (me: Me, extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(me),
  'GET /admin/catalog/models': list([GPT_4O, GEMINI_FLASH, PHI]),
  'GET /admin/catalog/vendors': list(VENDORS),
  ...extra,
});

const apiError = (status: number, message: string, param?: string) =>
  new Response(JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'invalid_request', param } }), {
    status,
  });

// ByRole queries walk the accessibility tree and are slow on a page of cards; headings find a card as surely.
const card = (title: string): HTMLElement => {
  const article = screen.getByText(title, { selector: 'h2' }).closest('article');
  assert.ok(article instanceof HTMLElement, `a card for ${title}`);
  return article;
};
const findCard = async (title: string) => card((await screen.findByText(title, { selector: 'h2' })).textContent ?? '');
// (A DOM node in an assertion message would be inspected whole, which takes seconds: compare booleans.)
const noCard = (title: string) => assert.ok(screen.queryByText(title, { selector: 'h2' }) === null, `no ${title}`);

void describe('catalog page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
    window.location.hash = '';
  });

  void it('shows each model with vendor, capabilities, context, max output, prices and retirement', async () => {
    const fake = fakeFetch(catalog(memberMe('Reader')));
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      await findCard('GPT-4o');
      const gpt = within(card('GPT-4o'));
      assert.ok(gpt.getByText('OpenAI'));
      assert.ok(gpt.getByText('Tools'));
      assert.ok(gpt.getByText('JSON schema'));
      assert.ok(gpt.getByText('128K'), 'context');
      assert.ok(gpt.getByText('16K'), 'max output');
      assert.ok(gpt.getByText('$2.50'), 'input price per million');
      assert.ok(gpt.getByText('$10.00'), 'output price per million');
      assert.ok(gpt.getByText('global-standard (Azure)'));
      assert.ok(gpt.getByText('1 Mar 2099'));
      const gemini = within(card('Gemini 2.5 Flash'));
      assert.ok(gemini.getByText('1M'));
      assert.ok(gemini.getByText('Not announced'));
      assert.ok(within(card('Phi-4')).getByText('No published prices.'));
      assert.ok(screen.getByText('3 models'));
      assert.ok(screen.queryByRole('button', { name: /^Deploy/ }) === null, 'a Reader is offered no Deploy');
    } finally {
      fake.restore();
    }
  });

  void it('asks the API for vendor, capability and price filters and filters context length itself', async () => {
    const fake = fakeFetch(
      catalog(memberMe('Reader'), {
        'GET /admin/catalog/models?vendor=openai': list([GPT_4O]),
        'GET /admin/catalog/models?vendor=openai&capability=tools%2Cvision': list([GPT_4O]),
        'GET /admin/catalog/models?vendor=openai&capability=tools%2Cvision&max_input_price=2': list([]),
      }),
    );
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      await findCard('GPT-4o');
      await screen.findByText('Google', { selector: 'option' });

      fireEvent.change(screen.getByLabelText('Context length'), { target: { value: '128000' } });
      noCard('Phi-4');
      assert.ok(card('GPT-4o'));
      assert.ok(card('Gemini 2.5 Flash'));
      fireEvent.change(screen.getByLabelText('Context length'), { target: { value: '1000000' } });
      noCard('GPT-4o');
      fireEvent.change(screen.getByLabelText('Context length'), { target: { value: '0' } });

      fireEvent.change(screen.getByLabelText('Vendor'), { target: { value: 'openai' } });
      await waitFor(() => noCard('Phi-4'));
      fireEvent.click(screen.getByLabelText('Vision'));
      fireEvent.click(screen.getByLabelText('Tools'));
      await waitFor(() =>
        assert.ok(
          fake.calls.some((call) => call.path.endsWith('capability=tools%2Cvision')),
          'capabilities in order',
        ),
      );
      fireEvent.change(screen.getByLabelText('Max input price'), { target: { value: '2' } });
      await screen.findByText('No model matches these filters.');

      fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
      await findCard('Phi-4');
      assert.equal(screen.getByLabelText<HTMLSelectElement>('Vendor').value, '');
    } finally {
      fake.restore();
    }
  });

  void it('shows the API’s message when a filter is refused', async () => {
    const fake = fakeFetch(
      catalog(memberMe('Reader'), {
        'GET /admin/catalog/models?max_output_price=abc': apiError(
          400,
          'max_output_price (US dollars per 1M tokens) must be a price in US dollars.',
          'max_output_price',
        ),
      }),
    );
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      await findCard('GPT-4o');
      // A number input holds no text in jsdom either way; the path is what matters.
      const input = screen.getByLabelText('Max output price');
      input.setAttribute('type', 'text');
      fireEvent.change(input, { target: { value: 'abc' } });
      await waitFor(() => assert.match(screen.getByRole('alert').textContent ?? '', /must be a price in US dollars/));
    } finally {
      fake.restore();
    }
  });

  void it('compares two chosen models and allows no third', async () => {
    const fake = fakeFetch(catalog(memberMe('Reader')));
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      await findCard('GPT-4o');
      const compare = screen.getByRole('button', { name: 'Compare' });
      assert.equal((compare as HTMLButtonElement).disabled, true, 'nothing chosen yet');
      fireEvent.click(screen.getByLabelText('Compare GPT-4o'));
      assert.equal((compare as HTMLButtonElement).disabled, true, 'one chosen');
      fireEvent.click(screen.getByLabelText('Compare Gemini 2.5 Flash'));
      assert.equal((compare as HTMLButtonElement).disabled, false);
      assert.equal(screen.getByLabelText<HTMLInputElement>('Compare Phi-4').disabled, true);
      assert.ok(screen.getByText('GPT-4o and Gemini 2.5 Flash chosen'));

      fireEvent.click(screen.getByLabelText('Compare GPT-4o'));
      assert.equal(screen.getByLabelText<HTMLInputElement>('Compare Phi-4').disabled, false);
      fireEvent.click(screen.getByLabelText('Compare Phi-4'));
      fireEvent.click(compare);
      assert.equal(window.location.hash, '#/catalog/compare?a=gemini-2.5-flash&b=phi-4');
    } finally {
      fake.restore();
    }
  });
});

void describe('deploying from the catalog', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
    window.location.hash = '';
  });

  const created = {
    id: 'dep_1',
    project: 'team',
    name: 'gpt-4o',
    model: 'gpt-4o',
    type: 'global-standard',
    tpm: 50000,
    rpm: null,
    content_filter: 'strict',
    version_upgrade: 'on-new-default',
    routing: { strategy: 'priority', max_attempts: 3, timeouts: {}, breaker: {} },
    model_retires_at: null,
    backends: [{ connection: 'azure-east', model: 'gpt-4o', priority: 0, weight: 1 }],
    created_at: '2026-11-23T00:00:00Z',
  };
  const policies = list([
    { name: 'default', scope: 'platform', description: 'Default' },
    { name: 'strict', scope: 'project', description: 'Strict' },
  ]);

  void it('lets a Contributor type the connection, sends the deployment and opens its page', async () => {
    const fake = fakeFetch(
      catalog(memberMe('Contributor'), {
        'GET /admin/projects/team/content-filters': policies,
        'POST /admin/projects/team/deployments': created,
      }),
    );
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Deploy GPT-4o' }));
      const dialog = screen.getByRole('dialog', { name: 'Deploy gpt-4o' });
      const form = within(dialog);
      assert.equal(form.getByLabelText<HTMLInputElement>('Deployment name').value, 'gpt-4o');
      assert.equal(form.getByLabelText<HTMLInputElement>('Model').value, 'gpt-4o');
      assert.equal(form.getByLabelText<HTMLInputElement>('Upstream model (backend 1)').value, 'gpt-4o');
      const connection = form.getByLabelText('Connection (backend 1)');
      assert.equal(connection.tagName, 'INPUT', 'connections are listed for platform admins only');
      fireEvent.change(connection, { target: { value: 'azure-east' } });
      fireEvent.change(form.getByLabelText('Tokens per minute (TPM)'), { target: { value: '50000' } });
      await form.findByRole('option', { name: 'strict (project)' });
      fireEvent.change(form.getByLabelText('Content filter'), { target: { value: 'strict' } });
      fireEvent.click(form.getByRole('button', { name: 'Create deployment' }));
      await waitFor(() => assert.equal(window.location.hash, '#/deployments/gpt-4o'));
      const post = fake.calls.find((call) => call.method === 'POST');
      assert.deepEqual(post?.body, {
        name: 'gpt-4o',
        model: 'gpt-4o',
        type: 'global-standard',
        backends: [{ connection: 'azure-east', model: 'gpt-4o' }],
        tpm: 50000,
        rpm: null,
        content_filter: 'strict',
        version_upgrade: 'on-new-default',
        routing: null,
      });
    } finally {
      fake.restore();
    }
  });

  void it('shows the API’s validation message and marks the field it names', async () => {
    const fake = fakeFetch(
      catalog(memberMe('Contributor'), {
        'POST /admin/projects/team/deployments': apiError(
          400,
          "backends[0].connection 'nope' names no connection; create it first.",
          'backends[0].connection',
        ),
      }),
    );
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Deploy GPT-4o' }));
      const form = within(screen.getByRole('dialog'));
      fireEvent.change(form.getByLabelText('Connection (backend 1)'), { target: { value: 'nope' } });
      fireEvent.click(form.getByRole('button', { name: 'Create deployment' }));
      const alert = await form.findByRole('alert');
      assert.match(alert.textContent ?? '', /'nope' names no connection; create it first/);
      assert.equal(form.getByLabelText('Connection (backend 1)').getAttribute('aria-invalid'), 'true');
      assert.equal(window.location.hash, '', 'stays on the form');
      assert.equal(form.getByRole<HTMLButtonElement>('button', { name: 'Create deployment' }).disabled, false);
    } finally {
      fake.restore();
    }
  });

  void it('refuses routing that is not JSON before asking the API', async () => {
    const fake = fakeFetch(catalog(memberMe('Contributor')));
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Deploy GPT-4o' }));
      const form = within(screen.getByRole('dialog'));
      fireEvent.change(form.getByLabelText('Connection (backend 1)'), { target: { value: 'openai' } });
      fireEvent.change(form.getByLabelText('Routing (JSON)'), { target: { value: '{ strategy: ' } });
      fireEvent.click(form.getByRole('button', { name: 'Create deployment' }));
      assert.match((await form.findByRole('alert')).textContent ?? '', /Routing is not valid JSON/);
      assert.equal(
        fake.calls.some((call) => call.method === 'POST'),
        false,
      );
    } finally {
      fake.restore();
    }
  });

  void it('offers a platform admin the connections, the vendor’s first', async () => {
    const fake = fakeFetch(
      catalog(PLATFORM_ADMIN, {
        'GET /admin/connections': list([
          { name: 'engine', provider: 'local' },
          { name: 'openai', provider: 'openai' },
        ]),
      }),
    );
    try {
      render(
        <SignedIn>
          <CatalogPage />
        </SignedIn>,
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Deploy GPT-4o' }));
      const form = within(screen.getByRole('dialog'));
      await waitFor(() => assert.equal(form.getByLabelText('Connection (backend 1)').tagName, 'SELECT'));
      await waitFor(() =>
        assert.equal(form.getByLabelText<HTMLSelectElement>('Connection (backend 1)').value, 'openai'),
      );
      fireEvent.click(form.getByRole('button', { name: 'Add a backend' }));
      assert.ok(form.getByLabelText('Connection (backend 2)'));
      fireEvent.click(form.getByRole('button', { name: 'Remove backend 2' }));
      assert.ok(form.queryByLabelText('Connection (backend 2)') === null);
      fireEvent.click(form.getByRole('button', { name: 'Cancel' }));
      assert.ok(screen.queryByRole('dialog') === null);
    } finally {
      fake.restore();
    }
  });
});
