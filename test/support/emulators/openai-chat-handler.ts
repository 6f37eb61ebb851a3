import { SSE_DONE, encodeSseData } from '../../../src/kit/index.js';
import { chatCompletionBody, chatCompletionChunks } from './chat-completion-wire.js';
import type { ChatWireOptions } from './chat-completion-wire.js';
import { planChat } from './chat-plan.js';
import { isObject } from './deterministic-reply.js';
import type { JsonObject } from './deterministic-reply.js';
import { embeddingInputs, embeddingsBody } from './embeddings-reply.js';
import type { Reply } from './emulator-server.js';
import type { OpenAiFlavor } from './emulator-types.js';
import { flavorRejection } from './flavor-rules.js';
import { openAiError } from './openai-errors.js';

export interface ChatAnswerOptions {
  flavor: OpenAiFlavor;
  streamChunks: number;
  id: string;
  headers: Record<string, string>;
  /** Azure answers with the deployment's model, whatever the body says. */
  model?: string;
  /** Vendor additions (Azure's content-filter annotations) to the completion object. */
  decorateBody?: (body: JsonObject) => JsonObject;
  /** Vendor additions to the stream's chunk objects. */
  decorateChunks?: (chunks: JsonObject[]) => JsonObject[];
}

function missing(parameter: string): Reply {
  return openAiError(400, `Missing required parameter: '${parameter}'.`, {
    param: parameter,
    code: 'missing_required_parameter',
  });
}

/** Validates and answers a `POST …/chat/completions` body, as JSON or as an SSE stream. */
export function answerChatCompletion(body: unknown, options: ChatAnswerOptions): Reply {
  if (!isObject(body)) {
    return openAiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  const model = options.model ?? body.model;
  if (typeof model !== 'string' || model.length === 0) {
    return openAiError(400, 'you must provide a model parameter');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return missing('messages');
  const rejection = flavorRejection(options.flavor, body, model);
  if (rejection !== undefined) return rejection;
  const plan = planChat({ ...body, model }, options.flavor);
  const wire: ChatWireOptions = {
    flavor: options.flavor,
    id: options.id,
    created: Math.floor(Date.now() / 1000),
    streamChunks: options.streamChunks,
  };
  if (body.stream !== true) {
    const completion = chatCompletionBody(plan, wire);
    return {
      kind: 'json',
      status: 200,
      body: options.decorateBody ? options.decorateBody(completion) : completion,
      headers: options.headers,
    };
  }
  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  const chunks = chatCompletionChunks(plan, wire, includeUsage);
  const decorated = options.decorateChunks ? options.decorateChunks(chunks) : chunks;
  const frames = decorated.map((chunk) => encodeSseData(JSON.stringify(chunk)));
  frames.push(SSE_DONE);
  return { kind: 'stream', frames, headers: options.headers };
}

/** Validates and answers a `POST …/embeddings` body. */
export function answerEmbeddings(body: unknown, headers: Record<string, string>, model?: string): Reply {
  if (!isObject(body)) return openAiError(400, 'We could not parse the JSON body of your request.');
  const label = model ?? body.model;
  if (typeof label !== 'string' || label.length === 0) return openAiError(400, 'you must provide a model parameter');
  const inputs = embeddingInputs(body.input);
  if (inputs === undefined) return missing('input');
  if (body.dimensions !== undefined && (typeof body.dimensions !== 'number' || body.dimensions < 1)) {
    return openAiError(400, `Invalid value for 'dimensions': expected a positive integer.`, {
      param: 'dimensions',
      code: 'invalid_value',
    });
  }
  if (body.encoding_format !== undefined && body.encoding_format !== 'float' && body.encoding_format !== 'base64') {
    return openAiError(
      400,
      `${JSON.stringify(body.encoding_format)} is not one of ['float', 'base64'] - 'encoding_format'`,
      { param: 'encoding_format' },
    );
  }
  return { kind: 'json', status: 200, body: embeddingsBody(body, inputs, label), headers };
}
