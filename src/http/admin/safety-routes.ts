import type { FastifyInstance } from 'fastify';
import { MAXIMUM_EVENT_LISTING, type SafetyService } from '../../safety/index.js';
import { GatewayError } from '../../spec/index.js';
import { singleQueryValue, type AdminQuery } from './single-query-value.js';

type NameParams = { Params: { name: string } };
type ProjectParams = { Params: { project: string }; Querystring: AdminQuery };
type ProjectNameParams = { Params: { project: string; name: string } };

const DEFAULT_EVENT_LISTING = 50;

/** Content-filter policies (platform and project), project blocklists, and the project's filtered requests. */
export function registerSafetyRoutes(admin: FastifyInstance, safety: SafetyService): void {
  const { policies, blocklists } = safety;

  admin.get('/content-filters', async () => ({ object: 'list', data: await policies.listPlatform() }));
  admin.get<NameParams>('/content-filters/:name', (request) => policies.getPlatform(request.params.name));
  admin.put<NameParams>('/content-filters/:name', (request) => policies.putPlatform(request.params.name, request.body));
  admin.delete<NameParams>('/content-filters/:name', (request) => policies.deletePlatform(request.params.name));

  admin.get<ProjectParams>('/projects/:project/content-filters', async (request) => ({
    object: 'list',
    data: await policies.listProject(request.params.project),
  }));
  // A static segment wins over `:name` in Fastify's router; `events` is refused as a policy name for that reason.
  admin.get<ProjectParams>('/projects/:project/content-filters/events', async (request) => ({
    object: 'list',
    data: await safety.listProjectEvents(request.params.project, eventListing(request.query)),
  }));
  admin.get<ProjectNameParams>('/projects/:project/content-filters/:name', (request) =>
    policies.getProject(request.params.project, request.params.name),
  );
  admin.put<ProjectNameParams>('/projects/:project/content-filters/:name', (request) =>
    policies.putProject(request.params.project, request.params.name, request.body),
  );
  admin.delete<ProjectNameParams>('/projects/:project/content-filters/:name', (request) =>
    policies.deleteProject(request.params.project, request.params.name),
  );

  admin.get<ProjectParams>('/projects/:project/blocklists', async (request) => ({
    object: 'list',
    data: await blocklists.list(request.params.project),
  }));
  admin.get<ProjectNameParams>('/projects/:project/blocklists/:name', (request) =>
    blocklists.get(request.params.project, request.params.name),
  );
  admin.put<ProjectNameParams>('/projects/:project/blocklists/:name', (request) =>
    blocklists.put(request.params.project, request.params.name, request.body),
  );
  admin.delete<ProjectNameParams>('/projects/:project/blocklists/:name', (request) =>
    blocklists.delete(request.params.project, request.params.name),
  );
}

/** `limit` (1 to 1000, default 50) and `before` (an ISO 8601 time: the next page starts before it). */
function eventListing(query: AdminQuery): { limit: number; before?: number } {
  const limitText = singleQueryValue(query, 'limit');
  const limit = limitText === undefined ? DEFAULT_EVENT_LISTING : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAXIMUM_EVENT_LISTING) {
    throw new GatewayError('invalid_request', `limit must be an integer from 1 to ${MAXIMUM_EVENT_LISTING}.`, {
      param: 'limit',
    });
  }
  const beforeText = singleQueryValue(query, 'before');
  if (beforeText === undefined) return { limit };
  const before = Date.parse(beforeText);
  if (!Number.isFinite(before)) {
    throw new GatewayError('invalid_request', 'before must be an ISO 8601 time such as 2026-01-31T00:00:00Z.', {
      param: 'before',
    });
  }
  return { limit, before };
}
