import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  isPlatformAdmin,
  type ControlPlane,
  type PasswordChangeInput,
  type Principal,
  type ProjectRole,
  type SignInInput,
} from '../../control/index.js';
import { bodyObject } from './body-object.js';

/** Sign-in and sign-out, who am I, and one's own password. */
export function registerSessionRoutes(admin: FastifyInstance, control: ControlPlane): void {
  admin.post('/sessions', async (request, reply) => {
    return reply.code(201).send(await control.sessions.signIn(bodyObject(request.body) as SignInInput));
  });

  admin.delete('/sessions/current', async (request) => {
    const person = requirePerson(request);
    await control.sessions.signOut(person.sessionId);
    return { object: 'session', signed_out: true };
  });

  admin.get('/me', (request) => describeCaller(request.principal));

  admin.put('/me/password', async (request) => {
    const person = requirePerson(request);
    await control.users.changeOwnPassword(
      person.userId,
      person.sessionId,
      bodyObject(request.body) as PasswordChangeInput,
    );
    const user = (await control.users.list()).find((candidate) => candidate.id === person.userId);
    return user ?? { id: person.userId, email: person.email };
  });
}

type Person = Extract<Principal, { kind: 'user' }>;

/** The hook has already refused anyone else on these routes; this narrows the type. */
function requirePerson(request: FastifyRequest): Person {
  const principal = request.principal;
  if (principal?.kind !== 'user') throw new Error('A person-only admin route ran without a signed-in person.');
  return principal;
}

function describeCaller(principal: Principal | null) {
  const projects: { project: string; role: ProjectRole }[] = [];
  if (principal?.kind === 'user') {
    for (const [project, role] of principal.roles) projects.push({ project, role });
  } else if (principal?.kind === 'key') {
    projects.push({ project: principal.projectName, role: principal.role });
  }
  return {
    object: 'principal',
    kind: principal?.kind ?? 'operator',
    email: principal?.kind === 'user' ? principal.email : null,
    key: principal?.kind === 'key' ? principal.keyName : null,
    platform_admin: principal === null ? false : isPlatformAdmin(principal),
    projects,
  };
}
