import { useCallback, useRef, useState } from 'react';
import { buildChatBody, type ChatSettings, type ToolDefinition } from './chat-request';
import { messagesOf, pendingToolCalls, type CostState, type Entry, type Lane, type ReplyEntry } from './conversation';
import { estimateCostMicroUsd, type PriceCard } from './cost-estimate';
import { StreamStopped, streamChat } from './stream-chat';

export interface SendRequest {
  /** One deployment per lane, in lane order: one for a chat, two side by side. */
  deployments: string[];
  text: string;
  /** Answers to the last reply's tool calls, by call id. */
  toolResults: Record<string, string>;
  settings: ChatSettings;
  tools: ToolDefinition[] | undefined;
  apiKey: string;
  /** The price card for a deployment's model; rejects when it cannot be read. */
  priceFor: (deployment: string) => Promise<PriceCard>;
}

export interface ChatLanes {
  lanes: Lane[];
  busy: boolean;
  /** Sends the message to every lane at once and streams each answer into its lane. */
  send: (request: SendRequest) => Promise<void>;
  /** Stops the answers being streamed; what arrived stays. */
  stop: () => void;
  /** Starts over with `count` empty lanes. */
  reset: (count: number) => void;
}

export function useChatLanes(initialCount = 1): ChatLanes {
  const [lanes, setLanes] = useState<Lane[]>(() => Array.from({ length: initialCount }, () => []));
  const [busy, setBusy] = useState(false);
  const latest = useRef(lanes);
  latest.current = lanes;
  const controller = useRef<AbortController | null>(null);
  const nextId = useRef(1);

  const patchReply = useCallback((lane: number, id: number, patch: Partial<ReplyEntry>) => {
    setLanes((current) =>
      current.map((entries, index) =>
        index !== lane
          ? entries
          : entries.map((entry) => (entry.kind === 'reply' && entry.id === id ? { ...entry, ...patch } : entry)),
      ),
    );
  }, []);

  const send = useCallback(
    async (request: SendRequest) => {
      const abort = new AbortController();
      controller.current = abort;
      setBusy(true);
      const started = request.deployments.map((deployment, lane) => {
        const before = latest.current[lane] ?? [];
        const added: Entry[] = [];
        for (const call of pendingToolCalls(before)) {
          // Calls left unanswered (side by side) are dropped from the messages by messagesOf.
          if (!(call.id in request.toolResults)) continue;
          added.push({
            kind: 'tool',
            id: nextId.current++,
            toolCallId: call.id,
            name: call.function.name,
            content: request.toolResults[call.id] ?? '',
          });
        }
        if (request.text.trim() !== '') added.push({ kind: 'user', id: nextId.current++, content: request.text });
        const reply: ReplyEntry = {
          kind: 'reply',
          id: nextId.current++,
          deployment,
          content: '',
          reasoning: '',
          toolCalls: [],
          status: 'streaming',
          error: null,
          finishReason: null,
          usage: null,
          latencyMs: null,
          firstTokenMs: null,
          cost: { state: 'pending' },
        };
        return { lane, deployment, history: [...before, ...added], reply };
      });
      const next = started.map((run) => [...run.history, run.reply]);
      latest.current = next;
      setLanes(next);

      // Each lane streams on its own: one failing or slow does not hold the other.
      await Promise.all(
        started.map(async (run) => {
          const body = buildChatBody(run.deployment, request.settings, messagesOf(run.history), request.tools);
          try {
            const reply = await streamChat({
              apiKey: request.apiKey,
              body,
              signal: abort.signal,
              onProgress: (sofar) => patchReply(run.lane, run.reply.id, sofar),
            });
            patchReply(run.lane, run.reply.id, { ...reply, status: 'done' });
            const usage = reply.usage;
            const cost: CostState =
              usage === null
                ? { state: 'unknown', reason: 'the stream reported no usage' }
                : await request.priceFor(run.deployment).then(
                    (card): CostState => {
                      const microUsd = estimateCostMicroUsd(card, usage);
                      return microUsd === null ? { state: 'unpriced' } : { state: 'estimated', microUsd };
                    },
                    (error: unknown): CostState => ({
                      state: 'unknown',
                      reason: error instanceof Error ? error.message : String(error),
                    }),
                  );
            patchReply(run.lane, run.reply.id, { cost });
          } catch (error) {
            if (error instanceof StreamStopped) {
              patchReply(run.lane, run.reply.id, {
                ...error.partial,
                status: 'stopped',
                cost: { state: 'unknown', reason: 'stopped before usage was reported' },
              });
            } else {
              patchReply(run.lane, run.reply.id, {
                status: 'failed',
                error: error instanceof Error ? error : new Error(String(error)),
                cost: { state: 'unknown', reason: 'the request failed' },
              });
            }
          }
        }),
      );
      if (controller.current === abort) controller.current = null;
      setBusy(false);
    },
    [patchReply],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback((count: number) => {
    controller.current?.abort();
    const empty = Array.from({ length: count }, (): Lane => []);
    latest.current = empty;
    setLanes(empty);
  }, []);

  return { lanes, busy, send, stop, reset };
}
