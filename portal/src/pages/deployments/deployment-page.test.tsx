import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { apiError, CHAT, CHAT_HEALTH, list, LOCAL_CHAT } from './deployment-fixtures';
import { usageTodayPath, type DeploymentHealth } from './deployment-types';
import { DeploymentPage } from './deployment-page';
import { HEALTH_POLL_MS } from './health-panel';
import type { ProjectRole } from '../../api/types';
import { memberMe, SignedIn, sessionRoutes } from '../../testing/render-signed-in';

const routes = (role: ProjectRole, extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(memberMe(role)),
  'GET /admin/projects/team/deployments': list([CHAT, LOCAL_CHAT]),
  'GET /admin/projects/team/deployments/chat/health': CHAT_HEALTH,
  'GET /admin/projects/team/quotas': list([
    { project: 'team', model: 'gpt-4o', tpm: 100000, allocated_tpm: 30000, updated_at: '2026-11-01T00:00:00Z' },
  ]),
  [`GET ${usageTodayPath('team')}`]: list([
    { deployment: 'chat', deployment_id: 'dep_chat', requests: 42, total_tokens: 4200, cost_micro_usd: 4_560_000 },
  ]),
  'GET /admin/projects/team/content-filters': list([
    { name: 'default', scope: 'platform', description: '' },
    { name: 'strict', scope: 'project', description: '' },
  ]),
  ...extra,
});

function renderPage(name = 'chat') {
  render(
    <SignedIn>
      <DeploymentPage name={name} />
    </SignedIn>,
  );
}

