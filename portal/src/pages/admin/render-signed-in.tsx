// Test helper for the admin and content-safety pages: renders a page inside a signed-in session whose /admin/me and
// /admin/projects answers the test chooses, the way the portal loads them after sign-in.
import type { ReactNode } from 'react';
import { render, screen } from '@testing-library/react';
import { SessionProvider } from '../../auth/session-context';
import type { Me, Project } from '../../api/types';

export const TEAM: Project = { id: 'prj_1', name: 'team', created_at: '2026-11-01T00:00:00Z' };

export const PLATFORM_ADMIN: Me = { kind: 'user', email: 'admin@example.org', platform_admin: true, projects: [] };

export function memberMe(role: Me['projects'][number]['role'], project = TEAM.name): Me {
  return { kind: 'user', email: 'dev@example.org', platform_admin: false, projects: [{ project, role }] };
}

/** The fakeFetch routes a session needs, to spread into a test's own. */
export function sessionRoutes(me: Me, projects: Project[] = [TEAM]): Record<string, unknown> {
  return { 'GET /admin/me': me, 'GET /admin/projects': { object: 'list', data: projects } };
}

/** Renders `page` once the session has loaded (sign-in is skipped: a token is already stored). */
export async function renderSignedIn(page: ReactNode): Promise<void> {
  sessionStorage.setItem('hangar.token', 'hgs_test');
  render(<SessionProvider signIn={() => <p>signed out</p>}>{page}</SessionProvider>);
  await screen.findByRole('heading', { level: 1 });
}
