import type { FastifyInstance } from 'fastify';
import type { ControlPlane } from '../../control/index.js';
import { bodyObject } from './body-object.js';

type QuotaParams = { Params: { project: string; model: string } };

/** The TPM an admin grants a project per model; the project's deployments of that model carve from it. */
export function registerQuotaRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get<{ Params: { project: string } }>('/projects/:project/quotas', async (request) => ({
    object: 'list',
    data: await control.quotas.list(request.params.project),
  }));

  admin.put<QuotaParams>('/projects/:project/quotas/:model', async (request) =>
    control.quotas.set(request.params.project, request.params.model, bodyObject(request.body)),
  );

  admin.delete<QuotaParams>('/projects/:project/quotas/:model', async (request) => {
    await control.quotas.remove(request.params.project, request.params.model);
    return { object: 'quota', project: request.params.project, model: request.params.model, deleted: true };
  });
}
