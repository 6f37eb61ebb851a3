import { Agent } from 'undici';
import type { Analyzer } from '../../safety/analyzers/analyzer.js';
import {
  EvalSetError,
  evaluateAnalyzer,
  loadEvalSet,
  renderEvalReportJson,
  renderEvalReportMarkdown,
  type EvalSet,
  type EvalThreshold,
} from '../../safety/eval/index.js';
import { DEFAULT_URL } from '../admin-client.js';
import { createChatCompletionClassify } from '../chat-completion-classify.js';
import { CliError, usageError, type CliIo } from '../cli-io.js';
import type { OptionValues } from '../cli-options.js';
import type { Command } from '../command.js';

const ANALYZER_KINDS = ['builtin', 'model', 'azure-content-safety'] as const;
type AnalyzerKind = (typeof ANALYZER_KINDS)[number];
const EVAL_THRESHOLDS: readonly EvalThreshold[] = ['low', 'medium', 'high'];

/** An analyzer to evaluate, and what to release once the evaluation is over. */
interface OpenedAnalyzer {
  analyzer: Analyzer;
  close(): Promise<void>;
}

/** Runs locally on the set shipped with Hangar; only `--analyzer model` talks to a running Hangar. */
export const safetyEval: Command = {
  usage:
    'safety eval [--analyzer builtin|model|azure-content-safety] [--threshold low|medium|high] [--concurrency N] ' +
    '[--set DIR] [--url URL --api-key KEY --deployment NAME] [--endpoint URL --key KEY [--api-version V]] [--json]',
  summary:
    'Score a content-safety analyzer on the labelled set in eval/content-safety/: precision, recall, false positives',
  options: [
    'json',
    'analyzer',
    'threshold',
    'concurrency',
    'set',
    'url',
    'api-key',
    'deployment',
    'endpoint',
    'key',
    'api-version',
  ],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const { values, io } = context;
    const kind = parseAnalyzerKind(values.analyzer);
    const threshold = parseThreshold(values.threshold);
    const concurrency = parseConcurrency(values.concurrency);
    const opened = await openAnalyzer(kind, values, io, concurrency);
    let report;
    try {
      const set = await readEvalSet(values.set);
      report = await evaluateAnalyzer(opened.analyzer, set, {
        threshold,
        concurrency,
        ...(io.stderr.isTTY === true
          ? { onProgress: (done: number, total: number) => io.stderr.write(`\r${done}/${total} items`) }
          : {}),
      });
    } finally {
      if (io.stderr.isTTY === true) io.stderr.write('\r\u001b[K');
      await opened.close();
    }
    io.stdout.write(values.json === true ? renderEvalReportJson(report) : renderEvalReportMarkdown(report));
    const [firstError] = report.errors;
    if (firstError === undefined) return 0;
    // A report with items left out is not a measurement of the analyzer; say so in the exit code.
    io.stderr.write(
      `hangar: the analyzer failed on ${report.errors.length} item(s), left out of the figures; ` +
        `first (${firstError.id}): ${firstError.message}\n`,
    );
    return 1;
  },
};

function parseAnalyzerKind(value: string | undefined): AnalyzerKind {
  if (value === undefined) return 'builtin';
  const kind = ANALYZER_KINDS.find((candidate) => candidate === value);
  if (kind === undefined) throw usageError(`--analyzer '${value}' must be one of ${ANALYZER_KINDS.join(', ')}`);
  return kind;
}

function parseThreshold(value: string | undefined): EvalThreshold {
  if (value === undefined) return 'medium';
  const threshold = EVAL_THRESHOLDS.find((candidate) => candidate === value);
  if (threshold === undefined) throw usageError(`--threshold '${value}' must be one of ${EVAL_THRESHOLDS.join(', ')}`);
  return threshold;
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return 4;
  if (!/^[1-9][0-9]*$/.test(value) || Number(value) > 64) {
    throw usageError(`--concurrency '${value}' must be a whole number from 1 to 64`);
  }
  return Number(value);
}

/** The set shipped with Hangar, or an operator's own in the same format (`--set DIR`). */
async function readEvalSet(directory: string | undefined): Promise<EvalSet> {
  try {
    return await loadEvalSet(directory);
  } catch (error) {
    if (error instanceof EvalSetError) throw new CliError(error.message);
    throw error;
  }
}

/** Each analyzer's module is loaded only when it is the one asked for: the other commands never load any. */
async function openAnalyzer(
  kind: AnalyzerKind,
  values: OptionValues,
  io: CliIo,
  concurrency: number,
): Promise<OpenedAnalyzer> {
  const nothingToClose = async () => {};
  switch (kind) {
    case 'builtin': {
      const { createBuiltinAnalyzer } = await import('../../safety/analyzers/builtin/builtin-analyzer.js');
      return { analyzer: createBuiltinAnalyzer(), close: nothingToClose };
    }
    case 'model': {
      const apiKey = values['api-key'] ?? io.env.HANGAR_API_KEY;
      if (apiKey === undefined || apiKey === '') {
        throw usageError('--analyzer model needs a project key: pass --api-key or set HANGAR_API_KEY');
      }
      const deployments = values.deployment ?? [];
      const [deployment] = deployments;
      if (deployment === undefined || deployments.length > 1) {
        throw usageError('--analyzer model needs one --deployment: the deployment of the classifying model');
      }
      const { createModelAnalyzer } = await import('../../safety/analyzers/model/model-analyzer.js');
      // Calls of one evaluation share connections, one per concurrent item; closed when it is over.
      const dispatcher = new Agent({ connections: concurrency });
      const classify = createChatCompletionClassify({
        baseUrl: values.url ?? io.env.HANGAR_URL ?? DEFAULT_URL,
        apiKey,
        deployment,
        dispatcher,
      });
      return { analyzer: createModelAnalyzer({ classify }), close: () => dispatcher.close() };
    }
    case 'azure-content-safety': {
      const endpoint = values.endpoint;
      const apiKey = values.key ?? io.env.AZURE_CONTENT_SAFETY_KEY;
      if (endpoint === undefined || endpoint === '') {
        throw usageError('--analyzer azure-content-safety needs --endpoint, the resource endpoint');
      }
      if (apiKey === undefined || apiKey === '') {
        throw usageError('--analyzer azure-content-safety needs --key or AZURE_CONTENT_SAFETY_KEY');
      }
      const { createAzureContentSafetyAnalyzer } =
        await import('../../safety/analyzers/azure/azure-content-safety-analyzer.js');
      const analyzer = createAzureContentSafetyAnalyzer({
        endpoint,
        apiKey,
        ...(values['api-version'] === undefined ? {} : { apiVersion: values['api-version'] }),
      });
      return { analyzer, close: nothingToClose };
    }
  }
}
