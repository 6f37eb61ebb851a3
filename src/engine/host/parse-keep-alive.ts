import { parseKeepAliveMs } from '../../kit/index.js';
import { GatewayError } from '../../spec/index.js';

/**
 * A request's keep-alive (see parseKeepAliveMs): milliseconds, negative meaning forever. Anything that is not
 * a duration is a 400 naming `param`.
 */
export function parseKeepAlive(value: unknown, param: string): number {
  const milliseconds = parseKeepAliveMs(value);
  if (milliseconds !== undefined) return milliseconds;
  throw new GatewayError(
    'invalid_request',
    `${param} must be a duration such as "10m", "1h" or "30s", a number of seconds, 0 to unload after the ` +
      `request, or a negative value to keep the model loaded; got ${JSON.stringify(value)}.`,
    { param },
  );
}
