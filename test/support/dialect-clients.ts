import Anthropic from '@anthropic-ai/sdk';
import ModelClient, { isUnexpected } from '@azure-rest/ai-inference';
import { AzureKeyCredential } from '@azure/core-auth';
import { createSseStream } from '@azure/core-sse';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';

/** What a client made of Hangar's answer, whichever SDK and dialect it used. */
export interface ClientAnswer {
  content: string;
  reasoning: string;
  toolCalls: { name: string; arguments: string }[];
  /** The dialect's own finish value (`stop`, `tool_calls`, `end_turn`, `tool_use`…). */
  finishReason: string;
  /** In the dialect's convention: prompt = everything read, completion = everything generated. */
  usage: { prompt: number; completion: number } | undefined;
}

export interface ChatInput {
  deployment: string;
  prompt: string;
  stream: boolean;
  tools: boolean;
}

export const DIALECT_CLIENTS = ['openai', 'azure-openai', 'azure-openai-v1', 'azure-inference', 'anthropic'] as const;
export type DialectClientName = (typeof DIALECT_CLIENTS)[number];

export const LOOKUP_TOOL: {
  name: string;
  description: string;
  parameters: { type: 'object'; properties: Record<string, { type: string }>; required: string[] };
} = {
  name: 'lookup',
  description: 'Looks a phrase up.',
  parameters: { type: 'object', properties: { echo: { type: 'string' } }, required: ['echo'] },
};

export type DialectChat = (input: ChatInput) => Promise<ClientAnswer>;

/** A chat function per dialect, each built on that dialect's official SDK, as a user would call Hangar. */
export function dialectClient(name: DialectClientName, hangarUrl: string, apiKey: string): DialectChat {
  switch (name) {
    case 'openai':
      return openAiChat((deployment) => {
        void deployment;
        return new OpenAI({ baseURL: `${hangarUrl}/v1`, apiKey, maxRetries: 0 });
      });
    case 'azure-openai':
      return openAiChat(
        (deployment) =>
          new AzureOpenAI({ endpoint: hangarUrl, apiKey, apiVersion: '2024-10-21', deployment, maxRetries: 0 }),
      );
    case 'azure-openai-v1':
      return openAiChat(() => new OpenAI({ baseURL: `${hangarUrl}/openai/v1`, apiKey, maxRetries: 0 }));
    case 'azure-inference':
      return azureInferenceChat(hangarUrl, apiKey);
    case 'anthropic':
      return anthropicChat(new Anthropic({ baseURL: hangarUrl, apiKey, maxRetries: 0 }));
  }
}

interface ReasoningFields {
  reasoning_content?: string | null;
}

function openAiChat(clientFor: (deployment: string) => OpenAI): DialectChat {
  return async (input) => {
    const client = clientFor(input.deployment);
    const params: ChatCompletionCreateParams = {
      model: input.deployment,
      messages: [{ role: 'user', content: input.prompt }],
      ...(input.tools ? { tools: [{ type: 'function' as const, function: LOOKUP_TOOL }] } : {}),
    };
    if (!input.stream) {
      const completion = await client.chat.completions.create({ ...params, stream: false });
      const choice = completion.choices[0]!;
      return {
        content: choice.message.content ?? '',
        reasoning: (choice.message as ReasoningFields).reasoning_content ?? '',
        toolCalls: (choice.message.tool_calls ?? []).map((call) =>
          call.type === 'function'
            ? { name: call.function.name, arguments: call.function.arguments }
            : { name: '', arguments: '' },
        ),
        finishReason: choice.finish_reason,
        usage: completion.usage && {
          prompt: completion.usage.prompt_tokens,
          completion: completion.usage.completion_tokens,
        },
      };
    }
    const stream = await client.chat.completions.create({
      ...params,
      stream: true,
      stream_options: { include_usage: true },
    });
    const answer: ClientAnswer = { content: '', reasoning: '', toolCalls: [], finishReason: '', usage: undefined };
    for await (const chunk of stream) {
      if (chunk.usage) answer.usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens };
      const choice = chunk.choices[0];
      if (choice === undefined) continue;
      answer.content += choice.delta.content ?? '';
      answer.reasoning += (choice.delta as ReasoningFields).reasoning_content ?? '';
      for (const fragment of choice.delta.tool_calls ?? []) {
        const call = (answer.toolCalls[fragment.index] ??= { name: '', arguments: '' });
        call.name += fragment.function?.name ?? '';
        call.arguments += fragment.function?.arguments ?? '';
      }
      if (choice.finish_reason) answer.finishReason = choice.finish_reason;
    }
    return answer;
  };
}

