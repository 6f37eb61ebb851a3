// Test helper for the page tests: renders a page inside a signed-in session the way the portal shows it after
// sign-in. The test's own fakeFetch answers /admin/me and /admin/projects (spread sessionRoutes into its routes);
// tests clear sessionStorage and localStorage afterwards.
import type { ReactNode } from 'react';
import { render, screen } from '@testing-library/react';
import { SessionProvider } from '../auth/session-context';
import type { Me, Project } from '../api/types';
import type { fakeFetch } from './install-dom';

export const TEAM: Project = { id: 'prj_1', name: 'team', created_at: '2026-11-01T00:00:00Z' };

export const PLATFORM_ADMIN: Me = { kind: 'user', email: 'admin@example.org', platform_admin: true, projects: [] };

export function memberMe(role: Me['projects'][number]['role'], project = TEAM.name): Me {
  return { kind: 'user', email: 'dev@example.org', platform_admin: false, projects: [{ project, role }] };
}

/** The fakeFetch routes a session needs, to spread into a test's own. */
export function sessionRoutes(me: Me, projects: Project[] = [TEAM]): Record<string, unknown> {
  return { 'GET /admin/me': me, 'GET /admin/projects': { object: 'list', data: projects } };
}

/** Wraps a page in a session that is already signed in (a token stored) and working on `team`. */
export function SignedIn(props: { children: ReactNode }) {
  sessionStorage.setItem('hangar.token', 'hgs_test');
  localStorage.setItem('hangar.project', TEAM.name);
  return <SessionProvider signIn={() => <p>Signed out</p>}>{props.children}</SessionProvider>;
}

/** Renders `page` signed in and waits until the session has loaded and the page shows its heading. */
export async function renderSignedIn(page: ReactNode): Promise<void> {
  render(<SignedIn>{page}</SignedIn>);
  await screen.findByRole('heading', { level: 1 });
}

/** The calls made so far other than the session's own. */
export function pageCalls(fake: ReturnType<typeof fakeFetch>): string[] {
  return fake.calls
    .map((call) => `${call.method} ${call.path}`)
    .filter((call) => call !== 'GET /admin/me' && call !== 'GET /admin/projects');
}
