import {
  describePrincipal,
  isPlatformAdmin,
  roleCovers,
  roleOnProject,
  roleTitle,
  type Principal,
  type ProjectRole,
} from '../../control/index.js';
import { GatewayError } from '../../spec/index.js';

/**
 * Who may call an admin operation. Declared once per operation in ADMIN_OPERATIONS, which the hook reads
 * and /openapi.json publishes, so the enforced rule and the documented one cannot drift apart.
 * - `public`: anyone (signing in);
 * - `signed-in`: any caller the admin API knows (the catalog, who am I);
 * - `person`: a signed-in person, not a key (changing one's own password, signing out);
 * - `platform-admin`: the operator's admin key or a platform admin (connections, users, quotas, engine);
 * - `{ project: role }`: at least that role on the project named in the path.
 */
export type AdminAccess = 'public' | 'signed-in' | 'person' | 'platform-admin' | { project: ProjectRole };

/** Throws when the caller may not do what the operation does; the message says what they lack. */
export function authorize(access: AdminAccess, principal: Principal, projectName: string | undefined): void {
  if (access === 'public' || access === 'signed-in') return;
  if (access === 'person') {
    if (principal.kind !== 'user') {
      throw new GatewayError('permission_denied', 'Only a signed-in person can do this; keys cannot.');
    }
    return;
  }
  if (access === 'platform-admin') {
    if (!isPlatformAdmin(principal)) {
      throw new GatewayError(
        'permission_denied',
        `Only a platform admin can do this; ${describePrincipal(principal)} is not one.`,
      );
    }
    return;
  }
  if (projectName === undefined) throw new Error('A project-scoped admin operation has no {project} in its path.');
  const held = roleOnProject(principal, projectName);
  // Someone with no role on a project learns nothing about it, not even that it exists.
  if (held === undefined) {
    throw new GatewayError(
      'not_found',
      `Project '${projectName}' does not exist, or ${describePrincipal(principal)} has no role on it.`,
      { param: 'project' },
    );
  }
  if (!roleCovers(held, access.project)) {
    throw new GatewayError(
      'permission_denied',
      `This needs the ${roleTitle(access.project)} role on project '${projectName}'; ` +
        `${describePrincipal(principal)} is ${roleTitle(held)}.`,
    );
  }
}

/** The project names a caller may see in listings; undefined: all of them. */
export function visibleProjects(principal: Principal): ReadonlySet<string> | undefined {
  if (isPlatformAdmin(principal)) return undefined;
  if (principal.kind === 'user') return new Set(principal.roles.keys());
  if (principal.kind === 'key') return new Set([principal.projectName]);
  return new Set();
}
