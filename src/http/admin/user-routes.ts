import type { FastifyInstance } from 'fastify';
import type { ControlPlane, UserInput } from '../../control/index.js';
import { bodyObject } from './body-object.js';

type EmailParams = { Params: { email: string } };

/** People who may sign in; platform admins manage them. */
export function registerUserRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.get('/users', async () => ({ object: 'list', data: await control.users.list() }));

  admin.post('/users', async (request, reply) => {
    return reply.code(201).send(await control.users.create(bodyObject(request.body) as UserInput));
  });

  admin.patch<EmailParams>('/users/:email', async (request) =>
    control.users.update(request.params.email, bodyObject(request.body)),
  );

  admin.delete<EmailParams>('/users/:email', async (request) => {
    await control.users.remove(request.params.email);
    return { object: 'user', email: request.params.email.toLowerCase(), deleted: true };
  });
}
