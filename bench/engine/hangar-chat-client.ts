import { Pool } from 'undici';
import { decodeSse, safeParseJson } from '../../src/kit/index.js';
import { ENGINE_WORKLOAD, type GenerationSample } from './engine-workload.js';

/**
 * A lean streaming client for Hangar's OpenAI endpoint: undici with keep-alive connections (one per
 * concurrent stream), Hangar's own SSE decoder and one JSON parse per frame. The official SDK would work
 * as well but adds its own per-chunk cost, which would be charged to Hangar here.
 */
export class HangarChatClient {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly headers: Record<string, string>;
  private readonly streamedBody: string;
  private readonly unstreamedBody: string;

  constructor(url: string, key: string, deployment: string, connections: number) {
    const endpoint = new URL('/v1/chat/completions', url);
    this.pool = new Pool(endpoint.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
    this.path = endpoint.pathname;
    this.headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const request = {
      model: deployment,
      messages: [{ role: 'user', content: ENGINE_WORKLOAD.prompt }],
      max_tokens: ENGINE_WORKLOAD.maxTokens,
      temperature: ENGINE_WORKLOAD.temperature,
      seed: ENGINE_WORKLOAD.seed,
    };
    this.streamedBody = JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } });
    this.unstreamedBody = JSON.stringify(request);
  }

  /**
   * The same request with `stream: false`: the engine, routing and metering run as for a stream, but no
   * per-token SSE frame is rendered or written. The time to first token is unknown, so the sample's first and
   * last token times are its total time.
   */
  async complete(): Promise<GenerationSample> {
    const startedAt = performance.now();
    const response = await this.pool.request({
      path: this.path,
      method: 'POST',
      headers: this.headers,
      body: this.unstreamedBody,
    });
    const text = await response.body.text();
    const totalMs = performance.now() - startedAt;
    if (response.statusCode !== 200) throw new Error(`Hangar answered ${response.statusCode}: ${text.slice(0, 300)}`);
    const parsed = safeParseJson(text);
    const body = (parsed.ok ? parsed.value : {}) as {
      choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
      usage?: { completion_tokens?: unknown };
    };
    const choice = body.choices?.[0];
    const content = typeof choice?.message?.content === 'string' ? choice.message.content : '';
    const outputTokens = body.usage?.completion_tokens;
    if (typeof outputTokens !== 'number') throw new Error('the completion carried no usage');
    return {
      firstTokenMs: totalMs,
      lastTokenMs: totalMs,
      totalMs,
      outputTokens,
      chunks: 0,
      stopReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : 'none',
      textStart: content.slice(0, 60),
    };
  }

  /** One streamed completion: TTFT is the first frame with content, tokens come from the usage chunk. */
  async generate(): Promise<GenerationSample> {
    const startedAt = performance.now();
    const response = await this.pool.request({
      path: this.path,
      method: 'POST',
      headers: this.headers,
      body: this.streamedBody,
    });
    if (response.statusCode !== 200) {
      throw new Error(`Hangar answered ${response.statusCode}: ${(await response.body.text()).slice(0, 300)}`);
    }
    let firstAt: number | undefined;
    let lastAt = startedAt;
    let chunks = 0;
    let textStart = '';
    let outputTokens: number | undefined;
    let stopReason = 'none';
    let done = false;
    for await (const event of decodeSse(response.body)) {
      if (event.data === '[DONE]') {
        done = true;
        continue;
      }
      const chunk = readChunk(event.data);
      if (chunk.content !== '') {
        const now = performance.now();
        firstAt ??= now;
        lastAt = now;
        chunks += 1;
        if (textStart.length < 60) textStart += chunk.content;
      }
      if (chunk.finishReason !== undefined) stopReason = chunk.finishReason;
      if (chunk.completionTokens !== undefined) outputTokens = chunk.completionTokens;
    }
    const endedAt = performance.now();
    if (!done) throw new Error('the stream ended without [DONE]');
    if (outputTokens === undefined) throw new Error('the stream carried no usage chunk');
    return {
      firstTokenMs: (firstAt ?? endedAt) - startedAt,
      lastTokenMs: lastAt - startedAt,
      totalMs: endedAt - startedAt,
      outputTokens,
      chunks,
      stopReason,
      textStart: textStart.slice(0, 60),
    };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

interface ChunkView {
  content: string;
  finishReason: string | undefined;
  completionTokens: number | undefined;
}

function readChunk(data: string): ChunkView {
  const parsed = safeParseJson(data);
  const view: ChunkView = { content: '', finishReason: undefined, completionTokens: undefined };
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return view;
  const body = parsed.value as {
    choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
    usage?: { completion_tokens?: unknown } | null;
    error?: { message?: unknown };
  };
  if (body.error !== undefined) throw new Error(`error frame: ${String(body.error.message)}`);
  const choice = body.choices?.[0];
  if (typeof choice?.delta?.content === 'string') view.content = choice.delta.content;
  if (typeof choice?.finish_reason === 'string') view.finishReason = choice.finish_reason;
  if (typeof body.usage?.completion_tokens === 'number') view.completionTokens = body.usage.completion_tokens;
  return view;
}
