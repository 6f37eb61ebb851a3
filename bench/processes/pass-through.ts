// The floor for a Node gateway: Fastify 5 receives the body as bytes and undici forwards it, and the answer
// (JSON or SSE) goes back byte for byte. No parsing, no keys, no metering.
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { serveParent } from './ipc.js';
import { profilerHandlers } from './profiler-handlers.js';
import { readSetup } from './read-setup.js';

export interface PassThroughSetup {
  /** The upstream's base URL, ending in /v1. */
  upstreamBaseUrl: string;
}

/** Headers that describe one hop's connection, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

const setup = readSetup<PassThroughSetup>();
const upstream = `${setup.upstreamBaseUrl}/chat/completions`;
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1 });

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

app.post('/v1/chat/completions', async (incoming, reply) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = incoming.headers.authorization;
  if (authorization !== undefined) headers.authorization = authorization;
  const answer = await request(upstream, {
    method: 'POST',
    headers,
    body: incoming.body as Buffer,
    dispatcher: agent,
  });
  void reply.code(answer.statusCode);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) void reply.header(name, value);
  }
  // A JSON answer is forwarded as one buffer: piping a small body through a stream costs more than it saves.
  // An event stream is piped, so every frame goes out as soon as it arrives.
  const contentType = answer.headers['content-type'];
  if (typeof contentType === 'string' && contentType.startsWith('text/event-stream')) return reply.send(answer.body);
  return reply.send(Buffer.from(await answer.body.arrayBuffer()));
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });

serveParent(
  { url, details: {} },
  {
    ...profilerHandlers(),
    async stop() {
      await app.close();
      await agent.close();
      setImmediate(() => process.exit(0));
      return undefined;
    },
  },
);
