import { useEffect, useState } from 'react';

/**
 * Hash routes (`#/deployments/chat`): Hangar serves one index.html at `/`, and every other path belongs to the
 * APIs, so the portal never needs a server-side fallback.
 */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash === '' ? '/' : hash;
}

export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const changed = () => setPath(currentPath());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return path;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** `matchRoute('/deployments/:name', '/deployments/chat')` → `{ name: 'chat' }`; null when it does not match. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/').filter(Boolean);
  const given = path.split('?')[0]!.split('/').filter(Boolean);
  if (wanted.length !== given.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < wanted.length; index += 1) {
    const part = wanted[index]!;
    const value = given[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}
