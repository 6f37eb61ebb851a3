import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { safeParseJson } from '../../../src/kit/index.js';
import type { Emulator } from '../../support/emulators/index.js';

/** What a raw HTTP call to Hangar came back with. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawCall {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A string is sent verbatim (bad JSON); anything else is JSON-encoded. */
  body?: unknown;
}

/** One request with undici, returning status, flattened headers and the whole body. */
export async function rawCall(url: string, call: RawCall = {}): Promise<RawAnswer> {
  const body =
    call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  const response = await request(url, {
    method: call.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...call.headers },
    body,
  });
  const text = await response.body.text();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const parsed = safeParseJson(text);
  return { status: response.statusCode, headers, text, json: parsed.ok ? parsed.value : undefined };
}

/** The `error` object of an OpenAI- or Azure-shaped envelope, or of Anthropic's. */
export interface ErrorObject {
  message?: string;
  type?: string | null;
  param?: string | null;
  code?: string | null;
  details?: unknown;
}

export function errorOf(answer: RawAnswer): ErrorObject {
  const body = answer.json as { error?: ErrorObject } | undefined;
  assert.ok(body?.error !== undefined, `expected an error envelope, got ${answer.status} ${answer.text}`);
  return body.error;
}

/** Every answer carries Hangar's request id; Azure-style ones add `apim-request-id` and `x-ms-error-code`. */
export function assertRequestIds(answer: RawAnswer, azure: boolean): void {
  assert.match(answer.headers['x-request-id'] ?? '', /^req_[0-9a-f]{32}$/, 'x-request-id');
  if (azure) {
    assert.ok((answer.headers['apim-request-id'] ?? '') !== '', 'apim-request-id');
    assert.ok((answer.headers['x-ms-error-code'] ?? '') !== '', 'x-ms-error-code');
  }
}

/** A vendor credential must never reach a client: not in the body, not in a header. */
export function assertNoSecrets(
  answer: { text: string; headers: Record<string, string> },
  secrets: readonly string[],
): void {
  const everything = `${answer.text}\n${Object.entries(answer.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')}`;
  for (const secret of secrets) assert.ok(!everything.includes(secret), `the response leaked a vendor key: ${secret}`);
}

export function vendorKeys(emulators: readonly Emulator[]): string[] {
  return emulators.map((emulator) => emulator.apiKey);
}

/** Waits until `check` holds, polling; fails with `message` at the deadline. */
export async function waitFor(check: () => boolean, message: string, deadlineMs = 3000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(message);
    await delay(10);
  }
}

/** The parsed `data:` payloads of an SSE body, `[DONE]` kept as the string. */
export function sseData(text: string): unknown[] {
  const frames: unknown[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data === '') continue;
    if (data === '[DONE]') {
      frames.push(data);
      continue;
    }
    const parsed = safeParseJson(data);
    frames.push(parsed.ok ? parsed.value : data);
  }
  return frames;
}

/** The `event:` names of an SSE body, in order. */
export function sseEventNames(text: string): string[] {
  return [...text.matchAll(/^event: ?(.*)$/gm)].map((match) => (match[1] ?? '').trim());
}

/** A chat body for each inbound dialect. */
export function openAiChatBody(model: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, messages: [{ role: 'user', content: 'hello there' }], ...extra };
}

export function anthropicBody(model: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, max_tokens: 64, messages: [{ role: 'user', content: 'hello there' }], ...extra };
}

export const ANTHROPIC_HEADERS = { 'anthropic-version': '2023-06-01' } as const;
