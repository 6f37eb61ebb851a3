import type { ReactNode } from 'react';
import { SessionProvider } from '../../auth/session-context';
import type { Me, ProjectRole } from '../../api/types';

/** Who the component tests sign in as: a project role on `team`, or a platform admin. */
export function meAs(role: ProjectRole | 'platform-admin'): Me {
  return role === 'platform-admin'
    ? { kind: 'user', email: 'admin@example.org', platform_admin: true, projects: [] }
    : { kind: 'user', email: 'dev@example.org', platform_admin: false, projects: [{ project: 'team', role }] };
}

/** The fetch answers a signed-in session reads before any page renders. */
export function sessionRoutes(role: ProjectRole | 'platform-admin'): Record<string, unknown> {
  return {
    'GET /admin/me': meAs(role),
    'GET /admin/projects': {
      object: 'list',
      data: [{ id: 'prj_1', name: 'team', created_at: '2026-11-01T00:00:00Z' }],
    },
  };
}

/**
 * Renders a page as a signed-in person (the token in sessionStorage, /admin/me and /admin/projects from the fake
 * fetch); tests clear sessionStorage and localStorage afterwards.
 */
export function SignedIn(props: { children: ReactNode }) {
  sessionStorage.setItem('hangar.token', 'hgs_test');
  localStorage.setItem('hangar.project', 'team');
  return <SessionProvider signIn={() => <p>Signed out</p>}>{props.children}</SessionProvider>;
}
