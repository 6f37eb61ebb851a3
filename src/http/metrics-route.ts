import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../spec/index.js';
import { PROMETHEUS_CONTENT_TYPE, type GatewayMetrics } from '../telemetry/index.js';
import { sendError } from './error-handler.js';

/**
 * `GET /metrics` in the Prometheus text format 0.0.4. With `metrics.token` set, scrapers must send it as a bearer
 * token (Prometheus: `authorization: { credentials: … }`); without it the page is open, like `/healthz`.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: GatewayMetrics, token: string | undefined): void {
  const expected = token === undefined ? undefined : digest(token);
  app.get('/metrics', (request, reply) => {
    if (expected !== undefined) {
      const header = request.headers.authorization;
      const presented = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      // Compared as digests, so the comparison takes the same time whatever was sent.
      if (!timingSafeEqual(digest(presented), expected)) {
        return sendError(
          request,
          reply,
          new GatewayError(
            'invalid_api_key',
            'GET /metrics needs the metrics token as `Authorization: Bearer <token>` (metrics.token / HANGAR_METRICS_TOKEN).',
          ),
        );
      }
    }
    return reply
      .header('content-type', PROMETHEUS_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(metrics.render());
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
