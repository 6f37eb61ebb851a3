/** Azure's `error` annotation for a filter that could not run; the message never carries the text graded. */
export function analyzerError(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'analyzer_failed', message: `The content filter could not grade the text: ${message}` };
}
