/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /** `isTTY` lets progress redraw one line in a terminal and print plain lines into a log. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where `--password-stdin` reads a password; absent in tests that never ask for one. */
  stdin?: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
}

/** A failure to report in one line and exit with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The command line itself is wrong: exit code 2, as most tools do. */
export function usageError(message: string): CliError {
  return new CliError(`${message} (see \`hangar help\`)`, 2);
}
