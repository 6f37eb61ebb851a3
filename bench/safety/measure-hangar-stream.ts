import { request } from 'undici';
import { decodeSse, safeParseJson } from '../../src/kit/index.js';
import { echoText, startOpenAiStyleEmulator, type Emulator } from '../../test/support/emulators/index.js';
import { startHangar } from '../../test/support/start-hangar.js';

const KEY = 'stream-window-bench-key-01';
const API_VERSION = '2024-10-21';
export const FILTERED_DEPLOYMENT = 'filtered';
export const PASS_THROUGH_DEPLOYMENT = 'pass-through';
/** Every character a request sends is echoed back, after `Echo: `. */
const ECHO_PREFIX_CHARS = 'Echo: '.length;

/**
 * One project, two deployments on the same upstream: `filtered` under the default policy (its completion side
 * grades every window), `pass-through` under a project policy whose completion side cannot act (every threshold
 * off, no blocklists, personal data off), which Hangar streams through without windows.
 */
function hangarYaml(emulator: Emulator): string {
  const deployment = (name: string, policy?: string) => `      - name: ${name}
        model: gpt-4o
${policy === undefined ? '' : `        content_filter: ${policy}\n`}        backends:
          - connection: upstream
            model: gpt-4o`;
  return `
connections:
  - name: upstream
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
  - name: bench
    keys:
      - name: app
        value: ${KEY}
    content_filters:
      output-unfiltered:
        description: Prompts checked as by default; completions streamed as generated
        completion: { hate: off, sexual: off, violence: off, self_harm: off }
    deployments:
${deployment(FILTERED_DEPLOYMENT)}
${deployment(PASS_THROUGH_DEPLOYMENT, 'output-unfiltered')}
`;
}

/** One streamed answer as the client saw it, every time from sending the request. */
export interface ClientStream {
  firstTokenMs: number;
  totalMs: number;
  /** Each content delta: the characters received so far, and when. */
  arrivals: { chars: number; atMs: number }[];
  /** Annotation-only chunks: windows the completion filter graded and released. */
  windows: number;
}

export interface HangarStreamRun {
  filtered: ClientStream[];
  passThrough: ClientStream[];
  /** Per upstream token, its arrival on `filtered` − its arrival on `pass-through` in the same round, ms. */
  tokenDelaysMs: number[];
}

type JsonRecord = Record<string, unknown>;

function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** What one chunk carries for choice 0: its content delta, its finish reason, and whether it annotates a window. */
function readChunk(data: string): { content: string; finishReason: string | undefined; window: boolean } {
  const parsed = safeParseJson(data);
  const choices = asRecord(parsed.ok ? parsed.value : undefined)?.choices;
  const choice = asRecord(Array.isArray(choices) ? choices[0] : undefined);
  const content = asRecord(choice?.delta)?.content;
  const finishReason = choice?.finish_reason;
  return {
    content: typeof content === 'string' ? content : '',
    finishReason: typeof finishReason === 'string' ? finishReason : undefined,
    window: choice?.content_filter_offsets !== undefined,
  };
}

async function streamOnce(url: string, deployment: string, userText: string): Promise<ClientStream> {
  // Azure OpenAI's route: its chunks carry the filter's annotations, which show whether a stream was windowed.
  const body = JSON.stringify({ stream: true, messages: [{ role: 'user', content: userText }] });
  const startedAt = performance.now();
  const response = await request(
    `${url}/openai/deployments/${deployment}/chat/completions?api-version=${API_VERSION}`,
    {
      method: 'POST',
      headers: { 'api-key': KEY, 'content-type': 'application/json' },
      body,
    },
  );
  if (response.statusCode !== 200) {
    throw new Error(`${deployment}: status ${response.statusCode}: ${(await response.body.text()).slice(0, 300)}`);
  }
  const arrivals: ClientStream['arrivals'] = [];
  let text = '';
  let finishReason: string | undefined;
  let windows = 0;
  let done = false;
  for await (const event of decodeSse(response.body)) {
    if (event.data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = readChunk(event.data);
    finishReason ??= chunk.finishReason;
    if (chunk.window) windows += 1;
    if (chunk.content === '') continue;
    text += chunk.content;
    arrivals.push({ chars: text.length, atMs: performance.now() - startedAt });
  }
  const totalMs = performance.now() - startedAt;
  if (!done || finishReason !== 'stop' || text !== echoText(userText)) {
    throw new Error(`${deployment}: the stream did not carry the whole echo (finish ${String(finishReason)})`);
  }
  return { firstTokenMs: arrivals[0]?.atMs ?? totalMs, totalMs, arrivals, windows };
}

/** When `stream` had received at least `chars` characters. */
function arrivalOf(stream: ClientStream, chars: number): number {
  const arrival = stream.arrivals.find((candidate) => candidate.chars >= chars);
  if (arrival === undefined) throw new Error(`no arrival for character ${chars}`);
  return arrival.atMs;
}

/**
 * Starts the OpenAI-style emulator (streams of `tokens` deltas, `chunkDelayMs` between frames) and a real Hangar
 * in front of it, then sends the same streamed request to both deployments at the same moment, once to warm up and
 * `rounds` times measured.
 */
export async function measureHangarStreams(options: {
  text: string;
  tokens: number;
  chunkDelayMs: number;
  rounds: number;
}): Promise<HangarStreamRun> {
  const emulator = await startOpenAiStyleEmulator({
    flavor: 'openai',
    streamChunks: options.tokens,
    recordRequests: false,
  });
  emulator.setFraming({ chunkDelayMs: options.chunkDelayMs });
  const hangar = await startHangar({ yaml: hangarYaml(emulator) });
  // The echo is `Echo: ` + the prompt: about four characters per delta.
  const userText = options.text.slice(0, options.tokens * 4 - ECHO_PREFIX_CHARS);
  const run: HangarStreamRun = { filtered: [], passThrough: [], tokenDelaysMs: [] };
  try {
    for (let round = 0; round <= options.rounds; round += 1) {
      const [filtered, passThrough] = await Promise.all([
        streamOnce(hangar.url, FILTERED_DEPLOYMENT, userText),
        streamOnce(hangar.url, PASS_THROUGH_DEPLOYMENT, userText),
      ]);
      if (round === 0) continue;
      run.filtered.push(filtered);
      run.passThrough.push(passThrough);
      for (const token of passThrough.arrivals) {
        run.tokenDelaysMs.push(arrivalOf(filtered, token.chars) - token.atMs);
      }
    }
  } finally {
    await hangar.close();
    await emulator.close();
  }
  return run;
}
