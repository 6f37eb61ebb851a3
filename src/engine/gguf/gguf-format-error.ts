/** What is wrong with a file that is not a readable GGUF model. */
export type GgufFormatProblem = 'not-gguf' | 'unsupported-version' | 'truncated' | 'invalid';

/** A file that is not a GGUF file, is of a version Hangar cannot read, is cut short or is malformed. */
export class GgufFormatError extends Error {
  override readonly name = 'GgufFormatError';

  constructor(
    readonly path: string,
    readonly problem: GgufFormatProblem,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}
