import type { FastifyInstance } from 'fastify';
import type { ConnectionInput, ControlPlane } from '../../control/index.js';
import { bodyObject } from './body-object.js';

export function registerConnectionRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get('/connections', async () => ({ object: 'list', data: await control.connections.list() }));

  admin.post<{ Body: ConnectionInput }>('/connections', async (request, reply) => {
    return reply.code(201).send(await control.connections.create(request.body));
  });

  // Changes a connection in place, so a vendor key can be rotated while deployments use it.
  admin.patch<{ Params: { name: string } }>('/connections/:name', async (request) => {
    return control.connections.update(request.params.name, bodyObject(request.body));
  });

  admin.delete<{ Params: { name: string } }>('/connections/:name', async (request) => {
    await control.connections.remove(request.params.name);
    return { object: 'connection', name: request.params.name, deleted: true };
  });
}
