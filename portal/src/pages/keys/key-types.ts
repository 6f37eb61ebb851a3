import type { ProjectRole } from '../../api/types';

export type KeyScope = 'inference' | 'admin';
/** The role an admin key acts with, spelled as the admin API spells it. */
export type KeyRole = 'reader' | 'contributor' | 'owner';

/** A project's key as `GET /admin/projects/{project}/keys` lists it: never its secret. */
export interface ApiKey {
  id: string;
  project: string;
  name: string;
  /** The first 8 characters of the secret, enough to tell keys apart. */
  prefix: string;
  status: 'active' | 'revoked' | 'expired';
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  /** The deployments it may call; null: every deployment of the project. */
  deployments: string[] | null;
  last_used_at: string | null;
  scope: KeyScope;
  role: KeyRole | null;
}

/** What creating or regenerating answers: the key with its secret, shown this once. */
export interface ApiKeyWithSecret extends ApiKey {
  key: string;
}

export interface KeyInput {
  name: string;
  scope: KeyScope;
  role?: KeyRole;
  deployments?: string[];
  expires_at?: string;
}

export const KEY_ROLES: readonly KeyRole[] = ['reader', 'contributor', 'owner'];

const ROLE_OF: Record<KeyRole, ProjectRole> = { reader: 'Reader', contributor: 'Contributor', owner: 'Owner' };

export function projectRoleOf(role: KeyRole): ProjectRole {
  return ROLE_OF[role];
}

/** Key names as the admin API accepts them. */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function keysPath(project: string): string {
  return `/admin/projects/${encodeURIComponent(project)}/keys`;
}

export function keyPath(project: string, name: string): string {
  return `${keysPath(project)}/${encodeURIComponent(name)}`;
}
