import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { memberMe, pageCalls, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';
import { monthsUpTo, shiftMonth, utcMonth } from '../usage/utc-dates';
import { ServiceLevelsPage } from './service-levels-page';
import { slaPath, sloPath, type DeploymentSlo, type SlaReport, type SloPoint, type SloWindow } from './slo-types';

const STEPS: Record<SloWindow, { count: number; minutes: number }> = {
  '1h': { count: 12, minutes: 5 },
  '24h': { count: 24, minutes: 60 },
  '30d': { count: 30, minutes: 24 * 60 },
};

/** A window's steps: the last `busy` carry requests at `p95` ms, the earlier ones none. */
function series(window: SloWindow, busy: number, p95: number | null): SloPoint[] {
  const { count, minutes } = STEPS[window];
  const start = Date.UTC(2026, 10, 23, 12, 0) - count * minutes * 60_000;
  return Array.from({ length: count }, (_, index) => {
    const quiet = p95 === null || index < count - busy;
    return {
      from: new Date(start + index * minutes * 60_000).toISOString(),
      eligible_requests: quiet ? 0 : 100,
      successful_requests: quiet ? 0 : 99,
      availability_percent: quiet ? null : 99,
      latency_ms: { p50: quiet ? null : (p95 ?? 0) / 2, p90: null, p95: quiet ? null : (p95 ?? 0) + index, p99: null },
      time_to_first_token_ms: { p50: null, p90: null, p95: quiet ? null : 240, p99: null },
    };
  });
}

const DEPLOYMENTS = [
  { id: 'dep_1', name: 'chat', model: 'gpt-4o', type: 'GlobalStandard' },
  { id: 'dep_2', name: 'local-chat', model: 'tiny', type: 'Local' },
];

function slo(deployment: string, window: SloWindow, availability: number | null, p95: number | null): DeploymentSlo {
  const eligible = availability === null ? 0 : 1000;
  return {
    object: 'deployment_slo',
    deployment,
    window,
    eligible_requests: eligible,
    successful_requests: availability === null ? 0 : Math.round((eligible * availability) / 100),
    failed_requests: availability === null ? 0 : eligible - Math.round((eligible * availability) / 100),
    availability_percent: availability,
    latency_ms: { p50: p95 === null ? null : p95 / 2, p90: p95, p95, p99: p95 },
    time_to_first_token_ms: { p50: p95 === null ? null : 120, p90: null, p95: p95 === null ? null : 240, p99: null },
    output_tokens_per_second: p95 === null ? null : 55.5,
    series: series(window, window === '30d' ? 7 : 4, p95),
  };
}

const month = utcMonth(Date.now());
const months = monthsUpTo(month, 6);

function sla(forMonth: string, availability: number | null): SlaReport {
  return {
    object: 'sla_report',
    project: 'team',
    month: forMonth,
    period_start: `${forMonth}-01T00:00:00.000Z`,
    period_end: `${shiftMonth(forMonth, 1)}-01T00:00:00.000Z`,
    downtime_error_rate_percent: 5,
    deployments:
      availability === null
        ? []
        : [
            {
              deployment: 'chat',
              deployment_id: 'dep_1',
              deployment_type: 'GlobalStandard',
              target_percent: 99.9,
              eligible_requests: 50_000,
              successful_requests: 49_900,
              availability_percent: availability,
              met: availability >= 99.9,
              downtime_minutes: 43,
              active_minutes: 43_200,
              credit_percent: availability >= 99.9 ? 0 : 10,
              invoice_amount_micro_usd: 200_000_000,
              credit_micro_usd: availability >= 99.9 ? 0 : 20_000_000,
            },
          ],
    total_credit_micro_usd: availability === null || availability >= 99.9 ? 0 : 20_000_000,
  };
}

function routes(): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    'GET /admin/projects/team/deployments': { object: 'list', data: DEPLOYMENTS },
  };
  const latency: Record<SloWindow, number> = { '30d': 900, '24h': 700, '1h': 1500 };
  for (const window of ['1h', '24h', '30d'] as const) {
    answers[`GET ${sloPath('team', 'chat', window)}`] = slo(
      'chat',
      window,
      window === '1h' ? 99.5 : 99.95,
      latency[window],
    );
    answers[`GET ${sloPath('team', 'local-chat', window)}`] = slo('local-chat', window, null, null);
  }
  // The oldest months had no traffic; the last four did.
  months.forEach((each, index) => {
    answers[`GET ${slaPath('team', each)}`] = sla(
      each,
      index < 2 ? null : ([99.95, 99.99, 99.8, 99.5][index - 2] ?? null),
    );
  });
  return answers;
}

