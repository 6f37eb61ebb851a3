import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { spawnProcess, type Core, type SpawnedProcess } from './spawn-process.js';

/** The dev dependency's entry point (the pinned hono overrides in package.json keep its streaming working). */
export const PORTKEY_ENTRY = fileURLToPath(
  new URL('../../node_modules/@portkey-ai/gateway/build/start-server.js', import.meta.url),
);

export interface RunningPortkey extends SpawnedProcess {
  url: string;
}

/** A port nobody listens on right now (Portkey has no port-0 mode). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the Portkey gateway 1.15.2 headless. It binds every interface (it has no bind-address flag), so the
 * bench only ever talks to it on 127.0.0.1 and stops it by its pid at the end.
 */
export async function startPortkey(core: Core): Promise<RunningPortkey | undefined> {
  if (!existsSync(PORTKEY_ENTRY)) return undefined;
  const port = await freePort();
  const spawned = spawnProcess('portkey', process.execPath, [PORTKEY_ENTRY, `--port=${port}`, '--headless'], {
    core,
    env: { NODE_ENV: 'production' },
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (spawned.process.exitCode !== null) {
      throw new Error(`portkey exited before it listened:\n${spawned.recentOutput()}`);
    }
    if (await accepts(port)) return { ...spawned, url: `http://127.0.0.1:${port}` };
    await delay(100);
  }
  await spawned.stop();
  throw new Error('portkey did not listen within 30 s');
}
