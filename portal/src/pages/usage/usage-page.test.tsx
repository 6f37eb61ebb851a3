import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { captureDownloads } from '../../testing/capture-downloads';
import { memberMe, pageCalls, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';
import { UsagePage, usagePath } from './usage-page';
import type { UsageFigures, UsageReport, UsageRow } from './usage-types';
import { daysOf, thisMonth } from './utc-dates';

function figures(requests: number, input: number, output: number, costMicroUsd: number): UsageFigures {
  return {
    requests,
    input_tokens: input,
    cached_input_tokens: 0,
    cache_write_input_tokens: 0,
    output_tokens: output,
    reasoning_tokens: 0,
    total_tokens: input + output,
    cost_micro_usd: costMicroUsd,
    cost_usd: (costMicroUsd / 1e6).toFixed(6),
    estimated_requests: 0,
    client_abort_requests: 0,
    upstream_error_requests: 0,
    filtered_requests: 0,
  };
}

const range = thisMonth(Date.now());

function report(groupBy: UsageReport['group_by'], data: UsageRow[]): UsageReport {
  const totals = figures(0, 0, 0, 0);
  for (const row of data) {
    totals.requests += row.requests;
    totals.input_tokens += row.input_tokens;
    totals.output_tokens += row.output_tokens;
    totals.total_tokens += row.total_tokens;
    totals.cost_micro_usd += row.cost_micro_usd;
  }
  totals.cost_usd = (totals.cost_micro_usd / 1e6).toFixed(6);
  return { object: 'list', from: range.from, to: range.to, group_by: groupBy, data, totals };
}

const FIRST_DAY = range.from;
const byDay = report('day', [{ day: FIRST_DAY, ...figures(3, 1200, 300, 2_500_000) }]);
const byDeployment = report('deployment', [
  { deployment_id: 'dep_1', deployment: 'chat', ...figures(2, 1000, 200, 2_000_000) },
  { deployment_id: 'dep_2', deployment: null, ...figures(1, 200, 100, 500_000) },
]);
const byModel = report('model', [{ model: 'gpt-4o', ...figures(3, 1200, 300, 2_500_000) }]);

const routes = {
  [`GET ${usagePath('team', range, 'day')}`]: byDay,
  [`GET ${usagePath('team', range, 'deployment')}`]: byDeployment,
  [`GET ${usagePath('team', range, 'model')}`]: byModel,
};

void describe('usage page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  void it('charts tokens and cost by day for this month, with the numbers in a table and a totals row', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Reader')), ...routes });
    try {
      await renderSignedIn(<UsagePage />);
      const tokens = await screen.findByRole('img', { name: `Tokens per day, ${range.from} to ${range.to}` });
      assert.equal(tokens.querySelectorAll('rect.bar').length, daysOf(range).length, 'a bar for every day');
      assert.ok(screen.getByRole('img', { name: `Cost per day, ${range.from} to ${range.to}` }));
      const table = screen.getByRole('table', { name: 'Usage by day' });
      const row = within(table).getByRole('row', { name: new RegExp(FIRST_DAY) });
      assert.match(row.textContent ?? '', /1,200/);
      assert.match(row.textContent ?? '', /\$2\.50/);
      const totals = within(table).getByRole('row', { name: /^Total/ });
      assert.match(totals.textContent ?? '', /1,500/);
      const summary = screen.getByRole('region', { name: 'Totals' });
      assert.equal(within(summary).getByText('Requests').nextSibling?.textContent, '3');
      assert.equal(within(summary).getByText('Cost').nextSibling?.textContent, '$2.50');
      assert.ok(pageCalls(fake).includes(`GET ${usagePath('team', range, 'day')}`));
    } finally {
      fake.restore();
    }
  });

  void it('breaks usage down by deployment, then by model', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Owner')), ...routes });
    try {
      await renderSignedIn(<UsagePage />);
      const table = await screen.findByRole('table', { name: 'Usage by deployment' });
      assert.ok(within(table).getByRole('rowheader', { name: 'chat' }));
      assert.ok(within(table).getByRole('rowheader', { name: 'dep_2 (removed)' }), 'a removed deployment keeps its id');
      assert.match(within(table).getByRole('row', { name: /^Total/ }).textContent ?? '', /\$2\.50/);
      assert.ok(screen.getByRole('img', { name: `Cost by deployment, ${range.from} to ${range.to}` }));

      fireEvent.click(screen.getByRole('radio', { name: 'By model' }));
      const models = await screen.findByRole('table', { name: 'Usage by model' });
      assert.ok(within(models).getByRole('rowheader', { name: 'gpt-4o' }));
      assert.ok(pageCalls(fake).includes(`GET ${usagePath('team', range, 'model')}`));
    } finally {
      fake.restore();
    }
  });

  void it('says so when there is no usage yet', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      [`GET ${usagePath('team', range, 'day')}`]: report('day', []),
    });
    try {
      await renderSignedIn(<UsagePage />);
      await screen.findByText(/No usage from/);
      assert.ok(screen.queryByRole('img') === null, 'no empty charts');
      assert.ok(screen.getByRole('link', { name: /playground/ }));
    } finally {
      fake.restore();
    }
  });

  void it('asks for another range and shows the API’s refusal in words', async () => {
    const last = { from: '2026-10-01', to: '2026-10-31' };
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...routes,
      [`GET ${usagePath('team', last, 'day')}`]: new Response(
        JSON.stringify({ error: { message: 'The usage store is unavailable.', code: 'unavailable' } }),
        { status: 503 },
      ),
    });
    try {
      await renderSignedIn(<UsagePage />);
      await screen.findByRole('table', { name: 'Usage by day' });
      fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: last.from } });
      fireEvent.change(screen.getByLabelText('To (UTC)'), { target: { value: last.to } });
      await waitFor(() => assert.match(screen.getByRole('alert').textContent ?? '', /usage store is unavailable/));
      assert.equal(screen.getByLabelText<HTMLSelectElement>('Range').value, 'custom');

      fireEvent.change(screen.getByLabelText('To (UTC)'), { target: { value: '2026-09-01' } });
      await screen.findByText('The first day is after the last day.');
    } finally {
      fake.restore();
    }
  });

  void it('downloads the usage as CSV with the token, through a Blob URL', async () => {
    const csv = 'day,requests\n2026-11-01,3\n';
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...routes,
      [`GET ${usagePath('team', range, 'day', true)}`]: new Response(csv, {
        headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="usage-team-day.csv"' },
      }),
    });
    const faked = globalThis.fetch;
    let authorization: string | null = null;
    globalThis.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('format=csv')) authorization = new Headers(init?.headers).get('authorization');
      return faked(input, init);
    };
    const downloads = captureDownloads();
    try {
      await renderSignedIn(<UsagePage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Download usage by day as CSV' }));
      await waitFor(() => assert.equal(downloads.files.length, 1));
      assert.equal(downloads.files[0]?.name, 'usage-team-day.csv');
      assert.equal(await downloads.files[0]?.text, csv);
      assert.equal(authorization, 'Bearer hgs_test');
    } finally {
      downloads.restore();
      globalThis.fetch = faked;
      fake.restore();
    }
  });
});