void describe('service levels page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  void it('shows every deployment’s figures for the chosen window', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Reader')), ...routes() });
    try {
      await renderSignedIn(<ServiceLevelsPage />);
      const table = await screen.findByRole('table', { name: 'Availability and latency per deployment, last hour' });
      const chat = within(table).getByRole('row', { name: /^chat/ });
      assert.match(chat.textContent ?? '', /99\.500 %/);
      assert.match(chat.textContent ?? '', /1\.50 s/, 'p95 latency');
      assert.match(chat.textContent ?? '', /240 ms/, 'p95 time to first token');
      assert.match(within(table).getByRole('row', { name: /^local-chat/ }).textContent ?? '', /No requests/);

      fireEvent.change(screen.getByLabelText('Window'), { target: { value: '24h' } });
      const day = await screen.findByRole('table', { name: 'Availability and latency per deployment, last 24 hours' });
      await waitFor(() => assert.match(within(day).getByRole('row', { name: /^chat/ }).textContent ?? '', /700 ms/));
      assert.ok(pageCalls(fake).includes(`GET ${sloPath('team', 'local-chat', '24h')}`));
    } finally {
      fake.restore();
    }
  });

  void it('draws availability by month and the trend of a chosen window as line charts, with tables', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Owner')), ...routes() });
    try {
      await renderSignedIn(<ServiceLevelsPage />);
      const availability = await screen.findByRole('img', { name: 'Availability of chat by month' });
      assert.equal(availability.querySelectorAll('circle').length, 4, 'months without requests are left out');
      // The trend over the last 24 hours by default: one point per hour that had requests.
      const p95 = screen.getByRole('img', { name: 'Latency p95 of chat' });
      assert.equal(p95.querySelectorAll('circle').length, 4, 'hours without requests are left out');
      assert.ok(p95.textContent?.includes('11:00'), 'steps are labelled with their UTC start');
      assert.equal(screen.getByRole('img', { name: 'Availability of chat' }).querySelectorAll('circle').length, 4);
      fireEvent.change(screen.getByLabelText('Trend over'), { target: { value: '30d' } });
      await waitFor(() =>
        assert.equal(screen.getByRole('img', { name: 'Latency p95 of chat' }).querySelectorAll('circle').length, 7),
      );
      assert.ok(screen.getByRole('img', { name: 'Latency p95 of chat' }).textContent?.includes('22 Nov'));
      assert.ok(screen.getByRole('img', { name: 'Time to first token p95 of chat' }));
      const windows = screen.getByRole('table', { name: 'Latency of chat by window' });
      const rows = within(windows).getAllByRole('row').slice(1);
      assert.deepEqual(
        rows.map((row) => row.firstElementChild?.textContent),
        ['Last 30 days', 'Last 24 hours', 'Last hour'],
        'oldest window first',
      );
      const byMonth = screen.getByRole('table', { name: 'Availability of chat by month' });
      assert.equal(within(byMonth).getAllByRole('row').length, 7);

      fireEvent.change(screen.getByLabelText('Deployment'), { target: { value: 'local-chat' } });
      await screen.findByText(/No requests to local-chat in the last 6 months/);
      await screen.findByText(/No requests to local-chat in this window, so there is no trend to show/);
    } finally {
      fake.restore();
    }
  });

  void it('shows the month’s SLA report with target, measured availability, downtime and credits', async () => {
    const earlier = shiftMonth(month, -2);
    const fake = fakeFetch({ ...sessionRoutes(memberMe('Owner')), ...routes() });
    try {
      await renderSignedIn(<ServiceLevelsPage />);
      const report = await screen.findByRole('table', { name: /^SLA report for/ });
      const chat = within(report).getByRole('row', { name: /^chat/ });
      assert.match(chat.textContent ?? '', /99\.90 %.*99\.500 %.*Missed.*43.*10 %.*\$200\.00.*\$20\.00/);
      assert.match(within(report).getByRole('row', { name: /^Total credit/ }).textContent ?? '', /\$20\.00/);

      fireEvent.change(screen.getByLabelText('Month (UTC)'), { target: { value: earlier } });
      await waitFor(() =>
        assert.match(
          within(screen.getByRole('table', { name: /^SLA report for/ })).getByRole('row', { name: /^chat/ })
            .textContent ?? '',
          /Met/,
        ),
      );
    } finally {
      fake.restore();
    }
  });

  void it('says so when the project has no deployments and no SLA figures', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      'GET /admin/projects/team/deployments': { object: 'list', data: [] },
      [`GET ${slaPath('team', month)}`]: sla(month, null),
    });
    try {
      await renderSignedIn(<ServiceLevelsPage />);
      await screen.findByText(/The project has no deployments yet/);
      assert.ok(screen.getByRole('link', { name: 'Deploy a model' }));
      await screen.findByText(/No deployment of the project served requests/);
    } finally {
      fake.restore();
    }
  });

  void it('shows the API’s message when a deployment’s figures cannot be read', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(memberMe('Owner')),
      ...routes(),
      [`GET ${sloPath('team', 'chat', '1h')}`]: new Response(
        JSON.stringify({ error: { message: 'The service-level store is unavailable.', code: 'unavailable' } }),
        { status: 503 },
      ),
    });
    try {
      await renderSignedIn(<ServiceLevelsPage />);
      await waitFor(() =>
        assert.ok(
          screen
            .getAllByRole('alert')
            .some((alert) => /service-level store is unavailable/.test(alert.textContent ?? '')),
        ),
      );
    } finally {
      fake.restore();
    }
  });
});
