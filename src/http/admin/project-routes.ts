import type { FastifyInstance } from 'fastify';
import type { ControlPlane, ProjectInput } from '../../control/index.js';
import { visibleProjects } from './admin-access.js';

export function registerProjectRoutes(admin: FastifyInstance, control: ControlPlane): void {
  // Everyone may list projects, and sees only those they hold a role on (platform admins see all).
  admin.get('/projects', async (request) => {
    const visible = request.principal === null ? new Set<string>() : visibleProjects(request.principal);
    const projects = await control.projects.list();
    return {
      object: 'list',
      data: visible === undefined ? projects : projects.filter((project) => visible.has(project.name)),
    };
  });

  admin.post<{ Body: ProjectInput }>('/projects', async (request, reply) => {
    return reply.code(201).send(await control.projects.create(request.body));
  });

  admin.delete<{ Params: { name: string } }>('/projects/:name', async (request) => {
    await control.projects.remove(request.params.name);
    return { object: 'project', name: request.params.name, deleted: true };
  });
}
