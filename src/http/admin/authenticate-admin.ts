import type { FastifyRequest } from 'fastify';
import { SESSION_TOKEN_PREFIX, type ControlPlane, type Principal } from '../../control/index.js';
import { GatewayError } from '../../spec/index.js';
import { createAdminKeyCheck, presentedKey } from './admin-key-check.js';

/**
 * Finds who calls the admin API from `Authorization: Bearer` or `api-key`: the operator's admin key, a
 * session token from sign-in (`hgs_…`), or a project key created with the admin scope.
 */
export function createAdminAuthenticator(
  control: ControlPlane,
  adminKey: string,
): (request: FastifyRequest) => Promise<Principal> {
  const isOperator = createAdminKeyCheck(adminKey);
  return async (request) => {
    if (isOperator(request)) return { kind: 'operator' };
    const presented = presentedKey(request);
    if (presented === undefined) {
      throw new GatewayError(
        'invalid_api_key',
        'Sign in (POST /admin/sessions) and send the token as "Authorization: Bearer <token>", or send the admin key ' +
          '(HANGAR_ADMIN_KEY, or data/admin.key) or a project key with the admin scope.',
      );
    }
    if (presented.startsWith(SESSION_TOKEN_PREFIX)) {
      const person = await control.sessions.authenticate(presented);
      if (person === undefined) {
        throw new GatewayError(
          'invalid_api_key',
          'The session has ended (signed out, expired or password changed); sign in again.',
        );
      }
      return person;
    }
    const caller = control.registry.authenticate(presented);
    if (caller === undefined || (caller.expiresAt !== null && caller.expiresAt <= Date.now())) {
      throw new GatewayError(
        'invalid_api_key',
        'The key or token is not valid, has expired, or has been revoked. Send a session token, the admin key, ' +
          'or a project key created with scope admin.',
      );
    }
    if (caller.scope !== 'admin' || caller.role === null) {
      throw new GatewayError(
        'permission_denied',
        `Key '${caller.keyName}' is an inference key; the admin API takes a key created with scope admin, or a session.`,
      );
    }
    control.registry.markUsed(caller.keyId);
    return {
      kind: 'key',
      keyId: caller.keyId,
      keyName: caller.keyName,
      projectName: caller.projectName,
      role: caller.role,
    };
  };
}
