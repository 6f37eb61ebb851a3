import type { Command } from '../command.js';
import { DEFAULT_URL } from '../admin-client.js';

/** The full usage text, built from the commands so it cannot drift from them. */
export function helpText(commands: Readonly<Record<string, Command>>, only?: string): string {
  const entries = [...new Set(Object.values(commands))].filter(
    (command) => only === undefined || command.usage.startsWith(only),
  );
  const width = Math.max(...entries.map((command) => command.usage.split(' ').slice(0, 2).join(' ').length));
  const lines = entries.map((command) => {
    const words = command.usage.split(' ');
    const name = (words[1]?.startsWith('-') || words[1]?.startsWith('[') ? words[0] : `${words[0]} ${words[1]}`) ?? '';
    return `  ${name.padEnd(width)}  ${command.summary}\n  ${' '.repeat(width)}  hangar ${command.usage}`;
  });
  return [
    'Usage: hangar <command> [options]',
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(width)}  Show this help`,
    '',
    'serve and models work on the data dir (--data-dir DIR, HANGAR_DATA_DIR; default ./data).',
    'models pull reads HANGAR_HF_ENDPOINT for a Hugging Face mirror; run it again to resume a download.',
    'The other commands talk to a running Hangar over its admin API:',
    `  --url URL          Hangar's address (HANGAR_URL; default ${DEFAULT_URL})`,
    '  --admin-key KEY    a session token (HANGAR_TOKEN, from `hangar login`), the admin key',
    '                     (HANGAR_ADMIN_KEY; default: <data dir>/admin.key) or an admin-scoped project key',
    "  --json             print the server's JSON answer",
    '',
    "Exit codes: 0 done, 1 failed (the server's message is printed), 2 wrong usage.",
    '',
  ].join('\n');
}
