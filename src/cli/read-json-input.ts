import { readFileSync } from 'node:fs';
import { safeParseJson } from '../kit/index.js';
import type { JsonValue } from '../spec/index.js';
import { CliError, usageError } from './cli-io.js';

/** The JSON in a file (`--file`) or given inline (`--body`); `label` names where it came from in messages. */
export function readJsonInput(source: { file: string } | { body: string }): JsonValue {
  let textValue: string;
  let label: string;
  if ('file' in source) {
    label = source.file;
    try {
      textValue = readFileSync(source.file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${source.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    label = '--body';
    textValue = source.body;
  }
  const parsed = safeParseJson(textValue);
  if (!parsed.ok) throw usageError(`${label} is not JSON: ${parsed.error.message}`);
  return parsed.value;
}
