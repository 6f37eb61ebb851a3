import type { ProjectRole } from './project-role.js';

/**
 * Who is calling the admin API: the operator's admin key, a signed-in person, or a project key with the
 * admin scope. Built once per admin request.
 */
export type Principal =
  | { kind: 'operator' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      sessionId: string;
      platformAdmin: boolean;
      /** Project name → the person's role there. */
      roles: ReadonlyMap<string, ProjectRole>;
    }
  | { kind: 'key'; keyId: string; keyName: string; projectName: string; role: ProjectRole };

export function isPlatformAdmin(principal: Principal): boolean {
  return principal.kind === 'operator' || (principal.kind === 'user' && principal.platformAdmin);
}

/** The caller's role on a project; platform admins act as owners of every project. */
export function roleOnProject(principal: Principal, projectName: string): ProjectRole | undefined {
  if (isPlatformAdmin(principal)) return 'owner';
  if (principal.kind === 'user') return principal.roles.get(projectName);
  if (principal.kind === 'key') return principal.projectName === projectName ? principal.role : undefined;
  return undefined;
}

/** How the caller is named in messages and logs. */
export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case 'operator':
      return 'the admin key';
    case 'user':
      return principal.email;
    case 'key':
      return `key '${principal.keyName}'`;
  }
}
