import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SessionProvider } from '../../auth/session-context';
import { fakeFetch } from '../../testing/install-dom';
import type { ApiKey } from './key-types';
import { KeysPage } from './keys-page';

const PROJECTS = { object: 'list', data: [{ id: 'prj_1', name: 'team', created_at: '2026-11-01T00:00:00Z' }] };

function key(name: string, patch: Partial<ApiKey> = {}): ApiKey {
  return {
    id: `key_${name}`,
    project: 'team',
    name,
    prefix: `hgk_${name.slice(0, 4)}`,
    status: 'active',
    created_at: '2026-11-01T00:00:00Z',
    revoked_at: null,
    expires_at: null,
    deployments: null,
    last_used_at: null,
    scope: 'inference',
    role: null,
    ...patch,
  };
}

const KEYS = {
  object: 'list',
  data: [
    key('key1', { last_used_at: '2026-11-20T09:30:00Z' }),
    key('key2'),
    key('ci', { deployments: ['chat'], expires_at: '2027-01-31T00:00:00Z' }),
    key('ops', { scope: 'admin', role: 'owner' }),
    key('old', { status: 'revoked', revoked_at: '2026-11-02T00:00:00Z' }),
  ],
};

function renderKeys(role: 'Reader' | 'Contributor' | 'Owner', extra: Record<string, unknown> = {}) {
  sessionStorage.setItem('hangar.token', 'hgs_test');
  const fake = fakeFetch({
    'GET /admin/me': {
      kind: 'user',
      email: 'dev@example.org',
      platform_admin: false,
      projects: [{ project: 'team', role }],
    },
    'GET /admin/projects': PROJECTS,
    'GET /admin/projects/team/keys': KEYS,
    'GET /admin/projects/team/deployments': { object: 'list', data: [{ name: 'chat' }, { name: 'local-chat' }] },
    ...extra,
  });
  render(
    <SessionProvider signIn={() => <p>Signed out</p>}>
      <KeysPage />
    </SessionProvider>,
  );
  return fake;
}

const rowOf = (name: string) => {
  const row = screen.getByText(name, { selector: 'strong' }).closest('tr');
  assert.ok(row, `a row for ${name}`);
  return row;
};

