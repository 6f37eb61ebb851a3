import type { JsonObject, JsonValue } from '../spec/index.js';
import type { AdminClient } from './admin-client.js';
import type { OptionName, OptionValues } from './cli-options.js';
import { CliError, usageError, type CliIo } from './cli-io.js';

export interface CommandContext {
  values: OptionValues;
  /** Positional arguments after the command words (`remove NAME` → ['NAME']). */
  args: string[];
  io: CliIo;
  client(): AdminClient;
}

export interface Command {
  usage: string;
  summary: string;
  options: readonly OptionName[];
  /** Resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

export function requireOption(values: OptionValues, name: 'name' | 'provider' | 'project' | 'model'): string {
  const value = values[name];
  if (value === undefined || value === '') throw usageError(`--${name} is required`);
  return value;
}

export function requireArgument(context: CommandContext, what: string, fallback?: string): string {
  const value = context.args[0] ?? fallback;
  if (value === undefined || value === '') throw usageError(`${what} is required`);
  if (context.args.length > 1) throw usageError(`unexpected argument '${context.args[1]}'`);
  return value;
}

/** With --json, the server's answer as it came; otherwise the human form. */
export function output(context: CommandContext, value: JsonValue, human: () => string): number {
  context.io.stdout.write(context.values.json === true ? `${JSON.stringify(value, null, 2)}\n` : human());
  return 0;
}

/** The `data` array of a list response. */
export function listItems(value: JsonValue): JsonObject[] {
  const data = asObject(value).data;
  if (!Array.isArray(data)) throw new CliError('Hangar answered without a data list.');
  return data.map(asObject);
}

export function asObject(value: JsonValue | undefined): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('Hangar answered with an unexpected shape.');
  }
  return value;
}

/** A scalar field as text, `null` when absent. */
export function text(object: JsonObject, key: string): string | null {
  const value = object[key];
  return value === null || value === undefined || typeof value === 'object' ? null : String(value);
}

/** URL path segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
