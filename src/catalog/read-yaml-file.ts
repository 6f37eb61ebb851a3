import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';

export type YamlFileResult = { ok: true; data: unknown } | { ok: false; problem: string };

/** One YAML document; a syntax error names its line and column. `label` is how messages name the file. */
export async function readYamlFile(path: string, label: string): Promise<YamlFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, problem: `${label}: cannot be read (${typeof code === 'string' ? code : String(error)})` };
  }
  const document = parseDocument(text, { uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const at = first.linePos?.[0];
    const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
    // The pretty message repeats the position and quotes the source below it; the first clause is enough.
    const message = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, problem: `${label}: is not valid YAML${where}: ${message}` };
  }
  return { ok: true, data: document.toJS() };
}
