import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { CHAT, CHAT_HEALTH, LOCAL_CHAT, LOCAL_HEALTH, list } from './deployment-fixtures';
import { summariseHealth, usageTodayPath } from './deployment-types';
import { DeploymentsPage } from './deployments-page';
import type { ProjectRole } from '../../api/types';
import { memberMe, SignedIn, sessionRoutes } from '../../testing/render-signed-in';

const routes = (role: ProjectRole) => ({
  ...sessionRoutes(memberMe(role)),
  'GET /admin/projects/team/deployments': list([CHAT, LOCAL_CHAT]),
  'GET /admin/projects/team/deployments/chat/health': CHAT_HEALTH,
  'GET /admin/projects/team/deployments/local-chat/health': LOCAL_HEALTH,
  'GET /admin/projects/team/quotas': list([
    { project: 'team', model: 'gpt-4o', tpm: 120000, allocated_tpm: 30000, updated_at: '2026-11-01T00:00:00Z' },
  ]),
  [`GET ${usageTodayPath('team')}`]: {
    object: 'list',
    data: [
      {
        deployment: 'chat',
        deployment_id: 'dep_chat',
        requests: 1234,
        total_tokens: 56789,
        input_tokens: 50000,
        output_tokens: 6789,
        cost_micro_usd: 1_250_000,
      },
    ],
  },
});

/** The text of each cell of the row that links to `name`. */
function rowOf(name: string): string[] {
  const link = screen.getByText(name, { selector: 'a' });
  return [...(link.closest('tr')?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent ?? '');
}

void describe('deployments page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  void it('sums up backend health as a status', () => {
    assert.deepEqual(summariseHealth(CHAT_HEALTH), { label: 'Degraded', tone: 'warn' });
    assert.deepEqual(summariseHealth(LOCAL_HEALTH), { label: 'Healthy', tone: 'ok' });
    assert.deepEqual(summariseHealth(undefined), { label: 'Unknown', tone: 'neutral' });
  });

  void it('lists deployments with status, type, model, limits and today’s use, and the quota', async () => {
    const fake = fakeFetch(routes('Reader'));
    try {
      render(
        <SignedIn>
          <DeploymentsPage />
        </SignedIn>,
      );
      await screen.findByText('chat', { selector: 'a' });
      await waitFor(() => assert.match(rowOf('chat')[1] ?? '', /Degraded/));
      assert.deepEqual(rowOf('chat'), [
        'chat',
        'DegradedModel retires 2099-03-01',
        'global-standard',
        'gpt-4o',
        'openai, azure-east',
        '30,000',
        'From TPM',
        '1,234',
        '56,789',
        '$1.25',
      ]);
      assert.deepEqual(rowOf('local-chat'), [
        'local-chat',
        'Healthy',
        'managed',
        'tiny',
        'engine',
        'Not limited',
        'Not limited',
        '0',
        '0',
        '$0.00',
      ]);
      assert.equal(screen.getByText('chat', { selector: 'a' }).getAttribute('href'), '#/deployments/chat');
      const quota = screen.getByLabelText('gpt-4o', { selector: '[role=progressbar]' });
      assert.equal(quota.getAttribute('aria-valuenow'), '25');
      assert.ok(screen.getByText('30,000 of 120,000 TPM (25 %)'));
      assert.ok(screen.queryByText('New deployment', { selector: 'button' }) === null, 'a Reader may not create');
    } finally {
      fake.restore();
    }
  });

  void it('says so when there are none, and shows the API’s message when the quota cannot be read', async () => {
    const fake = fakeFetch({
      ...routes('Contributor'),
      'GET /admin/projects/team/deployments': list([]),
      'GET /admin/projects/team/quotas': new Response(
        JSON.stringify({ error: { message: 'The quota store is unavailable.', code: 'unavailable' } }),
        { status: 503 },
      ),
    });
    try {
      render(
        <SignedIn>
          <DeploymentsPage />
        </SignedIn>,
      );
      await screen.findByText(/No deployments yet/);
      await waitFor(() => assert.match(screen.getByRole('alert').textContent ?? '', /quota store is unavailable/));
    } finally {
      fake.restore();
    }
  });

  void it('lets a Contributor create a deployment from the list', async () => {
    const fake = fakeFetch({
      ...routes('Contributor'),
      'POST /admin/projects/team/deployments': { ...LOCAL_CHAT, name: 'fresh' },
    });
    try {
      render(
        <SignedIn>
          <DeploymentsPage />
        </SignedIn>,
      );
      fireEvent.click(await screen.findByText('New deployment', { selector: 'button' }));
      const form = within(screen.getByRole('dialog', { name: 'New deployment' }));
      fireEvent.change(form.getByLabelText('Deployment name'), { target: { value: 'fresh' } });
      fireEvent.change(form.getByLabelText('Model'), { target: { value: 'tiny' } });
      assert.equal(form.getByLabelText<HTMLInputElement>('Upstream model (backend 1)').value, 'tiny');
      fireEvent.change(form.getByLabelText('Connection (backend 1)'), { target: { value: 'engine' } });
      fireEvent.change(form.getByLabelText('Deployment type'), { target: { value: 'managed' } });
      fireEvent.click(form.getByText('Create deployment', { selector: 'button' }));
      await waitFor(() => assert.equal(window.location.hash, '#/deployments/fresh'));
      const post = fake.calls.find((call) => call.method === 'POST');
      assert.deepEqual(post?.body, {
        name: 'fresh',
        model: 'tiny',
        type: 'managed',
        backends: [{ connection: 'engine', model: 'tiny' }],
        tpm: null,
        rpm: null,
        content_filter: null,
        version_upgrade: 'on-new-default',
        routing: null,
      });
    } finally {
      fake.restore();
      window.location.hash = '';
    }
  });
});
