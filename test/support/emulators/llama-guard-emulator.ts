import type { Emulator, RecordedRequest } from './emulator-types.js';
import { startEmulatorServer, type JsonReply } from './emulator-server.js';
import { contentText, isObject } from './deterministic-reply.js';
import { OPENAI_ERROR_FRAME_BODY, openAiInvalidKey, openAiRateLimit, openAiStatusError } from './openai-errors.js';

export interface LlamaGuardEmulatorOptions {
  apiKey?: string;
  /** A word in the quoted text → the MLCommons hazard codes Llama Guard answers for it (`S1`, `S10`, …). */
  hazards?: Record<string, string[]>;
}

/**
 * A Llama Guard 3 model behind an OpenAI-compatible chat endpoint (vLLM, llama-server, Ollama): it answers
 * `safe`, or `unsafe` with the hazard codes on a second line, as the model card documents. What it grades is the
 * last user turn; a configured word in it decides the verdict.
 */
export function startLlamaGuardEmulator(options: LlamaGuardEmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? 'llama-guard-emulator-key';
  const hazards = options.hazards ?? {};
  return startEmulatorServer(
    {
      answer(request: RecordedRequest): JsonReply {
        if (request.headers.authorization !== `Bearer ${apiKey}`)
          return openAiInvalidKey(request.headers.authorization);
        const body = isObject(request.body) ? request.body : {};
        const messages = Array.isArray(body.messages) ? body.messages : [];
        const last = messages.findLast((message) => isObject(message) && message.role === 'user');
        const text = isObject(last) ? contentText(last.content) : '';
        const codes = Object.entries(hazards).flatMap(([word, found]) => (text.includes(word) ? found : []));
        const verdict = codes.length === 0 ? 'safe' : `unsafe\n${[...new Set(codes)].join(',')}`;
        const model = typeof body.model === 'string' ? body.model : 'llama-guard-3-1b';
        return {
          kind: 'json',
          status: 200,
          body: {
            id: `chatcmpl-guard-${request.receivedAt}`,
            object: 'chat.completion',
            created: Math.floor(request.receivedAt / 1000),
            model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: verdict, refusal: null },
                logprobs: null,
                finish_reason: 'stop',
              },
            ],
            usage: {
              prompt_tokens: Math.ceil(text.length / 4),
              completion_tokens: 3,
              total_tokens: Math.ceil(text.length / 4) + 3,
            },
          },
        };
      },
      statusReply: (status, request) => openAiStatusError(status, modelOf(request)),
      rateLimitReply: (seconds, request) => openAiRateLimit(seconds, modelOf(request)),
      errorFrame: () => `data: ${JSON.stringify(OPENAI_ERROR_FRAME_BODY)}\n\n`,
    },
    { apiKey, basePath: '/v1' },
  );
}

function modelOf(request: RecordedRequest): string {
  return isObject(request.body) && typeof request.body.model === 'string' ? request.body.model : 'llama-guard-3-1b';
}
