import { z } from 'zod';
import { isJsonObject } from '../../spec/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';

// Only the fields Hangar reads, tolerant of null or absence.
// https://docs.anthropic.com/en/api/messages, https://docs.anthropic.com/en/api/messages-streaming

const jsonObject = z.custom<JsonObject>((value) => isJsonObject(value));
const jsonValue = z.custom<JsonValue>(() => true);

const contentBlockSchema = z.object({
  type: z.string(),
  text: z.string().nullish(),
  thinking: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: jsonValue.nullish(),
});

export const anthropicMessageSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullish(),
  usage: jsonObject.nullish(),
});
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;

/** Every streamed event's data, whatever its `type`: the fields each event reads are all optional here. */
export const anthropicStreamEventSchema = z.object({
  type: z.string().nullish(),
  message: z.object({ id: z.string().nullish(), model: z.string().nullish(), usage: jsonObject.nullish() }).nullish(),
  index: z.number().int().nullish(),
  content_block: contentBlockSchema.nullish(),
  delta: z
    .object({
      type: z.string().nullish(),
      text: z.string().nullish(),
      partial_json: z.string().nullish(),
      thinking: z.string().nullish(),
      stop_reason: z.string().nullish(),
    })
    .nullish(),
  usage: jsonObject.nullish(),
  error: z.object({ type: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
