import { CliError, usageError, type CliIo } from './cli-io.js';
import type { OptionValues } from './cli-options.js';

/**
 * A password from the first line of stdin (`--password-stdin`, so it stays out of the shell history and the
 * process list) or from HANGAR_PASSWORD. Never from a flag.
 */
export async function readPassword(values: OptionValues, io: CliIo): Promise<string> {
  if (values['password-stdin'] === true) {
    if (io.stdin === undefined) throw new CliError('--password-stdin needs a standard input to read from.');
    let text = '';
    for await (const chunk of io.stdin) {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (text.includes('\n')) break;
    }
    const password = text.split(/\r?\n/)[0] ?? '';
    if (password === '') throw new CliError('No password on standard input.');
    return password;
  }
  const fromEnvironment = io.env.HANGAR_PASSWORD;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  throw usageError('give the password on standard input with --password-stdin, or in HANGAR_PASSWORD');
}

/** `--platform-admin true|false` and `--disabled true|false`: an absent flag changes nothing. */
export function parseSwitch(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw usageError(`--${flag} takes true or false`);
}
