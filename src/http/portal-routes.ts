import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the portal: dist/portal, found from src/http (tests) and dist/http (the package). */
export const DEFAULT_PORTAL_DIRECTORY = fileURLToPath(new URL('../../dist/portal/', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

interface Asset {
  body: Buffer;
  type: string;
}

/**
 * Serves the portal at `/` and its files at `/assets/…`, read into memory once: a few hundred KB that never change
 * while the server runs. The portal routes by the URL's hash, so no other path needs a fallback and every other
 * path stays the APIs'. Without a build, `/` says how to make one.
 */
export function registerPortalRoutes(app: FastifyInstance, directory = DEFAULT_PORTAL_DIRECTORY): void {
  let index: Buffer | undefined;
  const assets = new Map<string, Asset>();
  try {
    index = readFileSync(join(directory, 'index.html'));
    const assetDirectory = join(directory, 'assets');
    for (const name of readdirSync(assetDirectory)) {
      const path = join(assetDirectory, name);
      if (!statSync(path).isFile()) continue;
      assets.set(name, { body: readFileSync(path), type: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream' });
    }
  } catch {
    index = undefined;
  }

  app.get('/', async (_request, reply) => {
    if (index === undefined) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The portal is not built. Run `npm run build`, then restart Hangar.');
    }
    // The page names its hashed files; it must be re-read after an upgrade, the files never.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  });
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (asset === undefined) {
      return reply.code(404).type('text/plain; charset=utf-8').send('No such portal file.');
    }
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}
