import { runCli } from '../run-cli.js';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process against a server at `url`, as a user would type it, and keeps what it printed. */
export async function runCliCaptured(
  argv: readonly string[],
  url: string,
  env: Record<string, string>,
  stdinText?: string,
): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--url', url], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    ...(stdinText === undefined ? {} : { stdin: [Buffer.from(stdinText)] }),
  });
  return { code, stdout, stderr };
}
