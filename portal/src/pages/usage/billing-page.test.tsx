import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { BillingPage } from './billing-page';
import { fakeFetch } from '../../testing/install-dom';
import { captureDownloads } from '../../testing/capture-downloads';
import { memberMe, PLATFORM_ADMIN, pageCalls, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';
import type { Budget, BudgetEvent, Invoice, InvoiceSummary, PriceCard } from './usage-types';
import { shiftMonth, utcMonth } from './utc-dates';

const BASE = '/admin/projects/team';

const projectBudget: Budget = {
  object: 'budget',
  id: 'bdg_1',
  project: 'team',
  key: null,
  monthly_limit_micro_usd: 100_000_000,
  hard_limit: true,
  alert_thresholds: [50, 80, 100],
  webhook_url: 'https://hooks.example.org/budget',
  has_webhook_secret: true,
  month: '2026-11',
  spend_micro_usd: 85_000_000,
  reserved_micro_usd: 1_000_000,
  percent: 85,
  resets_at: '2026-12-01T00:00:00.000Z',
};

const keyBudget: Budget = {
  ...projectBudget,
  id: 'bdg_2',
  key: 'ci',
  monthly_limit_micro_usd: 10_000_000,
  hard_limit: false,
  alert_thresholds: [90],
  webhook_url: null,
  has_webhook_secret: false,
  spend_micro_usd: 1_000_000,
  reserved_micro_usd: 0,
  percent: 10,
};

const alerts: BudgetEvent[] = [
  {
    object: 'budget_event',
    id: 'bev_1',
    budget: 'bdg_1',
    month: '2026-11',
    threshold: 50,
    spend_micro_usd: 50_100_000,
    limit_micro_usd: 100_000_000,
    status: 'delivered',
    attempts: 1,
    last_error: null,
    created_at: '2026-11-10T09:00:00.000Z',
  },
  {
    object: 'budget_event',
    id: 'bev_2',
    budget: 'bdg_1',
    month: '2026-11',
    threshold: 80,
    spend_micro_usd: 80_500_000,
    limit_micro_usd: 100_000_000,
    status: 'failed',
    attempts: 5,
    last_error: 'The webhook answered 500.',
    created_at: '2026-11-20T09:00:00.000Z',
  },
];

const invoices: InvoiceSummary[] = [
  {
    object: 'invoice_summary',
    project: 'team',
    month: '2026-10',
    status: 'closed',
    total_micro_usd: 12_340_000,
    closed_at: '2026-11-01T01:00:00Z',
  },
  {
    object: 'invoice_summary',
    project: 'team',
    month: '2026-11',
    status: 'open',
    total_micro_usd: 85_000_000,
    closed_at: null,
  },
];

const october: Invoice = {
  object: 'invoice',
  id: 'inv_2026_10_team',
  project: 'team',
  month: '2026-10',
  status: 'closed',
  period_start: '2026-10-01T00:00:00Z',
  period_end: '2026-11-01T00:00:00Z',
  closed_at: '2026-11-01T01:00:00Z',
  lines: [
    {
      kind: 'usage',
      usage_month: '2026-10',
      deployment: 'chat',
      deployment_id: 'dep_1',
      model: 'gpt-4o',
      deployment_type: 'GlobalStandard',
      price_card_version: 'v1',
      requests: 42,
      items: [
        {
          token_kind: 'input',
          tokens: 1_000_000,
          unit_price_usd_per_million_tokens: 2.5,
          list_amount_micro_usd: 2_500_000,
        },
        {
          token_kind: 'output',
          tokens: 980_000,
          unit_price_usd_per_million_tokens: 10,
          list_amount_micro_usd: 9_800_000,
        },
      ],
      list_amount_micro_usd: 12_300_000,
      amount_micro_usd: 12_300_000,
    },
    {
      kind: 'adjustment',
      usage_month: '2026-09',
      deployment: null,
      deployment_id: 'dep_9',
      model: 'gpt-4o-mini',
      requests: 1,
      items: [],
      amount_micro_usd: 40_000,
    },
  ],
  subtotal_micro_usd: 12_340_000,
  tax_rate_basis_points: 0,
  tax_micro_usd: 0,
  total_micro_usd: 12_340_000,
};

const card: PriceCard = {
  object: 'price_card',
  model: 'gpt-4o',
  deployment_type: 'GlobalStandard',
  version: 'catalog-2026-10',
  origin: 'catalog',
  usd_per_million_tokens: { input: 2.5, cached_input: 1.25, cache_write_input: 2.5, output: 10, reasoning: 10 },
  tiers: [
    {
      prompt_tokens_above: 0,
      version: 'catalog-2026-10',
      usd_per_million_tokens: { input: 2.5, cached_input: 1.25, cache_write_input: 2.5, output: 10, reasoning: 10 },
    },
  ],
};

function billingRoutes(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    [`GET ${BASE}/budgets`]: { object: 'list', data: [projectBudget, keyBudget] },
    [`GET ${BASE}/budgets/bdg_1/events`]: { object: 'list', data: alerts },
    [`GET ${BASE}/budgets/bdg_2/events`]: { object: 'list', data: [] },
    [`GET ${BASE}/invoices`]: { object: 'list', data: invoices },
    [`GET ${BASE}/invoices/2026-10`]: october,
    [`GET ${BASE}/deployments`]: {
      object: 'list',
      data: [{ id: 'dep_1', name: 'chat', model: 'gpt-4o', type: 'GlobalStandard' }],
    },
    [`GET ${BASE}/prices/effective?model=gpt-4o&deployment_type=GlobalStandard`]: card,
    [`GET ${BASE}/keys`]: { object: 'list', data: [{ id: 'key_1', name: 'ci', status: 'active' }] },
    ...overrides,
  };
}

