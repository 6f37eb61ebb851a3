import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createBuiltinAnalyzer } from '../analyzers/builtin/builtin-analyzer.js';
import { readEvalDocsBlock } from './eval-docs-block.js';
import { evaluateAnalyzer } from './evaluate-analyzer.js';
import { loadEvalSet } from './load-eval-set.js';
import { renderEvalReportMarkdown } from './render-eval-report.js';

const DOCS = fileURLToPath(new URL('../../../docs/content-safety.md', import.meta.url));

describe('docs/content-safety.md', () => {
  it("shows the built-in analyzer's evaluation as it is, with at most 2 % false positives on benign text", async () => {
    const report = await evaluateAnalyzer(createBuiltinAnalyzer(), await loadEvalSet());
    const markdown = renderEvalReportMarkdown(report);
    const block = readEvalDocsBlock(await readFile(DOCS, 'utf8'));
    assert.equal(
      block,
      markdown.trim(),
      'The evaluation report in docs/content-safety.md is out of date; run `node scripts/write-safety-eval-report.mjs`.',
    );
    assert.deepEqual(report.errors, []);
    const rate = report.benign.falsePositiveRate ?? 1;
    assert.ok(
      rate <= 0.02,
      `The built-in analyzer flags ${report.benign.falsePositives} of ${report.benign.items} benign items: ` +
        report.benign.falsePositiveIds.join(', '),
    );
  });
});
