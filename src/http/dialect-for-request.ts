import type { FastifyRequest } from 'fastify';
import { DIALECTS, type Dialect } from '../dialects/index.js';

/** The dialect a request speaks: from its route, or guessed from the path when no route matched. */
export function dialectForRequest(request: FastifyRequest): Dialect {
  const fromRoute = request.routeOptions.config?.dialect;
  if (fromRoute !== undefined) return DIALECTS[fromRoute];
  const path = request.url;
  if (path.startsWith('/openai/')) return DIALECTS['azure-openai'];
  if (path.startsWith('/models/') || path === '/models') return DIALECTS['azure-inference'];
  if (path.startsWith('/v1/messages')) return DIALECTS.anthropic;
  return DIALECTS.openai;
}
