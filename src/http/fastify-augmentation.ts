import type { Principal } from '../control/index.js';
import type { AuthenticatedCaller } from '../control/registry-types.js';
import type { DialectId } from '../dialects/index.js';

// Route config says which dialect a route speaks, so the one error handler can answer in its envelope.
declare module 'fastify' {
  interface FastifyContextConfig {
    dialect?: DialectId;
  }
  interface FastifyRequest {
    caller: AuthenticatedCaller | null;
    /** Who calls the admin API; set by its hook before any admin handler runs. */
    principal: Principal | null;
  }
}