/** The cells of the health table's row for a connection. */
function healthRow(connection: string): string[] {
  const table = screen.getByText('Health of the backends of chat', { selector: 'caption' }).closest('table');
  const row = [...(table?.querySelectorAll('tbody tr') ?? [])].find(
    (candidate) => candidate.querySelector('td')?.textContent === connection,
  );
  return [...(row?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent ?? '');
}

/** The edit form, once its choices (content-filter policies) are read. */
async function editForm() {
  const form = within(await screen.findByRole('form', { name: 'Edit the deployment' }));
  await form.findByText('strict (project)', { selector: 'option' });
  return form;
}

void describe('deployment page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
    window.location.hash = '';
  });

  void it('shows settings, each backend’s health and breaker, quota and today’s use', async () => {
    const fake = fakeFetch(routes('Reader'));
    try {
      renderPage();
      await screen.findByText('Health of the backends of chat', { selector: 'caption' });
      assert.deepEqual(healthRow('openai').slice(0, 8), [
        'openai',
        'gpt-4o',
        '0',
        '1',
        'Open (skipped) since 23 Nov 2026, 10:00 UTC',
        '5 in a row · 6 of 9 recent',
        '1.53 s',
        '0',
      ]);
      assert.match(healthRow('openai')[8] ?? '', /Failed.*connect ECONNREFUSED/);
      assert.deepEqual(healthRow('azure-east').slice(4, 9), [
        'Closed (serving)',
        '0 in a row · 0 of 4 recent',
        '210 ms',
        '2',
        'No probe yet',
      ]);
      assert.ok(screen.getByText('Model retires 2099-03-01'));
      assert.ok(screen.getByText('global-standard'));
      await screen.findByText('30,000 of 100,000 TPM (30 %)');
      assert.ok(screen.getByText('42'));
      assert.ok(screen.getByText('$4.56'));
      assert.ok(screen.queryByRole('form', { name: 'Edit the deployment' }) === null, 'a Reader may not edit');
      assert.ok(screen.queryByText('Delete', { selector: 'button' }) === null, 'nor delete');
      assert.match(screen.getByText(/"strategy": "priority"/).textContent ?? '', /"max_attempts": 3/);
    } finally {
      fake.restore();
    }
  });

  void it('re-reads health every few seconds', async () => {
    let state: 'open' | 'half-open' = 'open';
    const fake = fakeFetch(
      routes('Reader', {
        'GET /admin/projects/team/deployments/chat/health': (): DeploymentHealth => ({
          ...CHAT_HEALTH,
          backends: CHAT_HEALTH.backends.map((backend, index) =>
            index === 0 ? { ...backend, breaker: { ...backend.breaker, state } } : backend,
          ),
        }),
      }),
    );
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      renderPage();
      await screen.findByText('Health of the backends of chat', { selector: 'caption' });
      assert.match(healthRow('openai')[4] ?? '', /^Open/);
      state = 'half-open';
      act(() => mock.timers.tick(HEALTH_POLL_MS));
      await waitFor(() => assert.match(healthRow('openai')[4] ?? '', /^Half-open/));
      assert.equal(fake.calls.filter((call) => call.path.endsWith('/chat/health')).length, 2);
    } finally {
      mock.timers.reset();
      fake.restore();
    }
  });

  void it('sends only the changed settings and shows them saved', async () => {
    let saved = CHAT;
    const fake = fakeFetch(
      routes('Contributor', {
        'GET /admin/projects/team/deployments': () => list([saved, LOCAL_CHAT]),
        'PATCH /admin/projects/team/deployments/chat': (body: unknown) => {
          saved = { ...CHAT, ...(body as object) };
          return saved;
        },
      }),
    );
    try {
      renderPage();
      const form = await editForm();
      assert.equal(form.getByLabelText<HTMLInputElement>('Tokens per minute (TPM)').value, '30000');
      const routing = form.getByLabelText<HTMLTextAreaElement>('Routing (JSON)');
      assert.ok(!routing.value.includes('null'), 'unset fields are left out, so the JSON can be sent back');

      fireEvent.click(form.getByText('Save changes', { selector: 'button' }));
      await form.findByText('Nothing to save: no setting changed.');

      fireEvent.change(form.getByLabelText('Tokens per minute (TPM)'), { target: { value: '60000' } });
      fireEvent.change(form.getByLabelText('Content filter'), { target: { value: 'strict' } });
      fireEvent.change(routing, { target: { value: routing.value.replace('"priority"', '"least-latency"') } });
      fireEvent.click(form.getByText('Save changes', { selector: 'button' }));
      await screen.findByText('Saved. The next request uses the new settings.');
      const patch = fake.calls.find((call) => call.method === 'PATCH');
      assert.deepEqual(Object.keys(patch?.body as object).sort(), ['content_filter', 'routing', 'tpm']);
      const body = patch?.body as { tpm: number; content_filter: string; routing: { strategy: string } };
      assert.equal(body.tpm, 60000);
      assert.equal(body.content_filter, 'strict');
      assert.equal(body.routing.strategy, 'least-latency');
      await waitFor(() =>
        assert.equal(
          screen.getByLabelText<HTMLInputElement>('Tokens per minute (TPM)').value,
          '60000',
          'the form starts again from the saved deployment',
        ),
      );
    } finally {
      fake.restore();
    }
  });

  void it('clears a limit with null and shows the API’s validation message at the field', async () => {
    const fake = fakeFetch(
      routes('Contributor', {
        'PATCH /admin/projects/team/deployments/chat': apiError(
          400,
          'rpm needs a tpm: a deployment is limited by tokens first, as on Azure.',
          'rpm',
        ),
      }),
    );
    try {
      renderPage();
      const form = await editForm();
      fireEvent.change(form.getByLabelText('Tokens per minute (TPM)'), { target: { value: '' } });
      fireEvent.change(form.getByLabelText('Requests per minute (RPM)'), { target: { value: '100' } });
      fireEvent.click(form.getByText('Save changes', { selector: 'button' }));
      const alert = await form.findByRole('alert');
      assert.match(alert.textContent ?? '', /rpm needs a tpm/);
      assert.equal(form.getByLabelText('Requests per minute (RPM)').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(fake.calls.find((call) => call.method === 'PATCH')?.body, { tpm: null, rpm: 100 });
    } finally {
      fake.restore();
    }
  });

  void it('deletes after confirmation and returns to the list', async () => {
    const fake = fakeFetch(
      routes('Contributor', {
        'DELETE /admin/projects/team/deployments/chat': { object: 'deployment', name: 'chat', deleted: true },
      }),
    );
    try {
      renderPage();
      await editForm();
      fireEvent.click(screen.getByText('Delete', { selector: 'button' }));
      let dialog = within(screen.getByRole('dialog', { name: 'Delete chat?' }));
      fireEvent.click(dialog.getByText('Cancel', { selector: 'button' }));
      assert.ok(screen.queryByRole('dialog') === null);
      assert.ok(!fake.calls.some((call) => call.method === 'DELETE'), 'cancel deletes nothing');

      fireEvent.click(screen.getByText('Delete', { selector: 'button' }));
      dialog = within(screen.getByRole('dialog', { name: 'Delete chat?' }));
      fireEvent.click(dialog.getByText('Delete deployment', { selector: 'button' }));
      await waitFor(() => assert.equal(window.location.hash, '#/deployments'));
      assert.ok(fake.calls.some((call) => call.method === 'DELETE' && call.path.endsWith('/deployments/chat')));
    } finally {
      fake.restore();
    }
  });

  void it('says so for a name the project does not have', async () => {
    const fake = fakeFetch(routes('Reader'));
    try {
      renderPage('nope');
      await screen.findByText(/has no deployment named nope/);
    } finally {
      fake.restore();
    }
  });
});