interface InferenceChoice {
  message?: {
    content?: string | null;
    reasoning_content?: string;
    tool_calls?: { function: { name: string; arguments: string } }[];
  };
  delta?: {
    content?: string | null;
    reasoning_content?: string;
    tool_calls?: { index: number; function?: { name?: string; arguments?: string } }[];
  };
  finish_reason?: string | null;
}
interface InferenceBody {
  choices: InferenceChoice[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

function azureInferenceChat(hangarUrl: string, apiKey: string): DialectChat {
  const client = ModelClient(`${hangarUrl}/models`, new AzureKeyCredential(apiKey), {
    allowInsecureConnection: true,
    apiVersion: '2025-04-01',
  });
  return async (input) => {
    const body = {
      model: input.deployment,
      messages: [{ role: 'user', content: input.prompt }],
      ...(input.tools ? { tools: [{ type: 'function' as const, function: LOOKUP_TOOL }] } : {}),
    };
    if (!input.stream) {
      const response = await client.path('/chat/completions').post({ body });
      if (isUnexpected(response)) throw new Error(`${response.status}: ${JSON.stringify(response.body)}`);
      const result = response.body as unknown as InferenceBody;
      const choice = result.choices[0]!;
      return {
        content: choice.message?.content ?? '',
        reasoning: choice.message?.reasoning_content ?? '',
        toolCalls: (choice.message?.tool_calls ?? []).map((call) => ({
          name: call.function.name,
          arguments: call.function.arguments,
        })),
        finishReason: choice.finish_reason ?? '',
        usage: result.usage
          ? { prompt: result.usage.prompt_tokens, completion: result.usage.completion_tokens }
          : undefined,
      };
    }
    const response = await client
      .path('/chat/completions')
      .post({ body: { ...body, stream: true } })
      .asNodeStream();
    if (response.status !== '200' || response.body === undefined) throw new Error(`stream failed: ${response.status}`);
    const answer: ClientAnswer = { content: '', reasoning: '', toolCalls: [], finishReason: '', usage: undefined };
    for await (const event of createSseStream(response.body)) {
      if (event.data === '[DONE]') break;
      const chunk = JSON.parse(event.data) as InferenceBody;
      if (chunk.usage) answer.usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens };
      const choice = chunk.choices[0];
      if (choice === undefined) continue;
      answer.content += choice.delta?.content ?? '';
      answer.reasoning += choice.delta?.reasoning_content ?? '';
      for (const fragment of choice.delta?.tool_calls ?? []) {
        const call = (answer.toolCalls[fragment.index] ??= { name: '', arguments: '' });
        call.name += fragment.function?.name ?? '';
        call.arguments += fragment.function?.arguments ?? '';
      }
      if (choice.finish_reason) answer.finishReason = choice.finish_reason;
    }
    return answer;
  };
}

function anthropicChat(client: Anthropic): DialectChat {
  return async (input) => {
    const params = {
      model: input.deployment,
      max_tokens: 256,
      messages: [{ role: 'user' as const, content: input.prompt }],
      ...(input.tools
        ? {
            tools: [
              { name: LOOKUP_TOOL.name, description: LOOKUP_TOOL.description, input_schema: LOOKUP_TOOL.parameters },
            ],
          }
        : {}),
    };
    const message = input.stream
      ? await client.messages.stream(params).finalMessage()
      : await client.messages.create(params);
    const answer: ClientAnswer = {
      content: '',
      reasoning: '',
      toolCalls: [],
      finishReason: message.stop_reason ?? '',
      usage: {
        prompt:
          message.usage.input_tokens +
          (message.usage.cache_read_input_tokens ?? 0) +
          (message.usage.cache_creation_input_tokens ?? 0),
        completion: message.usage.output_tokens,
      },
    };
    for (const block of message.content) {
      if (block.type === 'text') answer.content += block.text;
      else if (block.type === 'thinking') answer.reasoning += block.thinking;
      else if (block.type === 'tool_use')
        answer.toolCalls.push({ name: block.name, arguments: JSON.stringify(block.input) });
    }
    return answer;
  };
}
