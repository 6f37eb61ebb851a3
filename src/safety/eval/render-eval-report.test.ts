import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from 'prettier';
import { EVAL_METRICS, rates, type EvalReport, type MetricResult } from './evaluate-analyzer.js';
import { renderEvalReportJson, renderEvalReportMarkdown } from './render-eval-report.js';

function metric(name: MetricResult['name'], tp: number, fp: number, fn: number, tn: number): MetricResult {
  const counts = { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn };
  return { name, ...counts, ...rates(counts), falsePositiveIds: [], falseNegativeIds: [] };
}

const REPORT: EvalReport = {
  analyzer: 'builtin',
  threshold: 'medium',
  items: 1234,
  metrics: [
    metric('hate', 20, 1, 9, 1204),
    metric('sexual', 0, 0, 0, 1234),
    metric('violence', 25, 3, 2, 1204),
    metric('self_harm', 2, 0, 1, 1231),
    metric('jailbreak', 40, 2, 2, 800),
    metric('indirect_attack', 0, 0, 30, 0),
  ],
  benign: { items: 400, falsePositives: 3, falsePositiveRate: 3 / 400, falsePositiveIds: ['b-1', 'b-7', 'b-9'] },
  errors: [],
};

describe('renderEvalReportMarkdown', () => {
  it('renders fixed decimals, a dash for an empty denominator, and the benign items that fired', () => {
    assert.deepEqual(
      REPORT.metrics.map((entry) => entry.name),
      [...EVAL_METRICS],
    );
    assert.equal(
      renderEvalReportMarkdown(REPORT),
      [
        'Analyzer `builtin`, threshold `medium`: 1234 items judged, 400 of them benign.',
        '',
        '| Category        | Judged on  |  TP |  FP |  FN |   TN | Precision | Recall |   FPR |',
        '| --------------- | ---------- | --: | --: | --: | ---: | --------: | -----: | ----: |',
        '| hate            | all items  |  20 |   1 |   9 | 1204 |     0.952 |  0.690 | 0.001 |',
        '| sexual          | all items  |   0 |   0 |   0 | 1234 |         - |      - | 0.000 |',
        '| violence        | all items  |  25 |   3 |   2 | 1204 |     0.893 |  0.926 | 0.002 |',
        '| self_harm       | all items  |   2 |   0 |   1 | 1231 |     1.000 |  0.667 | 0.000 |',
        '| jailbreak       | user items |  40 |   2 |   2 |  800 |     0.952 |  0.952 | 0.002 |',
        '| indirect_attack | tool items |   0 |   0 |  30 |    0 |         - |  0.000 |     - |',
        '',
        'Benign false-positive rate: 0.75 % (3 of 400): `b-1`, `b-7`, `b-9`.',
        '',
      ].join('\n'),
    );
  });

  it('lists the items the analyzer failed on, and ends the benign line plainly when nothing fired', () => {
    const text = renderEvalReportMarkdown({
      ...REPORT,
      benign: { items: 400, falsePositives: 0, falsePositiveRate: 0, falsePositiveIds: [] },
      errors: [{ id: 'x-1', message: 'timeout' }],
    });
    assert.match(text, /\nBenign false-positive rate: 0\.00 % \(0 of 400\)\.\n/);
    assert.match(text, /\nLeft out because the analyzer failed on them: `x-1`\.\n$/);
  });

  it('is laid out as prettier lays out markdown, so the docs page stays formatted', async () => {
    const text = renderEvalReportMarkdown(REPORT);
    assert.equal(await format(text, { parser: 'markdown', printWidth: 120, proseWrap: 'preserve' }), text);
  });
});

describe('renderEvalReportJson', () => {
  it('keeps every field of the report', () => {
    assert.deepEqual(JSON.parse(renderEvalReportJson(REPORT)), REPORT);
  });
});
