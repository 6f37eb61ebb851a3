import { randomUUID } from 'node:crypto';

/** Prefixed random ids (`dep_…`) so an id in a log says what it names. */
export function newId(prefix: 'con' | 'prj' | 'key' | 'dep' | 'usr' | 'ses'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
