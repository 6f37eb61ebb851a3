import type { FastifyInstance } from 'fastify';
import type { ControlPlane, ProjectInput } from '../../control/index.js';

export function registerProjectRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get('/projects', async () => ({ object: 'list', data: await control.projects.list() }));

  admin.post<{ Body: ProjectInput }>('/projects', async (request, reply) => {
    return reply.code(201).send(await control.projects.create(request.body));
  });

  admin.delete<{ Params: { name: string } }>('/projects/:name', async (request) => {
    await control.projects.remove(request.params.name);
    return { object: 'project', name: request.params.name, deleted: true };
  });
}
