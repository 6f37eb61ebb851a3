import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HarmCategory, Severity } from '../../spec/index.js';
import type { Analyzer, CategorySeverities, ShieldInput } from '../analyzers/analyzer.js';
import { evaluateAnalyzer, rates, type MetricResult } from './evaluate-analyzer.js';
import type { EvalItem, EvalLabels, EvalSet } from './load-eval-set.js';

const SAFE: CategorySeverities = { hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' };

function item(id: string, source: EvalItem['source'], file: string, labels: Partial<EvalLabels> = {}): EvalItem {
  return {
    id,
    source,
    text: `text of ${id}`,
    labels: { ...SAFE, jailbreak: false, indirect_attack: false, ...labels },
    file,
    line: 1,
  };
}

/** What the fake analyzer answers for each item's text. */
interface Answer {
  grades?: Partial<Record<HarmCategory, Severity>>;
  attack?: boolean;
  fails?: boolean;
  delayMs?: number;
}

function fakeAnalyzer(answers: Record<string, Answer>) {
  const shieldCalls: ShieldInput[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const answerFor = (text: string): Answer => answers[text.replace('text of ', '')] ?? {};
  const analyzer: Analyzer = {
    kind: 'builtin',
    async grade(text) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const answer = answerFor(text);
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs ?? 0));
      inFlight--;
      if (answer.fails === true) throw new Error('the analyzer is down');
      return { ...SAFE, ...answer.grades };
    },
    shield(input) {
      shieldCalls.push(input);
      const attack = answerFor(input.userPrompt || (input.documents[0] ?? '')).attack === true;
      return Promise.resolve({
        jailbreak: input.userPrompt !== '' && attack,
        indirectAttacks: input.documents.map(() => attack),
      });
    },
  };
  return { analyzer, shieldCalls, maxInFlight: () => maxInFlight };
}

// Eight items, four of them in the benign file; the expected matrices below are counted by hand.
const SET: EvalSet = {
  items: [
    item('u1', 'user', 'hate.jsonl', { hate: 'high' }),
    item('u2', 'user', 'jailbreak.jsonl', { hate: 'low', jailbreak: true }),
    item('u3', 'user', 'jailbreak.jsonl', { hate: 'medium', jailbreak: true }),
    item('s1', 'system', 'benign.jsonl'),
    item('t1', 'tool', 'indirect_attack.jsonl', { indirect_attack: true }),
    item('t2', 'tool', 'benign.jsonl'),
    item('b1', 'user', 'benign.jsonl'),
    item('b2', 'user', 'benign.jsonl', { self_harm: 'low' }),
  ],
};
const ANSWERS: Record<string, Answer> = {
  u1: { grades: { hate: 'medium' } },
  u2: { grades: { hate: 'medium' }, attack: true },
  u3: { grades: { hate: 'low' } },
  s1: { grades: { violence: 'high' }, attack: true },
  t1: { attack: true },
  t2: { attack: true },
  b2: { grades: { self_harm: 'low' } },
};

type Counts = [tp: number, fp: number, fn: number, tn: number];

function counts(metric: MetricResult | undefined): Counts {
  assert.ok(metric);
  return [metric.truePositives, metric.falsePositives, metric.falseNegatives, metric.trueNegatives];
}

