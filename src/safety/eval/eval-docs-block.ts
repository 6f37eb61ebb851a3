/** The markers around the built-in analyzer's report in docs/content-safety.md. */
export const EVAL_DOCS_START = '<!-- safety-eval:builtin:start -->';
export const EVAL_DOCS_END = '<!-- safety-eval:builtin:end -->';

/** The report between the markers, trimmed; undefined when the page has no such block. */
export function readEvalDocsBlock(page: string): string | undefined {
  const start = page.indexOf(EVAL_DOCS_START);
  const end = page.indexOf(EVAL_DOCS_END);
  if (start === -1 || end < start) return undefined;
  return page.slice(start + EVAL_DOCS_START.length, end).trim();
}

/** The page with the block replaced by `report`, blank lines around it so the markdown stays a table. */
export function replaceEvalDocsBlock(page: string, report: string): string {
  const start = page.indexOf(EVAL_DOCS_START);
  const end = page.indexOf(EVAL_DOCS_END);
  if (start === -1 || end < start) {
    throw new Error(`The page has no ${EVAL_DOCS_START} … ${EVAL_DOCS_END} block to replace.`);
  }
  return `${page.slice(0, start)}${EVAL_DOCS_START}\n\n${report.trim()}\n\n${page.slice(end)}`;
}
