import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { AdminQuotasPage } from './quotas-page';
import { PLATFORM_ADMIN, renderSignedIn, sessionRoutes, TEAM } from '../../testing/render-signed-in';

const LAB = { id: 'prj_2', name: 'lab', created_at: '2026-11-02T00:00:00Z' };
const GRANT = {
  project: 'team',
  model: 'gpt-4o',
  tpm: 450000,
  allocated_tpm: 150000,
  updated_at: '2026-11-20T00:00:00Z',
};

const routes = (extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(PLATFORM_ADMIN, [TEAM, LAB]),
  'GET /admin/projects/team/quotas': { object: 'list', data: [GRANT] },
  'GET /admin/projects/lab/quotas': {
    object: 'list',
    data: [{ ...GRANT, project: 'lab', model: 'grok-3', tpm: 100000, allocated_tpm: 0 }],
  },
  'GET /admin/catalog/models': { object: 'list', data: [{ id: 'gpt-4o' }, { id: 'grok-3' }] },
  ...extra,
});

describe('quotas page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('lists every project’s grants with what their deployments hold', async () => {
    const fake = fakeFetch(routes());
    try {
      await renderSignedIn(<AdminQuotasPage />);
      await screen.findByText('grok-3');
      assert.ok(screen.getByText('150,000 of 450,000 (33 %)'));
      fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'lab' } });
      assert.equal(screen.queryByText('gpt-4o', { selector: 'td' }), null);
    } finally {
      fake.restore();
    }
  });

  it('sets, changes and removes a grant, showing the API’s refusal', async () => {
    const fake = fakeFetch(
      routes({
        'PUT /admin/projects/lab/quotas/gpt-4o': (body: unknown) => ({ ...GRANT, project: 'lab', ...(body as object) }),
        'PUT /admin/projects/team/quotas/gpt-4o': () =>
          new Response(
            JSON.stringify({
              error: { message: "team's deployments of gpt-4o already hold 150000 TPM.", code: 'invalid_request' },
            }),
            { status: 400 },
          ),
        'DELETE /admin/projects/team/quotas/gpt-4o': {
          object: 'quota',
          project: 'team',
          model: 'gpt-4o',
          deleted: true,
        },
      }),
    );
    try {
      await renderSignedIn(<AdminQuotasPage />);
      await screen.findByText('grok-3');
      const form = screen.getByRole('form', { name: 'Set a grant' });
      fireEvent.change(within(form).getByLabelText('Project'), { target: { value: 'lab' } });
      fireEvent.change(within(form).getByLabelText('Model'), { target: { value: 'gpt-4o' } });
      fireEvent.change(within(form).getByLabelText('Tokens per minute'), { target: { value: '200000' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Set grant' }));
      await waitFor(() =>
        assert.deepEqual(fake.calls.find((call) => call.path === '/admin/projects/lab/quotas/gpt-4o')?.body, {
          tpm: 200000,
        }),
      );

      fireEvent.click(screen.getByRole('button', { name: 'Change the grant of team for gpt-4o' }));
      assert.equal(within(form).getByLabelText<HTMLInputElement>('Tokens per minute').value, '450000');
      fireEvent.change(within(form).getByLabelText('Tokens per minute'), { target: { value: '100000' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Set grant' }));
      await within(form).findByText(/already hold 150000 TPM/);

      fireEvent.click(screen.getByRole('button', { name: 'Remove the grant of team for gpt-4o' }));
      const dialog = await screen.findByRole('dialog', { name: 'Remove grant' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove grant' }));
      await waitFor(() => assert.ok(fake.calls.some((call) => call.method === 'DELETE')));
    } finally {
      fake.restore();
    }
  });
});
