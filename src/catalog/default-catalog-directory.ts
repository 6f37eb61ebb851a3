import { fileURLToPath } from 'node:url';

/**
 * The `catalog/` folder shipped at the package root. This file sits two levels below the root both as source
 * (src/catalog/) and compiled (dist/catalog/), so one relative URL serves both.
 */
export function defaultCatalogDirectory(): string {
  return fileURLToPath(new URL('../../catalog/', import.meta.url));
}
