import { keyPath, keysPath, type ApiKeyWithSecret, type KeyInput } from '../keys/key-types';

/** The inference key the playground calls with, kept per project for this browser tab only. */
export interface PlaygroundKey {
  secret: string;
  /** The key's name when the playground created it; null for a pasted key, whose name it does not know. */
  name: string | null;
  prefix: string;
}

/** How long a key the playground creates lives: long enough for a working session, not forever. */
export const PLAYGROUND_KEY_DAYS = 7;

const storageName = (project: string) => `hangar.playground-key.${project}`;

export function storedPlaygroundKey(project: string): PlaygroundKey | null {
  const text = sessionStorage.getItem(storageName(project));
  if (text === null) return null;
  try {
    const stored = JSON.parse(text) as Partial<PlaygroundKey>;
    if (typeof stored.secret !== 'string' || stored.secret === '') return null;
    return {
      secret: stored.secret,
      name: typeof stored.name === 'string' ? stored.name : null,
      prefix: typeof stored.prefix === 'string' ? stored.prefix : stored.secret.slice(0, 8),
    };
  } catch {
    return null;
  }
}

export function rememberPlaygroundKey(project: string, key: PlaygroundKey): void {
  sessionStorage.setItem(storageName(project), JSON.stringify(key));
}

export function forgetPlaygroundKey(project: string): void {
  sessionStorage.removeItem(storageName(project));
}

/** `playground-2026-05-01-143205`: the date, and the time so a second key the same day gets its own name. */
export function playgroundKeyName(at: Date): string {
  const iso = at.toISOString();
  return `playground-${iso.slice(0, 10)}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

type Api = <T>(path: string, options?: { method?: 'POST' | 'DELETE'; body?: unknown }) => Promise<T>;

/** Creates a named inference key for the playground through the admin API and keeps its secret for this tab. */
export async function createPlaygroundKey(api: Api, project: string, now = new Date()): Promise<PlaygroundKey> {
  const body: KeyInput = {
    name: playgroundKeyName(now),
    scope: 'inference',
    expires_at: new Date(now.getTime() + PLAYGROUND_KEY_DAYS * 86_400_000).toISOString(),
  };
  const created = await api<ApiKeyWithSecret>(keysPath(project), { method: 'POST', body });
  const key = { secret: created.key, name: created.name, prefix: created.prefix };
  rememberPlaygroundKey(project, key);
  return key;
}

/** Revokes a key the playground created, then forgets it. */
export async function revokePlaygroundKey(api: Api, project: string, name: string): Promise<void> {
  await api(keyPath(project, name), { method: 'DELETE' });
  forgetPlaygroundKey(project);
}
