import { readFileSync } from 'node:fs';

/** Hangar's version from its package.json, which sits three folders up from here in src/ and in dist/ alike. */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
