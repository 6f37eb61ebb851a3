import type { LoadedModel, ModelHandle, ModelHost } from '../../engine/index.js';
import { collectChatResult, embedLocally, generateLocalChat, prepareLocalChat } from '../../engine/index.js';
import type { LocalChatModel, PreparedLocalChat, SequenceLease } from '../../engine/index.js';
import type { BackendTarget, CallContext, ChatStreamEvent, ProviderAdapter } from '../../spec/index.js';
import { GatewayError } from '../../spec/index.js';
import { dropCacheControl } from '../shared/index.js';
import { asBackendError } from './as-backend-error.js';
import { checkEmbeddingExtras } from './check-embedding-extras.js';
import { takeKeepAlive } from './read-keep-alive.js';
import { waitForSlot } from './wait-for-slot.js';

/** Requests that carry no project (internal calls) share one queue lane. */
const DEFAULT_PROJECT = 'default';

/**
 * Models hosted in-process by the engine, served through the same adapter contract as any vendor. A
 * request opens its model (loading it on first use), is validated in full, then waits for a slot; the
 * slot is released the moment generation ends, the client disconnects, or the stream is abandoned.
 */
export function createLocalProvider(
  host: ModelHost,
  /** Whether a model name is in the store, without loading it: the health probe. Absent: no probe. */
  isStored?: (name: string) => Promise<boolean>,
): ProviderAdapter {
  const chatModels = new WeakMap<LoadedModel, LocalChatModel>();

  function chatModelOf(loaded: LoadedModel): LocalChatModel {
    let chatModel = chatModels.get(loaded);
    if (chatModel === undefined) {
      chatModel = {
        name: loaded.spec.name,
        runtime: loaded.runtime,
        model: loaded.model,
        chatWrapper: loaded.chatWrapper,
        contextSize: loaded.context.contextSize,
      };
      chatModels.set(loaded, chatModel);
    }
    return chatModel;
  }

  async function open(name: string): Promise<ModelHandle> {
    try {
      return await host.open(name);
    } catch (error) {
      throw asBackendError(error);
    }
  }

  async function* run(
    prepared: PreparedLocalChat,
    lease: SequenceLease,
    handle: ModelHandle,
    keepAliveMs: number | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<ChatStreamEvent> {
    try {
      for await (const event of generateLocalChat(prepared, lease.sequence, signal)) {
        yield event.type === 'usage' ? withQueueTime(event, lease.waitedMs) : event;
      }
    } finally {
      lease.release();
      handle.close({ keepAliveMs });
    }
  }

  async function startChat(
    original: Parameters<ProviderAdapter['streamChat']>[0],
    target: BackendTarget,
    context: CallContext,
  ): Promise<AsyncIterable<ChatStreamEvent>> {
    const { request: asked, keepAliveMs } = takeKeepAlive(original);
    const request = dropCacheControl(asked, context.warnings, 'local models take no cache breakpoints.');
    const handle = await open(target.model);
    try {
      const prepared = await prepareLocalChat(request, chatModelOf(handle.loaded), context);
      const lease = await waitForSlot(
        (signal) => handle.acquireSlot({ projectId: context.projectId ?? DEFAULT_PROJECT, signal }),
        context.signal,
        target.connection.timeoutMs,
      );
      return run(prepared, lease, handle, keepAliveMs, context.signal);
    } catch (error) {
      handle.close({ keepAliveMs });
      throw asBackendError(error);
    }
  }

  return {
    id: 'local',
    defaultBaseUrl: undefined,

    async chat(request, target, context) {
      return collectChatResult(await startChat(request, target, context));
    },

    streamChat(request, target, context) {
      return startChat(request, target, context);
    },

    async embed(original, target, context) {
      const { request, keepAliveMs } = takeKeepAlive(original);
      checkEmbeddingExtras(request, context);
      const handle = await open(target.model);
      try {
        const lease = await waitForSlot(
          (signal) => handle.acquireEmbedding({ projectId: context.projectId ?? DEFAULT_PROJECT, signal }),
          context.signal,
          target.connection.timeoutMs,
        );
        try {
          return await embedLocally(
            {
              name: handle.loaded.spec.name,
              model: handle.loaded.model,
              context: lease.context,
              maxInputTokens: lease.maxInputTokens,
            },
            request,
            context.signal,
          );
        } finally {
          lease.release();
        }
      } catch (error) {
        throw asBackendError(error);
      } finally {
        handle.close({ keepAliveMs });
      }
    },

    ...(isStored === undefined
      ? {}
      : {
          async probe(target: BackendTarget): Promise<void> {
            if (await isStored(target.model)) return;
            throw asBackendError(
              new GatewayError(
                'upstream_unavailable',
                `The local model '${target.model}' is not in the model store. Add it with \`hangar models pull\` ` +
                  'or `hangar models add`, or declare it under models: in the config file.',
              ),
            );
          },
        }),
  };
}

/** The wait for a slot belongs to the request's timings beside the engine's own. */
function withQueueTime(event: Extract<ChatStreamEvent, { type: 'usage' }>, waitedMs: number): ChatStreamEvent {
  const raw = event.usage.raw ?? {};
  const timings =
    typeof raw['timings'] === 'object' && raw['timings'] !== null && !Array.isArray(raw['timings'])
      ? raw['timings']
      : {};
  return {
    type: 'usage',
    usage: { ...event.usage, raw: { ...raw, timings: { ...timings, queue_ms: Math.round(waitedMs * 10) / 10 } } },
  };
}
