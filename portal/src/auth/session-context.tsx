import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { request } from '../api/client';
import type { Me, Project, ProjectRole, Session } from '../api/types';

const TOKEN_KEY = 'hangar.token';
const PROJECT_KEY = 'hangar.project';

export interface SessionState {
  token: string;
  me: Me;
  /** Projects the signed-in person may open: every project for a platform admin. */
  projects: Project[];
  /** The project the pages work on; null when there is none yet. */
  project: string | null;
  selectProject(name: string): void;
  /** The role held on a project; platform admins act as Owner everywhere. */
  roleOn(project: string | null): ProjectRole | null;
  /** True when the role on the project is at least `needed`. */
  can(needed: ProjectRole, project?: string | null): boolean;
  /** Re-reads who is signed in and the projects (after a project is created or removed). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const RANK: Record<ProjectRole, number> = { Reader: 1, Contributor: 2, Owner: 3 };

/** The API spells roles in lower case (`contributor`); the portal names them as people read them. */
function roleName(role: string | undefined): ProjectRole | null {
  switch (role?.toLowerCase()) {
    case 'owner':
      return 'Owner';
    case 'contributor':
      return 'Contributor';
    case 'reader':
      return 'Reader';
    default:
      return null;
  }
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** A call with the signed-in token, for pages: `api('/admin/projects')`. */
export function useApi(): <T>(path: string, options?: Parameters<typeof request>[1]) => Promise<T> {
  const { token } = useSession();
  return useCallback(
    <T,>(path: string, options: Parameters<typeof request>[1] = {}) => request<T>(path, { ...options, token }),
    [token],
  );
}

export async function signIn(email: string, password: string): Promise<string> {
  const session = await request<Session>('/admin/sessions', { method: 'POST', body: { email, password } });
  sessionStorage.setItem(TOKEN_KEY, session.token);
  return session.token;
}

/** An operator can sign in with the admin key instead of a password. */
export function rememberAdminKey(key: string): void {
  sessionStorage.setItem(TOKEN_KEY, key);
}

interface Loaded {
  token: string;
  me: Me;
  projects: Project[];
}

/** Holds who is signed in; renders `signIn` until someone is, and `children` after. */
export function SessionProvider(props: { children: ReactNode; signIn: (done: () => void) => ReactNode }) {
  const [loaded, setLoaded] = useState<Loaded | null | undefined>(undefined);
  const [project, setProject] = useState<string | null>(() => localStorage.getItem(PROJECT_KEY));

  const load = useCallback(async () => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token === null) {
      setLoaded(null);
      return;
    }
    try {
      const me = await request<Me>('/admin/me', { token });
      const projects = (await request<{ data: Project[] }>('/admin/projects', { token })).data;
      setLoaded({ token, me, projects });
    } catch {
      sessionStorage.removeItem(TOKEN_KEY);
      setLoaded(null);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const value = useMemo((): SessionState | null => {
    if (!loaded) return null;
    const names = loaded.projects.map((candidate) => candidate.name);
    const current = project !== null && names.includes(project) ? project : (names[0] ?? null);
    const roleOn = (name: string | null): ProjectRole | null => {
      if (loaded.me.platform_admin) return 'Owner';
      if (name === null) return null;
      return roleName(loaded.me.projects.find((membership) => membership.project === name)?.role);
    };
    return {
      token: loaded.token,
      me: loaded.me,
      projects: loaded.projects,
      project: current,
      selectProject(name) {
        localStorage.setItem(PROJECT_KEY, name);
        setProject(name);
      },
      roleOn,
      can(needed, name = current) {
        const role = roleOn(name);
        return role !== null && RANK[role] >= RANK[needed];
      },
      refresh: load,
      async signOut() {
        if (loaded.me.kind === 'user') {
          await request('/admin/sessions', { method: 'DELETE', token: loaded.token }).catch(() => undefined);
        }
        sessionStorage.removeItem(TOKEN_KEY);
        setLoaded(null);
      },
    };
  }, [loaded, project, load]);

  if (loaded === undefined)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  if (value === null) return <>{props.signIn(() => void load())}</>;
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
