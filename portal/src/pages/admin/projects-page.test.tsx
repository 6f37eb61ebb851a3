import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { AdminProjectsPage } from './projects-page';
import { memberMe, PLATFORM_ADMIN, renderSignedIn, sessionRoutes, TEAM } from '../../testing/render-signed-in';

const USERS = {
  object: 'list',
  data: [
    {
      id: 'usr_1',
      email: 'admin@example.org',
      name: null,
      platform_admin: true,
      disabled: false,
      created_at: '2026-11-01T00:00:00Z',
    },
    {
      id: 'usr_2',
      email: 'dev@example.org',
      name: 'Dev',
      platform_admin: false,
      disabled: false,
      created_at: '2026-11-02T00:00:00Z',
    },
  ],
};

const adminRoutes = (extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(PLATFORM_ADMIN),
  'GET /admin/users': USERS,
  ...extra,
});

describe('projects page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('creates a project and shows key1 and key2 once', async () => {
    const fake = fakeFetch(
      adminRoutes({
        'POST /admin/projects': {
          id: 'prj_2',
          name: 'research',
          created_at: '2026-11-23T00:00:00Z',
          keys: { key1: 'hgr_first_secret', key2: 'hgr_second_secret' },
        },
      }),
    );
    try {
      await renderSignedIn(<AdminProjectsPage />);
      await screen.findByText('prj_1');
      fireEvent.change(screen.getByLabelText('Project name'), { target: { value: 'research' } });
      fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
      const dialog = await screen.findByRole('dialog', { name: 'Project research created' });
      assert.ok(within(dialog).getByText('hgr_first_secret'));
      assert.ok(within(dialog).getByText('hgr_second_secret'));
      assert.ok(within(dialog).getByRole('button', { name: 'Copy key1' }));
      assert.deepEqual(fake.calls.find((call) => call.method === 'POST')?.body, { name: 'research' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'I have copied them' }));
      await waitFor(() => assert.ok(screen.queryByText('hgr_first_secret') === null, 'the keys are gone'));
    } finally {
      fake.restore();
    }
  });

  it('deletes a project after confirmation', async () => {
    const fake = fakeFetch(
      adminRoutes({ 'DELETE /admin/projects/team': { object: 'project', name: 'team', deleted: true } }),
    );
    try {
      await renderSignedIn(<AdminProjectsPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Delete project team' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete project' });
      assert.equal(fake.calls.filter((call) => call.method === 'DELETE').length, 0, 'nothing before confirming');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Delete project' }));
      await waitFor(() => assert.ok(fake.calls.some((call) => call.method === 'DELETE')));
    } finally {
      fake.restore();
    }
  });

  it('adds a user, resets a password, disables and makes a platform admin', async () => {
    const patched = (body: unknown) => ({ ...USERS.data[1], ...(body as object) });
    const fake = fakeFetch(
      adminRoutes({
        'POST /admin/users': (body: unknown) => ({ ...USERS.data[1], id: 'usr_3', ...(body as object) }),
        'PATCH /admin/users/dev%40example.org': patched,
      }),
    );
    try {
      await renderSignedIn(<AdminProjectsPage />);
      await screen.findByText('dev@example.org');
      fireEvent.change(screen.getByLabelText('User email'), { target: { value: 'new@example.org' } });
      fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long enough password' } });
      fireEvent.click(screen.getByLabelText('Platform admin'));
      fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
      await waitFor(() =>
        assert.deepEqual(fake.calls.find((call) => call.path === '/admin/users' && call.method === 'POST')?.body, {
          email: 'new@example.org',
          password: 'long enough password',
          platform_admin: true,
        }),
      );

      fireEvent.click(screen.getByRole('button', { name: 'Reset the password of dev@example.org' }));
      const reset = await screen.findByRole('dialog', { name: 'Reset the password of dev@example.org' });
      fireEvent.change(within(reset).getByLabelText('New password'), { target: { value: 'another long one' } });
      fireEvent.click(within(reset).getByRole('button', { name: 'Set password' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null));

      fireEvent.click(screen.getByRole('button', { name: 'Disable dev@example.org' }));
      const disable = await screen.findByRole('dialog', { name: 'Disable user' });
      fireEvent.click(within(disable).getByRole('button', { name: 'Disable' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null));

      fireEvent.click(screen.getByRole('button', { name: 'Make dev@example.org a platform admin' }));
      await waitFor(() => assert.equal(fake.calls.filter((call) => call.method === 'PATCH').length, 3));
      assert.deepEqual(
        fake.calls.filter((call) => call.method === 'PATCH').map((call) => call.body),
        [{ password: 'another long one' }, { disabled: true }, { platform_admin: true }],
      );
    } finally {
      fake.restore();
    }
  });

  it('is not offered to someone who is not a platform admin', async () => {
    const fake = fakeFetch(sessionRoutes(memberMe('owner'), [TEAM]));
    try {
      await renderSignedIn(<AdminProjectsPage />);
      assert.ok(screen.getByText('Only platform admins manage projects and users.'));
      assert.equal(screen.queryByLabelText('Project name'), null);
      assert.ok(!fake.calls.some((call) => call.path === '/admin/users'), 'users are not even asked for');
    } finally {
      fake.restore();
    }
  });
});
