import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { MembersPage } from './members-page';
import { memberMe, PLATFORM_ADMIN, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';

const MEMBERS = {
  object: 'list',
  data: [
    { project: 'team', email: 'ana@example.org', name: 'Ana', role: 'owner', added_at: '2026-11-01T00:00:00Z' },
    { project: 'team', email: 'dev@example.org', name: null, role: 'contributor', added_at: '2026-11-02T00:00:00Z' },
  ],
};

describe('members page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('lets an Owner add a member, change a role and remove one', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(PLATFORM_ADMIN),
      'GET /admin/projects/team/members': MEMBERS,
      'PUT /admin/projects/team/members/bo%40example.org': (body: unknown) => ({
        project: 'team',
        email: 'bo@example.org',
        name: null,
        role: (body as { role: string }).role,
        added_at: '2026-11-03T00:00:00Z',
      }),
      'PUT /admin/projects/team/members/dev%40example.org': { ...MEMBERS.data[1], role: 'owner' },
      'DELETE /admin/projects/team/members/dev%40example.org': {
        object: 'member',
        project: 'team',
        email: 'dev@example.org',
        deleted: true,
      },
    });
    try {
      await renderSignedIn(<MembersPage />);
      await screen.findByText('ana@example.org');

      fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'bo@example.org' } });
      fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'contributor' } });
      fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
      await waitFor(() =>
        assert.ok(fake.calls.some((call) => call.method === 'PUT' && call.path.endsWith('bo%40example.org'))),
      );
      assert.deepEqual(fake.calls.find((call) => call.path.endsWith('bo%40example.org'))?.body, {
        role: 'contributor',
      });

      fireEvent.change(screen.getByLabelText('Role of dev@example.org'), { target: { value: 'owner' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save role' }));
      await waitFor(() =>
        assert.deepEqual(
          fake.calls.find((call) => call.method === 'PUT' && call.path.endsWith('dev%40example.org'))?.body,
          { role: 'owner' },
        ),
      );

      fireEvent.click(screen.getByRole('button', { name: 'Remove dev@example.org' }));
      const dialog = await screen.findByRole('dialog', { name: 'Remove member' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
      await waitFor(() => assert.ok(screen.queryByRole('dialog') === null));
      assert.ok(fake.calls.some((call) => call.method === 'DELETE'));
    } finally {
      fake.restore();
    }
  });

  it('shows the API’s message when the last owner cannot be removed', async () => {
    const fake = fakeFetch({
      ...sessionRoutes(PLATFORM_ADMIN),
      'GET /admin/projects/team/members': MEMBERS,
      'DELETE /admin/projects/team/members/ana%40example.org': new Response(
        JSON.stringify({ error: { message: "ana@example.org is the last owner of 'team'.", code: 'invalid_request' } }),
        { status: 400 },
      ),
    });
    try {
      await renderSignedIn(<MembersPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Remove ana@example.org' }));
      const dialog = await screen.findByRole('dialog', { name: 'Remove member' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
      await within(dialog).findByText(/last owner/);
    } finally {
      fake.restore();
    }
  });

  it('shows a Contributor the members without the controls to change them', async () => {
    const fake = fakeFetch({ ...sessionRoutes(memberMe('contributor')), 'GET /admin/projects/team/members': MEMBERS });
    try {
      await renderSignedIn(<MembersPage />);
      await screen.findByText('ana@example.org');
      assert.equal(screen.queryByRole('button', { name: 'Add member' }), null);
      assert.equal(screen.queryByRole('button', { name: /^Remove/ }), null);
      assert.equal(screen.queryByLabelText('Role of dev@example.org'), null);
      assert.ok(screen.getByText('Contributor'));
    } finally {
      fake.restore();
    }
  });
});
