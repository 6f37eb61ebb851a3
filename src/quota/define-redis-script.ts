import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run by its SHA1, loaded by the first call on each Redis server (and again after a flush). */
export interface RedisScript {
  readonly sha1: string;
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

function isMissingScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * EVALSHA sends 40 bytes instead of the script; when the server does not know the script (first call, restart,
 * SCRIPT FLUSH, a failover to a replica) EVAL runs it and caches it for the next EVALSHA. Written out rather than
 * with ioredis's `defineCommand`, which adds an untyped method to the connection it is given.
 */
export function defineRedisScript(lua: string): RedisScript {
  const sha1 = createHash('sha1').update(lua).digest('hex');
  return {
    sha1,
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha1, keys.length, ...keys, ...args);
      } catch (error) {
        if (!isMissingScript(error)) throw error;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}