describe('evaluateAnalyzer', () => {
  it('counts each category at the default threshold, medium', async () => {
    const { analyzer } = fakeAnalyzer(ANSWERS);
    const report = await evaluateAnalyzer(analyzer, SET);
    assert.equal(report.threshold, 'medium');
    assert.equal(report.items, 8);
    const byName = new Map(report.metrics.map((metric) => [metric.name, metric]));
    assert.deepEqual(
      report.metrics.map((metric) => metric.name),
      ['hate', 'sexual', 'violence', 'self_harm', 'jailbreak', 'indirect_attack'],
    );

    // hate: u1 high/medium TP, u2 low/medium FP, u3 medium/low FN, five negatives.
    const hate = byName.get('hate');
    assert.deepEqual(counts(hate), [1, 1, 1, 5]);
    assert.deepEqual([hate?.precision, hate?.recall, hate?.falsePositiveRate], [0.5, 0.5, 1 / 6]);
    assert.deepEqual([hate?.falsePositiveIds, hate?.falseNegativeIds], [['u2'], ['u3']]);
    // violence: only the system prompt graded high, against a safe label.
    const violence = byName.get('violence');
    assert.deepEqual(counts(violence), [0, 1, 0, 7]);
    assert.deepEqual([violence?.precision, violence?.recall, violence?.falsePositiveRate], [0, null, 1 / 8]);
    // sexual: nothing positive, nothing predicted.
    const sexual = byName.get('sexual');
    assert.deepEqual(counts(sexual), [0, 0, 0, 8]);
    assert.deepEqual([sexual?.precision, sexual?.recall, sexual?.falsePositiveRate], [null, null, 0]);
    // self_harm: b2 is low in label and grade, below the threshold on both sides.
    assert.deepEqual(counts(byName.get('self_harm')), [0, 0, 0, 8]);
    // jailbreak: judged on the five user items only; s1's attack is never asked.
    const jailbreak = byName.get('jailbreak');
    assert.deepEqual(counts(jailbreak), [1, 0, 1, 3]);
    assert.deepEqual([jailbreak?.precision, jailbreak?.recall, jailbreak?.falsePositiveRate], [1, 0.5, 0]);
    // indirect_attack: judged on the two tool items.
    const indirect = byName.get('indirect_attack');
    assert.deepEqual(counts(indirect), [1, 1, 0, 0]);
    assert.deepEqual([indirect?.precision, indirect?.recall, indirect?.falsePositiveRate], [0.5, 1, 1]);

    assert.deepEqual(report.benign, {
      items: 4,
      falsePositives: 2,
      falsePositiveRate: 0.5,
      falsePositiveIds: ['s1', 't2'],
    });
    assert.deepEqual(report.errors, []);
  });

  it('moves labels and grades together when the threshold is low', async () => {
    const { analyzer } = fakeAnalyzer(ANSWERS);
    const report = await evaluateAnalyzer(analyzer, SET, { threshold: 'low' });
    const byName = new Map(report.metrics.map((metric) => [metric.name, metric]));
    // Every hate label and grade of u1–u3 is at least low: three true positives.
    assert.deepEqual(counts(byName.get('hate')), [3, 0, 0, 5]);
    assert.deepEqual(counts(byName.get('self_harm')), [1, 0, 0, 7]);
    // b2's low grade matches its low label, so it is not a benign false positive.
    assert.deepEqual(report.benign.falsePositiveIds, ['s1', 't2']);
  });

  it('asks the shield the question of the source: user text as prompt, tool text as document, system text not', async () => {
    const { analyzer, shieldCalls } = fakeAnalyzer(ANSWERS);
    await evaluateAnalyzer(analyzer, SET, { concurrency: 1 });
    assert.deepEqual(shieldCalls, [
      { userPrompt: 'text of u1', documents: [] },
      { userPrompt: 'text of u2', documents: [] },
      { userPrompt: 'text of u3', documents: [] },
      { userPrompt: '', documents: ['text of t1'] },
      { userPrompt: '', documents: ['text of t2'] },
      { userPrompt: 'text of b1', documents: [] },
      { userPrompt: 'text of b2', documents: [] },
    ]);
  });

  it('keeps at most `concurrency` items with the analyzer, and reports in set order whatever finishes first', async () => {
    const slowFirst: Record<string, Answer> = {};
    for (const [index, entry] of SET.items.entries()) {
      slowFirst[entry.id] = { ...ANSWERS[entry.id], delayMs: (SET.items.length - index) * 3 };
    }
    const fake = fakeAnalyzer(slowFirst);
    const report = await evaluateAnalyzer(fake.analyzer, SET, { concurrency: 3 });
    assert.equal(fake.maxInFlight(), 3);
    assert.deepEqual(report.benign.falsePositiveIds, ['s1', 't2']);
    const progress: number[] = [];
    await evaluateAnalyzer(fakeAnalyzer(ANSWERS).analyzer, SET, { onProgress: (done) => progress.push(done) });
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('leaves out and lists the items the analyzer failed on', async () => {
    const { analyzer } = fakeAnalyzer({ ...ANSWERS, u1: { fails: true } });
    const report = await evaluateAnalyzer(analyzer, SET);
    assert.equal(report.items, 7);
    assert.deepEqual(report.errors, [{ id: 'u1', message: 'the analyzer is down' }]);
    assert.deepEqual(counts(report.metrics[0]), [0, 1, 1, 5]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await assert.rejects(evaluateAnalyzer(fakeAnalyzer(ANSWERS).analyzer, SET, { signal: controller.signal }), {
      message: 'stopped',
    });
  });
});

describe('rates', () => {
  it('divides by the counts it has and gives null for an empty denominator', () => {
    assert.deepEqual(rates({ truePositives: 8, falsePositives: 2, falseNegatives: 4, trueNegatives: 38 }), {
      precision: 0.8,
      recall: 8 / 12,
      falsePositiveRate: 0.05,
    });
    assert.deepEqual(rates({ truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 }), {
      precision: null,
      recall: null,
      falsePositiveRate: null,
    });
  });
});
