// Regenerates the built-in analyzer's evaluation report in docs/content-safety.md, between the
// `safety-eval:builtin` markers: `node scripts/write-safety-eval-report.mjs`. The test
// src/safety/eval/eval-report-in-docs.test.ts fails when the page and the analyzer disagree.
import { readFile, writeFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';

// The analyzer and the evaluation are TypeScript sources; tsx compiles them on import, as in the tests.
register();
const { createBuiltinAnalyzer } = await import('../src/safety/analyzers/builtin/builtin-analyzer.ts');
const { evaluateAnalyzer, loadEvalSet, renderEvalReportMarkdown, replaceEvalDocsBlock } =
  await import('../src/safety/eval/index.ts');

const page = new URL('../docs/content-safety.md', import.meta.url);
const report = await evaluateAnalyzer(createBuiltinAnalyzer(), await loadEvalSet());
const before = await readFile(page, 'utf8');
const after = replaceEvalDocsBlock(before, renderEvalReportMarkdown(report));
if (after === before) {
  console.log('docs/content-safety.md is up to date.');
} else {
  await writeFile(page, after);
  console.log('docs/content-safety.md: the evaluation report was rewritten.');
}
const rate = report.benign.falsePositiveRate ?? 0;
console.log(
  `Benign false-positive rate: ${(rate * 100).toFixed(2)} % (${report.benign.falsePositives} of ${report.benign.items}).`,
);
