import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  describePrincipal,
  isProjectRole,
  roleCovers,
  roleOnProject,
  roleTitle,
  type ControlPlane,
  type KeyInput,
} from '../../control/index.js';
import { GatewayError } from '../../spec/index.js';
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
    requireRoleToHandKey(request, request.params.project, body.scope === 'admin' ? body.role : undefined);
    const created = await control.keys.create({ ...body, project: request.params.project } as KeyInput);
    return reply.code(201).send({ key: created.key, ...created.view });
  });

  // Azure's regenerateKey: a new secret for the same key, the old one refused from the next request on.
  admin.post<{ Params: { project: string; name: string } }>(
    '/projects/:project/keys/:name/regenerate',
    async (request) => {
      await requireRoleOverKey(request, control, request.params.project, request.params.name);
      const regenerated = await control.keys.regenerate(request.params.project, request.params.name);
      return { key: regenerated.key, ...regenerated.view };
    },
  );

  admin.delete<{ Params: { project: string; name: string } }>('/projects/:project/keys/:name', async (request) => {
    await requireRoleOverKey(request, control, request.params.project, request.params.name);
    return control.keys.revoke(request.params.project, request.params.name);
  });
}

/**
 * An admin key acts with a role, so only someone who holds that role may create it, give it a new secret or
 * revoke it: a Contributor cannot mint an Owner key.
 */
function requireRoleToHandKey(request: FastifyRequest, project: string, keyRole: unknown): void {
  if (!isProjectRole(keyRole) || request.principal === null) return;
  const held = roleOnProject(request.principal, project);
  if (held === undefined || !roleCovers(held, keyRole)) {
    throw new GatewayError(
      'permission_denied',
      `An admin key with the ${roleTitle(keyRole)} role can only be handled by someone who holds that role on ` +
        `project '${project}'; ${describePrincipal(request.principal)} is ${held === undefined ? 'not a member' : roleTitle(held)}.`,
      { param: 'role' },
    );
  }
}

async function requireRoleOverKey(
  request: FastifyRequest,
  control: ControlPlane,
  project: string,
  name: string,
): Promise<void> {
  const key = (await control.keys.list(project)).find((candidate) => candidate.name === name);
  if (key?.scope === 'admin') requireRoleToHandKey(request, project, key.role);
}
