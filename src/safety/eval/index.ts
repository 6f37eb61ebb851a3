export type {
  BenignResult,
  ConfusionCounts,
  EvalMetricName,
  EvalReport,
  EvalThreshold,
  EvaluateOptions,
  MetricResult,
} from './evaluate-analyzer.js';
export { EVAL_METRICS, evaluateAnalyzer, rates, reaches } from './evaluate-analyzer.js';
export type { EvalItem, EvalLabels, EvalSet, EvalSource } from './load-eval-set.js';
export {
  BENIGN_FILE,
  EVAL_SOURCES,
  EvalSetError,
  defaultEvalSetDirectory,
  loadEvalSet,
  parseItem,
} from './load-eval-set.js';
export { renderEvalReportJson, renderEvalReportMarkdown } from './render-eval-report.js';
export { EVAL_DOCS_END, EVAL_DOCS_START, readEvalDocsBlock, replaceEvalDocsBlock } from './eval-docs-block.js';
