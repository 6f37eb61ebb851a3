import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describePrincipal, isPlatformAdmin, type ControlPlane, type DeploymentInput } from '../../control/index.js';
import type { SafetyService } from '../../safety/index.js';
import { GatewayError } from '../../spec/index.js';
import { bodyObject } from './body-object.js';

type ProjectParams = { Params: { project: string } };

/** `safety` absent (tests of the control plane alone): `content_filter` is stored without being checked. */
export function registerDeploymentRoutes(admin: FastifyInstance, control: ControlPlane, safety?: SafetyService): void {
  // A deployment may only name a policy its project or the platform has; null or absent means the default.
  const checkContentFilter = async (project: string, body: Record<string, unknown>) => {
    const policy = body.content_filter;
    if (safety !== undefined && typeof policy === 'string') {
      await safety.policies.checkDeploymentPolicy(project, policy);
    }
  };

  admin.get<ProjectParams>('/projects/:project/deployments', async (request) => ({
    object: 'list',
    data: await control.deployments.list(request.params.project),
  }));

  admin.post<ProjectParams>('/projects/:project/deployments', async (request, reply) => {
    const body = bodyObject(request.body);
    if (body.type === 'provisioned') requirePlatformAdminForProvisioned(request);
    await checkContentFilter(request.params.project, body);
    const input = { ...body, project: request.params.project } as DeploymentInput;
    return reply.code(201).send(await control.deployments.create(input));
  });

  // Changes a deployment in place (its id stays), so limits, type and backends move without a gap in service.
  admin.patch<{ Params: { project: string; name: string } }>(
    '/projects/:project/deployments/:name',
    async (request) => {
      const body = bodyObject(request.body);
      const name = request.params.name.toLowerCase();
      const current = (await control.deployments.list(request.params.project)).find(
        (deployment) => deployment.name.toLowerCase() === name,
      );
      if (body.type === 'provisioned' || current?.type === 'provisioned') requirePlatformAdminForProvisioned(request);
      await checkContentFilter(request.params.project, body);
      return control.deployments.update(request.params.project, request.params.name, body);
    },
  );

  admin.delete<{ Params: { project: string; name: string } }>(
    '/projects/:project/deployments/:name',
    async (request) => {
      await control.deployments.remove(request.params.project, request.params.name);
      return { object: 'deployment', project: request.params.project, name: request.params.name, deleted: true };
    },
  );
}

/**
 * A provisioned deployment holds capacity of a platform connection that no other project can then use, so
 * creating one, changing one, or turning a deployment into one is the platform's decision, as buying
 * provisioned throughput is on Azure. Removing one (which frees capacity) stays with the project.
 */
function requirePlatformAdminForProvisioned(request: FastifyRequest): void {
  if (request.principal !== null && !isPlatformAdmin(request.principal)) {
    throw new GatewayError(
      'permission_denied',
      `Only a platform admin can create or change a provisioned deployment: it reserves capacity of a shared ` +
        `connection. ${describePrincipal(request.principal)} may use the other types.`,
      { param: 'type' },
    );
  }
}
