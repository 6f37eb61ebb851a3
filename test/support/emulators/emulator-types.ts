/** Which vendor an OpenAI-style emulator plays: they share the wire format and differ in the details below. */
export type OpenAiFlavor = 'openai' | 'xai' | 'deepseek' | 'mistral' | 'gemini' | 'vllm';

/** One request as the emulator received it, recorded before it was answered (rejected ones too). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

/**
 * A misbehaviour to inject. `times` is how many requests it applies to (default: every request until cleared).
 * Stream faults (`cut-stream`, `error-frame`) count frames: every SSE frame the vendor would send, pings included,
 * keep-alive comments excluded. On a non-streamed request `cut-stream` sends the headers and half the JSON body
 * before destroying the socket, and `error-frame` answers with the vendor's 500-class error body.
 */
export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; times?: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number; times?: number }
  | { kind: 'slow-first-byte'; delayMs: number; times?: number }
  | { kind: 'cut-stream'; afterChunks: number; times?: number }
  | { kind: 'reset'; times?: number }
  | { kind: 'error-frame'; afterChunks: number; times?: number };

/** How stream frames are put on the wire, to exercise a client's SSE decoder. */
export interface StreamFraming {
  lineEnding?: '\n' | '\r\n';
  /** 'bytes': each frame in several small writes, split inside JSON and between `\r` and `\n`; 'packed': several frames per write. */
  split?: 'none' | 'bytes' | 'packed';
  /** Inserts `: ping` comment frames between frames. */
  keepAliveComments?: boolean;
  chunkDelayMs?: number;
}

export interface Emulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** What a Hangar connection's base_url should be (OpenAI-style: url + '/v1'; Azure: url; Anthropic: url + '/v1'). */
  baseUrl: string;
  /** The key the emulator accepts; anything else gets the vendor's 401 body. */
  apiKey: string;
  requests: RecordedRequest[];
  /** Responses the client abandoned before they were complete (a closed connection mid-stream or mid-body). */
  readonly clientAborts: number;
  setFault(fault: Fault | undefined): void;
  setFraming(framing: StreamFraming): void;
  /** Clears requests, fault, framing and the abort counter. */
  reset(): void;
  close(): Promise<void>;
}
