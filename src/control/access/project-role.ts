/**
 * Roles on a project, weakest first, as Azure's built-in roles: a Reader sees, a Contributor also changes
 * deployments and keys, an Owner also decides who is a member. Platform admins stand above every project.
 */
export const PROJECT_ROLES = ['reader', 'contributor', 'owner'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function isProjectRole(value: unknown): value is ProjectRole {
  return typeof value === 'string' && (PROJECT_ROLES as readonly string[]).includes(value);
}

/** True when `held` allows what `needed` allows. */
export function roleCovers(held: ProjectRole, needed: ProjectRole): boolean {
  return PROJECT_ROLES.indexOf(held) >= PROJECT_ROLES.indexOf(needed);
}

/** The role's name as people read it: `Contributor`. */
export function roleTitle(role: ProjectRole): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}
