// Component tests run under node:test; this gives them a browser-like DOM (jsdom) before React and Testing Library
// load. Import it first in every *.test.tsx.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://127.0.0.1:4000/' });
const globals = globalThis as unknown as Record<string, unknown>;
for (const name of [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'HTMLInputElement',
  'HTMLSelectElement',
  'HTMLTextAreaElement',
  'HTMLButtonElement',
  'HTMLFormElement',
  'HTMLDialogElement',
  'Element',
  'Node',
  'Text',
  'Event',
  'KeyboardEvent',
  'MouseEvent',
  'InputEvent',
  'FocusEvent',
  'CustomEvent',
  'HashChangeEvent',
  'MutationObserver',
  'getComputedStyle',
  'DocumentFragment',
  'SVGElement',
]) {
  if (!(name in globals) || name === 'navigator') {
    Object.defineProperty(globalThis, name, {
      value: (dom.window as unknown as Record<string, unknown>)[name],
      configurable: true,
      writable: true,
    });
  }
}
globals.IS_REACT_ACT_ENVIRONMENT = true;

/** Answers fetch calls from a table of `METHOD path` → JSON, recording them; unknown calls get a 404 envelope. */
export function fakeFetch(routes: Record<string, unknown>): {
  calls: { method: string; path: string; body: unknown }[];
  restore(): void;
} {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path, body });
    const route = routes[`${method} ${path}`];
    if (route === undefined) {
      return Promise.resolve(
        new Response(JSON.stringify({ error: { message: `No fake for ${method} ${path}`, code: 'not_found' } }), {
          status: 404,
        }),
      );
    }
    const answer = typeof route === 'function' ? (route as (body: unknown) => unknown)(body) : route;
    if (answer instanceof Response) return Promise.resolve(answer);
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
  };
  return {
    calls,
    restore() {
      globalThis.fetch = original;
    },
  };
}
