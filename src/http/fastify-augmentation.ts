import type { Principal } from '../control/index.js';
import type { AuthenticatedCaller } from '../control/registry-types.js';
import type { DialectId } from '../dialects/index.js';
import type { ServiceLevelTicket } from './inference/service-level-ticket.js';
import type { RequestTelemetry } from '../telemetry/index.js';

// Route config says which dialect a route speaks, so the one error handler can answer in its envelope.
declare module 'fastify' {
  interface FastifyContextConfig {
    dialect?: DialectId;
  }
  interface FastifyRequest {
    caller: AuthenticatedCaller | null;
    /** Who calls the admin API; set by its hook before any admin handler runs. */
    principal: Principal | null;
    /** An inference request's entry in its deployment's service level, once it named one; settled by the error handler when it fails. */
    serviceLevel: ServiceLevelTicket | null;
    /** An inference request's metrics and trace spans, from the moment its handler starts (track-inference.ts). */
    inferenceTelemetry: RequestTelemetry | null;
  }
}
