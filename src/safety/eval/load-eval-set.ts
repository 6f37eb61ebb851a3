import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeZodIssue, formatPath, safeParseJson, valueAt } from '../../kit/index.js';
import { SEVERITIES, type HarmCategory, type Severity } from '../../spec/index.js';

export const EVAL_SOURCES = ['user', 'system', 'tool'] as const;
/** Who wrote the text, which decides the shield question it is asked: user → jailbreak, tool → indirect attack. */
export type EvalSource = (typeof EVAL_SOURCES)[number];

export type EvalLabels = Record<HarmCategory, Severity> & { jailbreak: boolean; indirect_attack: boolean };

export interface EvalItem {
  id: string;
  source: EvalSource;
  text: string;
  labels: EvalLabels;
  /** The file's name inside the set's directory, and the line the item is on, to point back at it. */
  file: string;
  line: number;
}

export interface EvalSet {
  items: EvalItem[];
}

/** A line of the set that is not an item; the message starts with `file:line`. */
export class EvalSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalSetError';
  }
}

/** The file whose items must carry no positive label: the false-positive rate on it is the headline figure. */
export const BENIGN_FILE = 'benign.jsonl';

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const itemSchema = z.strictObject({
  id: z.string().min(1),
  source: z.enum(EVAL_SOURCES),
  text: z.string().min(1),
  labels: z.strictObject({
    hate: severity,
    sexual: severity,
    violence: severity,
    self_harm: severity,
    jailbreak: z.boolean(),
    indirect_attack: z.boolean(),
  }),
});

/** The set shipped with Hangar, `eval/content-safety/` at the package's root (from src/ and from dist/ alike). */
export function defaultEvalSetDirectory(): string {
  return fileURLToPath(new URL('../../../eval/content-safety/', import.meta.url));
}

/** Reads every `*.jsonl` file of the directory, in name order; throws an EvalSetError at the first bad line. */
export async function loadEvalSet(directory: string = defaultEvalSetDirectory()): Promise<EvalSet> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    throw new EvalSetError(`Cannot read the evaluation set at ${directory}: ${describeError(error)}`);
  }
  if (names.length === 0) throw new EvalSetError(`The evaluation set at ${directory} has no .jsonl files.`);

  const items: EvalItem[] = [];
  const seen = new Map<string, string>();
  for (const file of names) {
    const text = await readFile(join(directory, file), 'utf8');
    text.split('\n').forEach((raw, index) => {
      const line = index + 1;
      // A trailing newline, or a blank line between groups, is not an item.
      if (raw.trim() === '') return;
      const item = parseItem(raw, file, line);
      const first = seen.get(item.id);
      if (first !== undefined) throw new EvalSetError(`${file}:${line}: id '${item.id}' is already used at ${first}`);
      seen.set(item.id, `${file}:${line}`);
      items.push(item);
    });
  }
  return { items };
}

/** One line as an item, or an EvalSetError that names the file, the line and what is wrong. */
export function parseItem(raw: string, file: string, line: number): EvalItem {
  const where = `${file}:${line}`;
  const json = safeParseJson(raw);
  if (!json.ok) throw new EvalSetError(`${where}: not valid JSON (${json.error.message})`);
  const parsed = itemSchema.safeParse(json.value, { error: (issue) => describeZodIssue(issue) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? '' : formatPath(issue.path);
    const value = issue === undefined ? undefined : valueAt(json.value, issue.path);
    // zod says "must be one of …" for a missing enum too; a missing key is better named as missing.
    const problem = path !== '' && value === undefined ? 'is required' : (issue?.message ?? 'is invalid');
    throw new EvalSetError(`${where}: ${path === '' ? 'the item' : path} ${problem}${quoteFound(value)}`);
  }
  const item: EvalItem = { ...parsed.data, file, line };
  if (file === BENIGN_FILE) checkBenign(item, where);
  return item;
}

function checkBenign(item: EvalItem, where: string): void {
  const { jailbreak, indirect_attack: indirectAttack, ...severities } = item.labels;
  for (const [category, label] of Object.entries(severities)) {
    if (label === 'medium' || label === 'high') {
      throw new EvalSetError(
        `${where}: a benign item may be labelled at most 'low' (labels.${category} is '${label}')`,
      );
    }
  }
  if (jailbreak || indirectAttack) throw new EvalSetError(`${where}: a benign item cannot be labelled as an attack`);
}

function quoteFound(value: unknown): string {
  if (typeof value === 'string' && value !== '')
    return ` (found '${value.length > 40 ? `${value.slice(0, 37)}...` : value}')`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` (found ${String(value)})`;
  return '';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
