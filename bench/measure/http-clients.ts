import { Pool } from 'undici';
import type { Target, TargetName } from '../targets.js';

/**
 * One keep-alive connection per target for the sequential phases: the client is identical for every target,
 * so its own cost cancels out of "target − direct".
 */
export class SequentialClients {
  private readonly pools = new Map<TargetName, Pool>();

  pool(target: Target): Pool {
    let pool = this.pools.get(target.name);
    if (pool === undefined) {
      pool = new Pool(new URL(target.url).origin, { connections: 1, pipelining: 1, keepAliveTimeout: 60_000 });
      this.pools.set(target.name, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
