import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * How one replica tells the others that the registry changed (a key created, a deployment removed), so each
 * re-reads the database once and keeps serving from memory: no database read per request, no restart.
 */
export interface ChangeNotices {
  /** Tells every other replica; resolves once the notice is sent. */
  publish(): Promise<void>;
  /** `onChange` runs for every notice from another replica (never for this one's own). */
  subscribe(onChange: () => void): Promise<void>;
  close(): Promise<void>;
}

export const CHANGE_CHANNEL = 'hangar:registry:changed';

/**
 * Redis pub/sub. A notice carries the sender's id so a replica ignores its own. A replica that was
 * disconnected when a notice went out reloads when its subscription comes back, so no change is missed.
 */
export async function createRedisChangeNotices(url: string, channel = CHANGE_CHANNEL): Promise<ChangeNotices> {
  const sender = randomUUID();
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true });
  // ioredis reconnects by itself; without listeners its errors would be unhandled events.
  let lastError: unknown;
  for (const client of [publisher, subscriber]) client.on('error', (error: unknown) => (lastError = error));
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    const cause = lastError ?? error;
    throw new Error(
      `Could not connect to Redis at ${redactedUrl(url)} (redis.url) to share changes between replicas: ` +
        `${cause instanceof Error ? cause.message : String(cause)}. Start Redis, fix the URL, or leave redis.url unset.`,
      { cause },
    );
  }
  let subscribed = false;
  return {
    async publish() {
      await publisher.publish(channel, sender);
    },
    async subscribe(onChange) {
      subscriber.on('message', (received: string, from: string) => {
        if (received === channel && from !== sender) onChange();
      });
      // After a reconnect the subscription is renewed by ioredis; notices sent meanwhile were lost, so reload.
      subscriber.on('ready', () => {
        if (subscribed) onChange();
      });
      await subscriber.subscribe(channel);
      subscribed = true;
    },
    async close() {
      subscriber.disconnect();
      await publisher.quit().catch(() => undefined);
    },
  };
}

/** The URL without its password, for messages. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
