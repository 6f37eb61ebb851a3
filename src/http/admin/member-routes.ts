import type { FastifyInstance } from 'fastify';
import type { ControlPlane, MemberInput } from '../../control/index.js';
import { bodyObject } from './body-object.js';

type MemberParams = { Params: { project: string; email: string } };

/** Who holds which role on a project; owners decide. */
export function registerMemberRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get<{ Params: { project: string } }>('/projects/:project/members', async (request) => ({
    object: 'list',
    data: await control.members.list(request.params.project),
  }));

  admin.put<MemberParams>('/projects/:project/members/:email', async (request) =>
    control.members.set(request.params.project, request.params.email, bodyObject(request.body) as MemberInput),
  );

  admin.delete<MemberParams>('/projects/:project/members/:email', async (request) => {
    await control.members.remove(request.params.project, request.params.email);
    return {
      object: 'member',
      project: request.params.project,
      email: request.params.email.toLowerCase(),
      deleted: true,
    };
  });
}
