import type { FastifyInstance } from 'fastify';
import type { ControlPlane, DeploymentInput } from '../../control/index.js';
import { bodyObject } from './body-object.js';

type ProjectParams = { Params: { project: string } };

export function registerDeploymentRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get<ProjectParams>('/projects/:project/deployments', async (request) => ({
    object: 'list',
    data: await control.deployments.list(request.params.project),
  }));

  admin.post<ProjectParams>('/projects/:project/deployments', async (request, reply) => {
    const body = bodyObject(request.body);
    const input = { ...body, project: request.params.project } as DeploymentInput;
    return reply.code(201).send(await control.deployments.create(input));
  });

  admin.delete<{ Params: { project: string; name: string } }>(
    '/projects/:project/deployments/:name',
    async (request) => {
      await control.deployments.remove(request.params.project, request.params.name);
      return { object: 'deployment', project: request.params.project, name: request.params.name, deleted: true };
    },
  );
}
