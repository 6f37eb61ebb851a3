import type { ProjectMemberListing, UserRecord } from '../../store/index.js';
import { isProjectRole, type ProjectRole } from './project-role.js';

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  platform_admin: boolean;
  disabled: boolean;
  created_at: string;
}

export interface MemberView {
  project: string;
  email: string;
  name: string | null;
  role: ProjectRole;
  added_at: string;
}

export function toUserView(record: UserRecord): UserView {
  return {
    id: record.id,
    email: record.email,
    name: record.displayName,
    platform_admin: record.platformAdmin,
    disabled: record.disabledAt !== null,
    created_at: new Date(record.createdAt).toISOString(),
  };
}

export function toMemberView(listing: ProjectMemberListing): MemberView {
  return {
    project: listing.projectName,
    email: listing.email,
    name: listing.displayName,
    role: storedRole(listing.role),
    added_at: new Date(listing.createdAt).toISOString(),
  };
}

/** A role read back from the database; an unknown value (written by a newer version) grants the least. */
export function storedRole(value: string | null): ProjectRole {
  return isProjectRole(value) ? value : 'reader';
}
