// Test support for the usage, billing and service-level pages: renders a page signed in, without the rest of the
// app, and answers the two calls the session makes. Import '../../testing/install-dom' before this file.
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { ProjectRole } from '../../api/types';
import { SessionProvider } from '../../auth/session-context';
import { fakeFetch } from '../../testing/install-dom';

export interface SignedIn {
  role?: ProjectRole;
  platformAdmin?: boolean;
  project?: string;
}

/** Signs in as a member of `project` (default: team, Owner), answers `routes`, and renders `page`. */
export function renderSignedIn(page: ReactNode, routes: Parameters<typeof fakeFetch>[0], who: SignedIn = {}) {
  const project = who.project ?? 'team';
  sessionStorage.setItem('hangar.token', 'hgs_test');
  localStorage.setItem('hangar.project', project);
  const fake = fakeFetch({
    'GET /admin/me': {
      kind: 'user',
      email: 'ana@example.org',
      platform_admin: who.platformAdmin ?? false,
      projects: [{ project, role: who.role ?? 'Owner' }],
    },
    'GET /admin/projects': { data: [{ id: 'prj_1', name: project, created_at: '2026-11-01T00:00:00Z' }] },
    ...routes,
  });
  render(<SessionProvider signIn={() => <p>Signed out</p>}>{page}</SessionProvider>);
  return fake;
}

/** The calls made so far other than the session's own. */
export function pageCalls(fake: ReturnType<typeof fakeFetch>): string[] {
  return fake.calls
    .map((call) => `${call.method} ${call.path}`)
    .filter((call) => call !== 'GET /admin/me' && call !== 'GET /admin/projects');
}

/** Captures downloads: the Blob URL's content and the file name the link offers, instead of navigating. */
export function captureDownloads(): {
  files: { name: string; text: Promise<string> }[];
  restore(): void;
} {
  const files: { name: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  const urlStatics = Object.getOwnPropertyDescriptors(URL);
  const anchor = (window as unknown as { HTMLAnchorElement: typeof HTMLAnchorElement }).HTMLAnchorElement.prototype;
  let next = 0;
  URL.createObjectURL = (blob: Blob) => {
    next += 1;
    const url = `blob:test/${next}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void blobs.delete(url);
  // An own click() on the anchor prototype shadows HTMLElement's, which would try to navigate.
  Object.defineProperty(anchor, 'click', {
    configurable: true,
    value(this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      files.push({ name: this.download, text: blob === undefined ? Promise.resolve('') : blob.text() });
    },
  });
  return {
    files,
    restore() {
      for (const name of ['createObjectURL', 'revokeObjectURL'] as const) {
        const original = urlStatics[name];
        if (original !== undefined) Object.defineProperty(URL, name, original);
      }
      delete (anchor as { click?: unknown }).click;
    },
  };
}
