import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseClientJson } from '../kit/index.js';

/**
 * Bodies are parsed by the kit so a malformed one gets Hangar's own message in the route's dialect.
 * Any content type is read as JSON: SDKs send application/json, curl users often forget the header.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parse: ContentTypeParser = (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseClientJson(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  // The exact match is found first; the catch-all takes every other content type.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser('*', { parseAs: 'string' }, parse);
}

type ContentTypeParser = (
  request: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, value?: unknown) => void,
) => void;
