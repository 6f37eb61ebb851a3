import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ModelPull, PullProgress } from '../../engine/index.js';
import { readBoolean, readString, requireBodyObject } from '../../dialects/validation/index.js';
import { GatewayError, type JsonValue } from '../../spec/index.js';
import type { LocalEngine } from '../local-engine/index.js';
import { renderLocalModel } from './render-local-model.js';
import { fromModelStoreError } from './model-store-errors.js';
import { adminErrorObject } from './send-admin-error.js';

type PullParams = { Params: { id: string } };

const PULL_FIELDS = new Set(['source', 'name', 'sha256', 'stream']);

/**
 * Pulling models into the local store from the admin API, as `ollama pull` does through `/api/pull`: the
 * answer streams one JSON object per line as the download goes, or, with `stream: false`, is the finished
 * pull. A pull outlives its request: a client that goes away stops listening, not downloading; DELETE
 * cancels it, and pulling the same source again resumes from the partial file.
 */
export function registerEnginePullRoutes(admin: FastifyInstance, engine: LocalEngine): void {
  const isLoaded = (name: string) => engine.host.list().some((loaded) => loaded.name === name);
  const render = (progress: PullProgress) => renderPull(progress, isLoaded);

  admin.post('/engine/models/pull', async (request, reply) => {
    const body = requireBodyObject(request.body as JsonValue);
    const unknown = Object.keys(body).find((field) => !PULL_FIELDS.has(field));
    if (unknown !== undefined) {
      throw new GatewayError('unknown_parameter', `Unknown field '${unknown}'.`, { param: unknown });
    }
    const source = readString(body, 'source');
    if (source === undefined || source.trim() === '') {
      throw new GatewayError(
        'invalid_request',
        'Say what to pull in `source`: hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO:QUANTISATION or an http(s) URL.',
        { param: 'source' },
      );
    }
    const name = readString(body, 'name');
    const sha256 = readString(body, 'sha256');
    const stream = readBoolean(body, 'stream') ?? true;
    const pull = engine.pulls.start(source.trim(), {
      ...(name === undefined ? {} : { name }),
      ...(sha256 === undefined ? {} : { sha256 }),
    });

    if (!stream) {
      const outcome = await pull.settled;
      if (outcome.status !== 'success') throw fromModelStoreError(outcome.error);
      return render(outcome);
    }
    // What fails before a byte arrives (a bad source, a taken name, a missing file) is an error answer
    // with its own status, so a client need not read a stream to learn its request was wrong.
    const started = await leftResolving(pull);
    if (started.status === 'error' || started.status === 'cancelled') throw fromModelStoreError(started.error);

    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': request.id,
    });
    await streamProgress(pull, response, render);
    return undefined;
  });

  admin.get('/engine/pulls', () => ({ object: 'list', data: engine.pulls.list().map(render) }));

  admin.delete<PullParams>('/engine/pulls/:id', async (request) => {
    const pull = engine.pulls.get(request.params.id);
    if (pull === undefined) {
      throw new GatewayError(
        'not_found',
        `No pull '${request.params.id}' is running; GET /admin/engine/pulls lists them.`,
      );
    }
    pull.cancel();
    return render(await pull.settled);
  });
}

/** Writes a line per change until the pull ends or the client goes; the pull itself goes on. */
async function streamProgress(
  pull: ModelPull,
  response: ServerResponse,
  render: (progress: PullProgress) => object,
): Promise<void> {
  let ended = false;
  const write = (progress: PullProgress) => {
    if (ended || response.destroyed) return;
    response.write(`${JSON.stringify(render(progress))}\n`);
    if (isFinished(progress)) ended = true;
  };
  write(pull.progress());
  const unsubscribe = pull.subscribe(write);
  const clientGone = new Promise<void>((resolve) => response.once('close', resolve));
  await Promise.race([pull.settled.then(write), clientGone]);
  unsubscribe();
  if (!response.destroyed) response.end();
}

/** The pull's state once it has started downloading, or has ended without doing so. */
function leftResolving(pull: ModelPull): Promise<PullProgress> {
  return new Promise((resolve) => {
    const now = pull.progress();
    if (now.status !== 'resolving') return resolve(now);
    const unsubscribe = pull.subscribe((progress) => {
      if (progress.status === 'resolving') return;
      unsubscribe();
      resolve(progress);
    });
    void pull.settled.then((progress) => {
      unsubscribe();
      resolve(progress);
    });
  });
}

function isFinished(progress: PullProgress): boolean {
  return progress.status === 'success' || progress.status === 'error' || progress.status === 'cancelled';
}

function renderPull(progress: PullProgress, isLoaded: (name: string) => boolean) {
  const result = progress.result;
  return {
    object: 'model_pull',
    id: progress.id,
    source: progress.source,
    name: progress.name ?? result?.model.name ?? null,
    resolved_source: progress.resolvedSource ?? null,
    status: progress.status,
    completed_bytes: progress.completedBytes,
    total_bytes: progress.totalBytes ?? null,
    started_at: progress.startedAt,
    ...(result === undefined
      ? {}
      : {
          model: renderLocalModel(result.model, isLoaded(result.model.name)),
          sha256_verified: result.sha256Verified,
          resumed_from_bytes: result.resumedFromBytes,
        }),
    ...(progress.error === undefined ? {} : { error: adminErrorObject(fromModelStoreError(progress.error)) }),
  };
}
