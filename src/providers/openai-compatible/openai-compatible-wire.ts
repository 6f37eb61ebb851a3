import { z } from 'zod';
import { isJsonObject } from '../../spec/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';

// Only the fields Hangar reads, all tolerant of null or absence: an upstream adding a field, or an
// OpenAI-compatible server leaving one out, must not break parsing.

/** Carried as received, never interpreted (logprobs) or interpreted by a usage converter. */
const jsonObject = z.custom<JsonObject>((value) => isJsonObject(value));
const jsonValue = z.custom<JsonValue>(() => true);

/** Mistral's reasoning models answer content as typed chunks instead of a string. */
const contentChunkSchema = z.object({
  type: z.string().nullish(),
  text: z.string().nullish(),
  thinking: z.array(z.object({ type: z.string().nullish(), text: z.string().nullish() })).nullish(),
});
export const openAiContentSchema = z.union([z.string(), z.array(contentChunkSchema)]);
export type OpenAiContent = z.infer<typeof openAiContentSchema>;

const toolCallSchema = z.object({
  id: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }),
});

export const openAiChatResponseSchema = z.object({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  system_fingerprint: z.string().nullish(),
  choices: z.array(
    z.object({
      index: z.number().int().nullish(),
      message: z.object({
        content: openAiContentSchema.nullish(),
        // DeepSeek and xAI spell it reasoning_content; newer vLLM builds spell it reasoning.
        reasoning_content: z.string().nullish(),
        reasoning: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
      }),
      finish_reason: z.string().nullish(),
      logprobs: jsonValue.nullish(),
    }),
  ),
  usage: jsonObject.nullish(),
});
export type OpenAiChatResponse = z.infer<typeof openAiChatResponseSchema>;

const toolCallDeltaSchema = z.object({
  index: z.number().int().nullish(),
  id: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

export const openAiChatChunkSchema = z.object({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  system_fingerprint: z.string().nullish(),
  // Azure's first chunk carries only prompt_filter_results and `choices: []`; annotation-only chunks carry
  // content_filter_results and no delta.
  choices: z
    .array(
      z.object({
        index: z.number().int().nullish(),
        delta: z
          .object({
            content: openAiContentSchema.nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            refusal: z.string().nullish(),
            tool_calls: z.array(toolCallDeltaSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        logprobs: jsonValue.nullish(),
      }),
    )
    .nullish(),
  usage: jsonObject.nullish(),
});
export type OpenAiChatChunk = z.infer<typeof openAiChatChunkSchema>;

export const openAiEmbeddingResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  data: z.array(
    z.object({
      index: z.number().int().nullish(),
      // Asked for floats; a server that answers base64 anyway is still understood.
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  usage: jsonObject.nullish(),
});
export type OpenAiEmbeddingResponse = z.infer<typeof openAiEmbeddingResponseSchema>;
