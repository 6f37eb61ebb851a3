import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { AdminConnectionsPage } from './connections-page';
import { memberMe, PLATFORM_ADMIN, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';

const OPENAI = {
  id: 'con_1',
  name: 'openai',
  provider: 'openai',
  base_url: 'https://api.openai.com/v1',
  api_version: null,
  has_api_key: true,
  header_names: ['x-team'],
  timeout_ms: null,
  capacity_tpm: 450000,
  created_at: '2026-11-01T00:00:00Z',
};

const routes = (extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(PLATFORM_ADMIN),
  'GET /admin/connections': { object: 'list', data: [OPENAI] },
  ...extra,
});

describe('connections page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('lists connections without ever showing a secret', async () => {
    const fake = fakeFetch(routes());
    try {
      await renderSignedIn(<AdminConnectionsPage />);
      await screen.findByText('https://api.openai.com/v1');
      assert.ok(screen.getByText('set'), 'says a key is stored');
      assert.ok(screen.getByText('450,000'));
      assert.ok(screen.getByText('x-team'));
      fireEvent.click(screen.getByRole('button', { name: 'Edit openai' }));
      const dialog = await screen.findByRole('dialog', { name: 'Edit openai' });
      const key = within(dialog).getByLabelText<HTMLInputElement>('API key');
      assert.equal(key.value, '', 'the key field starts empty: the stored key is never sent to the page');
      assert.equal(key.type, 'password');
    } finally {
      fake.restore();
    }
  });

  it('adds a connection with its write-only key', async () => {
    const fake = fakeFetch(
      routes({
        'POST /admin/connections': (body: unknown) => ({
          ...OPENAI,
          id: 'con_2',
          ...(body as object),
          has_api_key: true,
        }),
      }),
    );
    try {
      await renderSignedIn(<AdminConnectionsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Add connection' }));
      const dialog = await screen.findByRole('dialog', { name: 'Add connection' });
      fireEvent.change(within(dialog).getByLabelText('Connection name'), { target: { value: 'azure-east' } });
      fireEvent.change(within(dialog).getByLabelText('Provider'), { target: { value: 'azure-openai' } });
      fireEvent.change(within(dialog).getByLabelText('Base URL'), {
        target: { value: 'https://east.openai.azure.com' },
      });
      fireEvent.change(within(dialog).getByLabelText('API key'), { target: { value: 'azure-secret' } });
      fireEvent.change(within(dialog).getByLabelText('API version'), { target: { value: '2024-10-21' } });
      fireEvent.change(within(dialog).getByLabelText('Capacity (TPM)'), { target: { value: '300000' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Add connection' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null));
      assert.deepEqual(fake.calls.find((call) => call.method === 'POST')?.body, {
        name: 'azure-east',
        provider: 'azure-openai',
        base_url: 'https://east.openai.azure.com',
        api_key: 'azure-secret',
        api_version: '2024-10-21',
        capacity_tpm: 300000,
      });
    } finally {
      fake.restore();
    }
  });

  it('changes only what was edited, keeps the stored key unless one is typed, and shows the API’s message', async () => {
    let attempts = 0;
    const fake = fakeFetch(
      routes({
        'PATCH /admin/connections/openai': (body: unknown) => {
          attempts += 1;
          if (attempts === 1) {
            return new Response(
              JSON.stringify({ error: { message: 'base_url must be an http(s) URL.', code: 'invalid_request' } }),
              { status: 400 },
            );
          }
          return { ...OPENAI, ...(body as object) };
        },
      }),
    );
    try {
      await renderSignedIn(<AdminConnectionsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Edit openai' }));
      const dialog = await screen.findByRole('dialog', { name: 'Edit openai' });
      fireEvent.change(within(dialog).getByLabelText('Capacity (TPM)'), { target: { value: '500000' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
      await within(dialog).findByText('base_url must be an http(s) URL.');
      fireEvent.change(within(dialog).getByLabelText('API key'), { target: { value: 'rotated-key' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null));
      assert.deepEqual(
        fake.calls.filter((call) => call.method === 'PATCH').map((call) => call.body),
        [{ capacity_tpm: 500000 }, { capacity_tpm: 500000, api_key: 'rotated-key' }],
      );
    } finally {
      fake.restore();
    }
  });

  it('deletes a connection after confirmation', async () => {
    const fake = fakeFetch(
      routes({ 'DELETE /admin/connections/openai': { object: 'connection', name: 'openai', deleted: true } }),
    );
    try {
      await renderSignedIn(<AdminConnectionsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Delete openai' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete connection' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
      await waitFor(() => assert.ok(fake.calls.some((call) => call.method === 'DELETE')));
    } finally {
      fake.restore();
    }
  });

  it('is not offered to project members', async () => {
    const fake = fakeFetch(sessionRoutes(memberMe('owner')));
    try {
      await renderSignedIn(<AdminConnectionsPage />);
      assert.ok(screen.getByText('Only platform admins manage connections.'));
      assert.equal(screen.queryByRole('button', { name: 'Add connection' }), null);
    } finally {
      fake.restore();
    }
  });
});