describe('keys page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  it('lists keys with prefix, status, scope, deployments, expiry and last use; a Reader gets no actions', async () => {
    const fake = renderKeys('Reader');
    try {
      await screen.findByRole('table');
      const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
      assert.deepEqual(headers, ['Name', 'Prefix', 'Status', 'Scope', 'Deployments', 'Expires', 'Last used']);
      assert.match(rowOf('key1').textContent ?? '', /hgk_key1…ActiveInferenceAllNever20 Nov 2026, 09:30 UTC/);
      assert.match(rowOf('ci').textContent ?? '', /chat31 Jan 2027/);
      assert.match(rowOf('ops').textContent ?? '', /Admin · Owner/);
      assert.match(rowOf('old').textContent ?? '', /Revoked/);
      assert.ok(screen.queryByRole('button', { name: 'Create key' }) === null);
      assert.ok(screen.queryByRole('button', { name: /Regenerate|Revoke/ }) === null);
    } finally {
      fake.restore();
    }
  });

  it('creates an admin key limited to a deployment with an expiry, then shows its secret once', async () => {
    const fake = renderKeys('Contributor', {
      'POST /admin/projects/team/keys': (body: unknown) => ({
        ...key('deploy-bot'),
        ...(body as object),
        key: 'hgk_deploy_bot_secret_value',
      }),
    });
    try {
      fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
      const dialog = await screen.findByRole('dialog', { name: 'Create a key' });
      fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'deploy-bot' } });
      fireEvent.change(within(dialog).getByLabelText('Scope'), { target: { value: 'admin' } });
      const roles = within(dialog)
        .getAllByRole('option')
        .filter((option) => ['reader', 'contributor', 'owner'].includes((option as HTMLOptionElement).value))
        .map((option) => option.textContent);
      assert.deepEqual(roles, ['Reader', 'Contributor'], 'a Contributor cannot hand out Owner');
      fireEvent.change(within(dialog).getByLabelText('Role'), { target: { value: 'contributor' } });
      fireEvent.click(within(dialog).getByLabelText('Only the deployments picked here'));
      fireEvent.click(await within(dialog).findByLabelText('chat'));
      fireEvent.change(within(dialog).getByLabelText('Expires'), { target: { value: '30d' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));

      const secret = await screen.findByRole('dialog', { name: 'Key created' });
      const body = fake.calls.find((call) => call.method === 'POST')?.body as Record<string, unknown>;
      assert.equal(body.name, 'deploy-bot');
      assert.equal(body.scope, 'admin');
      assert.equal(body.role, 'contributor');
      assert.deepEqual(body.deployments, ['chat']);
      const days = (Date.parse(String(body.expires_at)) - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in 30 days, not ${days}`);

      assert.equal(
        within(secret).getByLabelText<HTMLInputElement>('Secret of deploy-bot').value,
        'hgk_deploy_bot_secret_value',
      );
      assert.match(within(secret).getByRole('alert').textContent ?? '', /shown this once/);
      assert.ok(within(secret).getByRole('button', { name: 'Copy the secret of deploy-bot' }));
      fireEvent.click(within(secret).getByRole('button', { name: 'I have copied it' }));
      assert.ok(screen.queryByText('hgk_deploy_bot_secret_value') === null);
      const listings = () =>
        fake.calls.filter((call) => call.method === 'GET' && call.path === '/admin/projects/team/keys');
      await waitFor(() => assert.equal(listings().length, 2, 'listed again'));
    } finally {
      fake.restore();
    }
  });

  it('checks the form and shows the API’s message when creation is refused', async () => {
    const fake = renderKeys('Owner', {
      'POST /admin/projects/team/keys': new Response(
        JSON.stringify({
          error: { message: "Key 'key1' already exists in project 'team'.", code: 'already_exists', type: 'x' },
        }),
        { status: 409 },
      ),
    });
    try {
      fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
      const dialog = await screen.findByRole('dialog', { name: 'Create a key' });
      fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'has space' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
      assert.match(within(dialog).getByRole('alert').textContent ?? '', /1 to 64 letters/);
      assert.equal(fake.calls.filter((call) => call.method === 'POST').length, 0);

      fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'key1' } });
      fireEvent.change(within(dialog).getByLabelText('Expires'), { target: { value: 'custom' } });
      fireEvent.change(within(dialog).getByLabelText('Expiry date and time'), {
        target: { value: '2001-01-01T00:00' },
      });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
      assert.match(within(dialog).getByRole('alert').textContent ?? '', /must be in the future/);

      fireEvent.change(within(dialog).getByLabelText('Expires'), { target: { value: 'never' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
      await waitFor(() => assert.match(within(dialog).getByRole('alert').textContent ?? '', /already exists/));
    } finally {
      fake.restore();
    }
  });

  it('regenerates key1 after confirming and shows the new secret once', async () => {
    const fake = renderKeys('Contributor', {
      'POST /admin/projects/team/keys/key1/regenerate': { ...key('key1'), prefix: 'hgk_fres', key: 'hgk_fresh_secret' },
    });
    try {
      fireEvent.click(await screen.findByRole('button', { name: 'Regenerate key1' }));
      const confirm = await screen.findByRole('dialog', { name: 'Regenerate key1?' });
      assert.match(confirm.textContent ?? '', /stops working at once/);
      fireEvent.click(within(confirm).getByRole('button', { name: 'Regenerate' }));
      const secret = await screen.findByRole('dialog', { name: 'New secret for key1' });
      assert.equal(within(secret).getByLabelText<HTMLInputElement>('Secret of key1').value, 'hgk_fresh_secret');
      assert.ok(screen.queryByRole('dialog', { name: 'Regenerate key1?' }) === null);
    } finally {
      fake.restore();
    }
  });

  it('revokes after confirming, can cancel, and hides actions on keys whose role the person lacks', async () => {
    const fake = renderKeys('Contributor', {
      'DELETE /admin/projects/team/keys/ci': { ...key('ci'), status: 'revoked' },
    });
    try {
      await screen.findByRole('table');
      assert.ok(
        within(rowOf('ops')).queryByRole('button') === null,
        'an Owner admin key is out of a Contributor’s reach',
      );
      assert.match(rowOf('ops').textContent ?? '', /Needs the owner role/);
      assert.ok(within(rowOf('old')).queryByRole('button', { name: 'Revoke old' }) === null, 'already revoked');

      fireEvent.click(screen.getByRole('button', { name: 'Revoke key2' }));
      fireEvent.click(
        within(await screen.findByRole('dialog', { name: 'Revoke key2?' })).getByRole('button', { name: 'Cancel' }),
      );
      assert.ok(screen.queryByRole('dialog') === null);

      fireEvent.click(screen.getByRole('button', { name: 'Revoke ci' }));
      const confirm = await screen.findByRole('dialog', { name: 'Revoke ci?' });
      fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null, 'the dialog closes'));
      assert.ok(fake.calls.some((call) => call.method === 'DELETE' && call.path === '/admin/projects/team/keys/ci'));
      await waitFor(() =>
        assert.equal(fake.calls.filter((call) => call.path === '/admin/projects/team/keys').length, 2, 'listed again'),
      );
    } finally {
      fake.restore();
    }
  });

  it('shows the API’s message when the list cannot be read', async () => {
    const fake = renderKeys('Reader', {
      'GET /admin/projects/team/keys': new Response(
        JSON.stringify({ error: { message: 'Project team is gone.', code: 'not_found', type: 'x' } }),
        { status: 404 },
      ),
    });
    try {
      await waitFor(() => assert.match(screen.getByRole('alert').textContent ?? '', /Project team is gone\./));
      assert.ok(screen.getByRole('button', { name: 'Try again' }));
    } finally {
      fake.restore();
    }
  });
});
