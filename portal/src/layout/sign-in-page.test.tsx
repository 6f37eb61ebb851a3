import '../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../app';
import { fakeFetch } from '../testing/install-dom';

describe('signing in', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('signs in with email and password, then shows the navigation the role allows', async () => {
    const fake = fakeFetch({
      'POST /admin/sessions': {
        token: 'hgs_test',
        expires_at: '2026-11-24T00:00:00Z',
        user: { email: 'ana@example.org' },
      },
      'GET /admin/me': {
        kind: 'user',
        email: 'ana@example.org',
        platform_admin: false,
        projects: [{ project: 'team', role: 'Reader' }],
      },
      'GET /admin/projects': { data: [{ id: 'prj_1', name: 'team', created_at: '2026-11-01T00:00:00Z' }] },
      'GET /admin/catalog/models': { data: [] },
    });
    try {
      render(<App />);
      fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ana@example.org' } });
      fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      await screen.findByRole('navigation', { name: 'Pages' });
      assert.deepEqual(fake.calls[0], {
        method: 'POST',
        path: '/admin/sessions',
        body: { email: 'ana@example.org', password: 'correct horse' },
      });
      assert.equal(sessionStorage.getItem('hangar.token'), 'hgs_test');
      assert.ok(screen.getByRole('link', { name: 'Deployments' }));
      assert.equal(
        screen.queryByRole('link', { name: 'Connections' }),
        null,
        'admin pages are not offered to a Reader',
      );
    } finally {
      fake.restore();
    }
  });

  it('shows the API’s message when the password is wrong', async () => {
    const fake = fakeFetch({
      'POST /admin/sessions': new Response(
        JSON.stringify({ error: { message: 'The email or password is wrong.', code: 'invalid_credentials' } }),
        { status: 401 },
      ),
    });
    try {
      render(<App />);
      fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ana@example.org' } });
      fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      await waitFor(() => assert.match(screen.getByRole('alert').textContent ?? '', /email or password is wrong/));
    } finally {
      fake.restore();
    }
  });
});
