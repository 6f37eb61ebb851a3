import type { ApiKey } from './key-types';

const ROLE_TITLES = { reader: 'Reader', contributor: 'Contributor', owner: 'Owner' } as const;

/** `Inference` or `Admin · Contributor`. */
export function scopeLabel(key: Pick<ApiKey, 'scope' | 'role'>): string {
  if (key.scope === 'inference') return 'Inference';
  return key.role === null ? 'Admin' : `Admin · ${ROLE_TITLES[key.role]}`;
}

export function statusTone(status: ApiKey['status']): 'ok' | 'warn' | 'bad' {
  if (status === 'active') return 'ok';
  return status === 'expired' ? 'warn' : 'bad';
}

export const STATUS_TITLES: Record<ApiKey['status'], string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
};
