import type { FastifyInstance } from 'fastify';
import type { ControlPlane, KeyInput } from '../../control/index.js';
import { bodyObject } from './body-object.js';

type ProjectParams = { Params: { project: string } };

export function registerKeyRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get<ProjectParams>('/projects/:project/keys', async (request) => ({
    object: 'list',
    data: await control.keys.list(request.params.project),
  }));

  // The plaintext key is in this response and nowhere else, ever.
  admin.post<ProjectParams>('/projects/:project/keys', async (request, reply) => {
    const body = bodyObject(request.body);
    const created = await control.keys.create({ ...body, project: request.params.project } as KeyInput);
    return reply.code(201).send({ key: created.key, ...created.view });
  });

  // Azure's regenerateKey: a new secret for the same key, the old one refused from the next request on.
  admin.post<{ Params: { project: string; name: string } }>(
    '/projects/:project/keys/:name/regenerate',
    async (request) => {
      const regenerated = await control.keys.regenerate(request.params.project, request.params.name);
      return { key: regenerated.key, ...regenerated.view };
    },
  );

  admin.delete<{ Params: { project: string; name: string } }>('/projects/:project/keys/:name', async (request) => {
    return control.keys.revoke(request.params.project, request.params.name);
  });
}
