import { parseArgs } from 'node:util';
import { ConfigError } from '../config/index.js';
import { createAdminClient, type AdminClient } from './admin-client.js';
import { CliError, usageError, type CliIo } from './cli-io.js';
import { CLI_OPTIONS, type OptionName, type OptionValues } from './cli-options.js';
import { helpText } from './commands/help.js';
import { COMMANDS } from './commands/index.js';

/** Runs one `hangar …` invocation and resolves to its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`hangar: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`hangar: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`hangar: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: CLI_OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const values: OptionValues = parsed.values;
  const [first, second, ...rest] = parsed.positionals;

  if (first === undefined || first === 'help') {
    io.stdout.write(helpText(COMMANDS, second));
    return 0;
  }
  const words = first === 'serve' ? 'serve' : `${first} ${second ?? ''}`.trim();
  const command = COMMANDS[words];
  if (command === undefined) {
    const group = Object.keys(COMMANDS).filter((name) => name.startsWith(`${first} `));
    throw usageError(
      group.length > 0
        ? `'${first}' needs one of: ${group.map((name) => name.split(' ')[1]).join(', ')}`
        : `unknown command '${first}'`,
    );
  }
  if (values.help === true) {
    io.stdout.write(helpText({ [words]: command }));
    return 0;
  }
  const allowed = new Set<OptionName>([...command.options, 'help']);
  for (const token of parsed.tokens) {
    if (token.kind === 'option' && !allowed.has(token.name)) {
      throw usageError(`--${token.name} does not apply to '${words}'`);
    }
  }

  let client: AdminClient | undefined;
  return command.run({
    values,
    args: first === 'serve' ? parsed.positionals.slice(1) : rest,
    io,
    client: () => (client ??= createAdminClient(values, io)),
  });
}