function failure(status: number, message: string, param?: string): Response {
  return new Response(JSON.stringify({ error: { message, code: 'invalid_request', param } }), { status });
}

void describe('billing page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  void it('shows each budget’s spend against its limit, thresholds, reset time and recent alerts', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Reader')), ...billingRoutes() });
    try {
      await renderSignedIn(<BillingPage />);
      const bar = await screen.findByRole('progressbar', { name: 'Spend of the budget: Whole project' });
      assert.equal(bar.getAttribute('aria-valuenow'), '85');
      assert.match(bar.getAttribute('aria-valuetext') ?? '', /\$85\.00 of \$100\.00/);
      assert.equal(bar.querySelectorAll('.threshold').length, 2, 'ticks at 50 and 80 %; 100 % is the end');
      assert.match(bar.className, /budget-warn/);
      const project = screen.getByRole('article', { name: 'Budget: Whole project' });
      assert.match(project.textContent ?? '', /50 %, 80 %, 100 %/);
      assert.match(project.textContent ?? '', /1 Dec 2026, 00:00 UTC/);
      assert.match(project.textContent ?? '', /Hard limit/);
      assert.match(project.textContent ?? '', /\$1\.00 held for requests in progress/);
      assert.match(screen.getByRole('article', { name: 'Budget: Key ci' }).textContent ?? '', /Alerts only/);

      const table = screen.getByRole('table', { name: 'Recent budget alerts, newest first' });
      const rows = within(table).getAllByRole('row').slice(1);
      assert.match(rows[0]?.textContent ?? '', /80 %.*Failed after 5 attempts.*webhook answered 500/);
      assert.match(rows[1]?.textContent ?? '', /50 %.*Delivered/);

      assert.ok(screen.queryByRole('button', { name: 'New budget' }) === null, 'a Reader cannot set budgets');
      assert.ok(screen.queryByRole('button', { name: /Edit budget/ }) === null);
      assert.ok(screen.queryByRole('button', { name: 'Close a month…' }) === null);
    } finally {
      fake.restore();
    }
  });

  void it('names mistakes beside their fields, then the API’s refusal, before creating a key budget', async () => {
    let posted: unknown;
    let attempts = 0;
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Contributor')),
      ...billingRoutes({
        [`POST ${BASE}/budgets`]: (body: unknown) => {
          attempts += 1;
          posted = body;
          return attempts === 1
            ? failure(400, 'webhook_url must be an http(s) URL.', 'webhook_url')
            : { ...keyBudget, id: 'bdg_3' };
        },
      }),
    });
    try {
      await renderSignedIn(<BillingPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'New budget' }));
      const dialog = await screen.findByRole('dialog', { name: 'New budget' });
      await within(dialog).findByRole('option', { name: 'Key ci' });
      fireEvent.change(within(dialog).getByLabelText('Alert at (% of the limit)'), { target: { value: '50, 2000' } });
      fireEvent.change(within(dialog).getByLabelText('Webhook secret'), { target: { value: 'short' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
      await within(dialog).findByText('Enter the monthly limit in US dollars.');
      assert.ok(within(dialog).getByText("'2000' is not a whole percent between 1 and 1000."));
      assert.ok(within(dialog).getByText('The secret needs 16 to 512 characters.'));
      assert.equal(attempts, 0, 'nothing is sent while the form has mistakes');

      fireEvent.change(within(dialog).getByLabelText('Covers'), { target: { value: 'ci' } });
      fireEvent.change(within(dialog).getByLabelText('Monthly limit (USD)'), { target: { value: '12.50' } });
      fireEvent.change(within(dialog).getByLabelText('Alert at (% of the limit)'), { target: { value: '90, 50' } });
      fireEvent.change(within(dialog).getByLabelText('Webhook secret'), { target: { value: '' } });
      fireEvent.change(within(dialog).getByLabelText('Webhook URL'), {
        target: { value: 'https://hooks.example.org/x' },
      });
      fireEvent.click(within(dialog).getByLabelText(/Refuse requests/));
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
      await within(dialog).findByText('webhook_url must be an http(s) URL.');
      assert.deepEqual(posted, {
        key: 'ci',
        monthly_limit_micro_usd: 12_500_000,
        hard_limit: false,
        alert_thresholds: [50, 90],
        webhook_url: 'https://hooks.example.org/x',
      });

      fireEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null, 'the dialog closed'));
      await waitFor(() => assert.equal(pageCalls(fake).filter((call) => call === `GET ${BASE}/budgets`).length, 2));
    } finally {
      fake.restore();
    }
  });

  void it('shows an API error that names no field above the buttons', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...billingRoutes({ [`POST ${BASE}/budgets`]: failure(403, 'Only contributors may set budgets.') }),
    });
    try {
      await renderSignedIn(<BillingPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'New budget' }));
      const dialog = await screen.findByRole('dialog', { name: 'New budget' });
      fireEvent.change(within(dialog).getByLabelText('Monthly limit (USD)'), { target: { value: '5' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create budget' }));
      const alert = await within(dialog).findByText('Only contributors may set budgets.');
      assert.ok(alert.closest('.error-note'));
    } finally {
      fake.restore();
    }
  });

  void it('edits a budget and removes one after confirming', async () => {
    let patched: unknown;
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Contributor')),
      ...billingRoutes({
        [`PATCH ${BASE}/budgets/bdg_1`]: (body: unknown) => {
          patched = body;
          return projectBudget;
        },
        [`DELETE ${BASE}/budgets/bdg_2`]: { object: 'budget', project: 'team', id: 'bdg_2', deleted: true },
      }),
    });
    try {
      await renderSignedIn(<BillingPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Edit budget: Whole project' }));
      const dialog = await screen.findByRole('dialog', { name: 'Edit budget: Whole project' });
      const limit = within(dialog).getByLabelText<HTMLInputElement>('Monthly limit (USD)');
      assert.equal(limit.value, '100');
      fireEvent.change(limit, { target: { value: '150' } });
      fireEvent.click(within(dialog).getByLabelText('Remove the secret'));
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null, 'the dialog closed'));
      assert.deepEqual(patched, {
        monthly_limit_micro_usd: 150_000_000,
        hard_limit: true,
        alert_thresholds: [50, 80, 100],
        webhook_url: 'https://hooks.example.org/budget',
        webhook_secret: null,
      });

      fireEvent.click(screen.getByRole('button', { name: 'Remove budget: Key ci' }));
      const confirm = await screen.findByRole('dialog', { name: 'Remove budget: Key ci' });
      assert.ok(!pageCalls(fake).includes(`DELETE ${BASE}/budgets/bdg_2`), 'nothing is removed before confirming');
      fireEvent.click(within(confirm).getByRole('button', { name: 'Remove budget' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null, 'the dialog closed'));
      assert.ok(pageCalls(fake).includes(`DELETE ${BASE}/budgets/bdg_2`));
    } finally {
      fake.restore();
    }
  });

  void it('lists invoices, opens one with its lines, and downloads it as HTML and CSV', async () => {
    const html = '<!doctype html><title>Invoice</title>';
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...billingRoutes({
        [`GET ${BASE}/invoices/2026-10?format=html`]: new Response(html, { headers: { 'content-type': 'text/html' } }),
        [`GET ${BASE}/invoices/2026-10?format=csv`]: new Response('kind,amount\n', {
          headers: { 'content-disposition': 'attachment; filename="invoice-team-2026-10.csv"' },
        }),
      }),
    });
    const downloads = captureDownloads();
    try {
      await renderSignedIn(<BillingPage />);
      const table = await screen.findByRole('table', { name: 'Invoices by month, newest first' });
      const rows = within(table).getAllByRole('row').slice(1);
      assert.match(rows[0]?.textContent ?? '', /Nov 2026.*Open.*\$85\.00/);
      assert.match(rows[1]?.textContent ?? '', /Oct 2026.*Closed.*\$12\.34/);

      fireEvent.click(screen.getByRole('button', { name: 'Open the invoice of Oct 2026' }));
      const lines = await screen.findByRole('table', { name: 'Lines of the invoice of Oct 2026' });
      assert.match(within(lines).getByRole('row', { name: /^chat/ }).textContent ?? '', /Input: 1,000,000 × \$2\.50/);
      assert.ok(within(lines).getByRole('rowheader', { name: /dep_9 \(removed\) Adjustment for Sep 2026/ }));
      assert.match(within(lines).getByRole('row', { name: /^Total/ }).textContent ?? '', /\$12\.34/);
      assert.equal(document.activeElement?.textContent, 'Invoice of Oct 2026', 'the focus moves to the invoice');

      fireEvent.click(screen.getByRole('button', { name: 'Download the invoice of Oct 2026 as HTML' }));
      fireEvent.click(screen.getByRole('button', { name: 'Download the invoice of Oct 2026 as CSV' }));
      await waitFor(() => assert.equal(downloads.files.length, 2));
      const names = downloads.files.map((file) => file.name).sort();
      assert.deepEqual(names, ['invoice-team-2026-10.csv', 'invoice-team-2026-10.html']);
      const htmlFile = downloads.files.find((file) => file.name.endsWith('.html'));
      assert.equal(await htmlFile?.text, html);
    } finally {
      downloads.restore();
      fake.restore();
    }
  });

  void it('says why a download failed', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...billingRoutes({ [`GET ${BASE}/invoices/2026-10?format=csv`]: failure(404, "Project 'team' has no invoice.") }),
    });
    const downloads = captureDownloads();
    try {
      await renderSignedIn(<BillingPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Download the invoice of Oct 2026 as CSV' }));
      await screen.findByText("Project 'team' has no invoice.");
      assert.equal(downloads.files.length, 0);
    } finally {
      downloads.restore();
      fake.restore();
    }
  });

  void it('lets a platform admin close a month after confirming', async () => {
    const previous = shiftMonth(utcMonth(Date.now()), -1);
    const fake = fakeFetch({
      ...sessionRoutes(PLATFORM_ADMIN),
      ...billingRoutes({
        [`POST /admin/invoices/close?month=${previous}`]: {
          object: 'invoice_closing',
          month: previous,
          closed: [{ project: 'team', project_id: 'prj_1', total_micro_usd: 12_340_000 }],
          already_closed: 2,
        },
      }),
    });
    try {
      await renderSignedIn(<BillingPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Close a month…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Close a month' });
      const month = within(dialog).getByLabelText<HTMLInputElement>('Month (UTC)');
      assert.equal(month.value, previous, 'the month that just ended');
      fireEvent.change(month, { target: { value: utcMonth(Date.now()) } });
      assert.ok(within(dialog).getByText('Only a month that has ended can be closed.'));
      fireEvent.change(month, { target: { value: previous } });
      fireEvent.click(within(dialog).getByRole('button', { name: /^Close / }));
      await within(dialog).findByText(/closed 1 invoice; 2 had been closed already/);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
      await waitFor(() => assert.equal(pageCalls(fake).filter((call) => call === `GET ${BASE}/invoices`).length, 2));
    } finally {
      fake.restore();
    }
  });

  void it('shows the price card in effect, and empty states when there is nothing yet', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Owner')), ...billingRoutes() });
    try {
      await renderSignedIn(<BillingPage />);
      const prices = await screen.findByRole('table', { name: 'Price per 1M tokens by token kind' });
      assert.match(within(prices).getByRole('row', { name: /Cached input/ }).textContent ?? '', /\$1\.25/);
      assert.match(screen.getByRole('region', { name: 'Prices in effect' }).textContent ?? '', /Catalog price/);
    } finally {
      fake.restore();
    }
    cleanup();
    const empty = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...billingRoutes({
        [`GET ${BASE}/budgets`]: { object: 'list', data: [] },
        [`GET ${BASE}/invoices`]: { object: 'list', data: [] },
        [`GET ${BASE}/deployments`]: { object: 'list', data: [] },
      }),
    });
    try {
      await renderSignedIn(<BillingPage />);
      await screen.findByText(/No budgets yet/);
      await screen.findByText(/No invoices yet/);
      await screen.findByText(/No deployments yet/);
    } finally {
      empty.restore();
    }
  });
});
