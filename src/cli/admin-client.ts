import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { safeParseJson } from '../kit/index.js';
import type { JsonValue } from '../spec/index.js';
import type { OptionValues } from './cli-options.js';
import { CliError, type CliIo } from './cli-io.js';

export const DEFAULT_URL = 'http://127.0.0.1:4000';
export const SIGN_IN_PATH = '/admin/sessions';

/** Talks to a running Hangar's admin API. */
export interface AdminClient {
  send(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: object): Promise<JsonValue>;
  /** GET of an answer that is not JSON (an invoice as CSV or HTML), as text; errors still come as JSON. */
  sendText(path: string): Promise<string>;
  /** POST to a route that answers JSON lines (a model pull), handing each line over as it arrives. */
  sendLines(path: string, body: object, onLine: (line: JsonValue) => void): Promise<void>;
}

/**
 * URL from --url, HANGAR_URL or the default; credential from --admin-key, HANGAR_TOKEN (a session token from
 * `hangar login`), HANGAR_ADMIN_KEY, or the admin.key file `hangar serve` wrote into the data dir, so a
 * local setup needs no key handling at all. Signing in needs none.
 */
export function createAdminClient(values: OptionValues, io: CliIo): AdminClient {
  const baseUrl = (values.url ?? io.env.HANGAR_URL ?? DEFAULT_URL).replace(/\/+$/, '');
  const adminKey =
    values['admin-key'] ??
    io.env.HANGAR_TOKEN ??
    io.env.HANGAR_ADMIN_KEY ??
    readAdminKeyFile(values['data-dir'] ?? io.env.HANGAR_DATA_DIR ?? './data');

  /** Sends the call; an error answer (4xx/5xx) becomes a CliError with the API's message. */
  const open = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: object | undefined) => {
    const anonymous = path === SIGN_IN_PATH;
    if (!anonymous && (adminKey === undefined || adminKey === '')) {
      throw new CliError(
        'No credential: run `hangar login` and set HANGAR_TOKEN, pass --admin-key, set HANGAR_ADMIN_KEY, or run ' +
          'from the folder holding data/admin.key.',
      );
    }
    let response;
    try {
      response = await request(`${baseUrl}${path}`, {
        method,
        // One request per run: closing the socket lets the process exit at once instead of idling on keep-alive.
        reset: true,
        headers: {
          ...(anonymous ? {} : { authorization: `Bearer ${adminKey ?? ''}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new CliError(
        `Cannot reach Hangar at ${baseUrl} (${reason}); is \`hangar serve\` running? Pass --url otherwise.`,
      );
    }
    if (response.statusCode >= 400) {
      const text = await response.body.text();
      const parsed = safeParseJson(text);
      throw new CliError(
        parsed.ok
          ? errorMessage(parsed.value, response.statusCode)
          : `Hangar answered ${response.statusCode}: ${text.slice(0, 200)}`,
      );
    }
    return response;
  };
  const exchange = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: object | undefined,
  ): Promise<string> => (await open(method, path, body)).body.text();

  return {
    async send(method, path, body) {
      const text = await exchange(method, path, body);
      const parsed = safeParseJson(text);
      if (!parsed.ok) throw new CliError(`Hangar answered with something that is not JSON: ${text.slice(0, 200)}`);
      return parsed.value;
    },
    sendText: (path) => exchange('GET', path, undefined),
    async sendLines(path, body, onLine) {
      const response = await open('POST', path, body);
      // Decoded as a stream, so a character split across two chunks stays whole.
      response.body.setEncoding('utf8');
      let pending = '';
      for await (const chunk of response.body) {
        pending += String(chunk);
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') onLine(parseLine(line));
      }
      if (pending.trim() !== '') onLine(parseLine(pending));
    },
  };
}

function parseLine(line: string): JsonValue {
  const parsed = safeParseJson(line);
  if (!parsed.ok) throw new CliError(`Hangar answered a line that is not JSON: ${line.slice(0, 200)}`);
  return parsed.value;
}

function errorMessage(body: JsonValue, status: number): string {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && !Array.isArray(error) && typeof error.message === 'string') {
      return error.message;
    }
  }
  return `Hangar answered ${status}.`;
}

function readAdminKeyFile(dataDir: string): string | undefined {
  const path = join(dataDir, 'admin.key');
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}
