import { loadConfig } from '../../config/index.js';
import { ModelStoreError, openModelStore, type ModelStore, type StoredModel } from '../../engine/index.js';
import type { JsonValue } from '../../spec/index.js';
import { CliError, usageError, type CliIo } from '../cli-io.js';
import type { OptionName } from '../cli-options.js';
import { output, requireArgument, type Command, type CommandContext } from '../command.js';
import { formatTable } from '../print-table.js';

/** The models commands work on the data dir itself, like `serve`, not through a running Hangar. */
const STORE_OPTIONS: readonly OptionName[] = ['config', 'data-dir', 'json'];

export const modelsPull: Command = {
  usage: 'models pull SOURCE [--name NAME] [--sha256 HEX] [--data-dir DIR]',
  summary: 'Download a GGUF model (hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO:Q4_K_M or a URL); resumes when run again',
  options: [...STORE_OPTIONS, 'name', 'sha256'],
  async run(context) {
    const source = requireArgument(context, 'the SOURCE (hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO:QUANT or a URL)');
    const store = openStore(context);
    const progress = createProgressReporter(context.io);
    const controller = new AbortController();
    const abort = () => controller.abort();
    process.once('SIGINT', abort);
    try {
      const pulled = await storeCall(() =>
        store.pull(source, {
          ...(context.values.name === undefined ? {} : { name: context.values.name }),
          ...(context.values.sha256 === undefined ? {} : { sha256: context.values.sha256 }),
          onResolve: (file) => {
            const size = file.sizeBytes === undefined ? '' : ` (${formatBytes(file.sizeBytes)})`;
            context.io.stderr.write(`Resolved ${source} to ${file.fileSource}${size}\n`);
          },
          onProgress: progress.update,
          signal: controller.signal,
        }),
      );
      progress.finish();
      const { model } = pulled;
      return output(
        context,
        toJson(model),
        () =>
          `Pulled ${model.name} (${describe(model)}) into ${model.path}\n` +
          `sha256 ${model.sha256} ${pulled.sha256Verified ? '(verified)' : '(not verified: no checksum was given or advertised)'}\n`,
      );
    } catch (error) {
      progress.finish();
      throw error;
    } finally {
      process.removeListener('SIGINT', abort);
    }
  },
};

export const modelsAdd: Command = {
  usage: 'models add FILE [--name NAME] [--link] [--data-dir DIR]',
  summary: 'Add a local GGUF file to the model store (copied, or linked with --link)',
  options: [...STORE_OPTIONS, 'name', 'link'],
  async run(context) {
    const file = requireArgument(context, 'the GGUF FILE');
    const store = openStore(context);
    const model = await storeCall(() =>
      store.add(file, {
        ...(context.values.name === undefined ? {} : { name: context.values.name }),
        mode: context.values.link === true ? 'link' : 'copy',
      }),
    );
    return output(context, toJson(model), () => `Added ${model.name} (${describe(model)}).\n`);
  },
};

export const modelsList: Command = {
  usage: 'models list [--data-dir DIR]',
  summary: 'List the models in the store',
  options: STORE_OPTIONS,
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const models = await storeCall(() => openStore(context).list());
    return output(context, { data: models.map(toJson) }, () =>
      models.length === 0
        ? 'No models yet; add one with `hangar models pull SOURCE` or `hangar models add FILE`.\n'
        : formatTable(
            ['name', 'architecture', 'quantisation', 'parameters', 'context', 'size'],
            models.map((model) => [
              model.name,
              model.info.architecture,
              model.info.quantisation,
              formatCount(model.info.parameterCount),
              model.info.contextLength,
              formatBytes(model.sizeBytes),
            ]),
          ),
    );
  },
};

export const modelsShow: Command = {
  usage: 'models show NAME [--data-dir DIR]',
  summary: "Show a model's GGUF facts, including its chat template",
  options: STORE_OPTIONS,
  async run(context) {
    const name = requireArgument(context, 'the model NAME');
    const model = await storeCall(() => openStore(context).get(name));
    if (model === undefined)
      throw new CliError(`There is no model named '${name}'; \`hangar models list\` shows them.`);
    const { info } = model;
    const rows: [string, string | number | null][] = [
      ['name', model.name],
      ['file', model.path],
      ['size', `${formatBytes(model.sizeBytes)} (${model.sizeBytes} bytes)`],
      ['sha256', model.sha256],
      ['source', model.source ?? null],
      ['added', model.addedAt],
      ['architecture', info.architecture],
      ['model name', info.name],
      ['quantisation', info.quantisation],
      ['parameters', `${formatCount(info.parameterCount)} (${info.parameterCount})`],
      ['context length', info.contextLength],
      ['embedding length', info.embeddingLength],
      ['blocks', info.blockCount],
      ['tokenizer', info.tokenizerModel],
      ['vocabulary', info.vocabularySize],
      ['pooling', info.pooling],
      ['gguf', `version ${info.version}, ${info.tensorCount} tensors`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    const template =
      info.chatTemplate === null
        ? 'Chat template: none in the file\n'
        : `Chat template:\n${info.chatTemplate.replace(/^/gm, '  ')}\n`;
    return output(
      context,
      toJson(model),
      () =>
        rows.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value === null ? '-' : value}\n`).join('') +
        template,
    );
  },
};

export const modelsRemove: Command = {
  usage: 'models rm NAME [--data-dir DIR]',
  summary: 'Delete a model from the store (a linked file itself is kept)',
  options: STORE_OPTIONS,
  async run(context) {
    const name = requireArgument(context, 'the model NAME');
    const model = await storeCall(() => openStore(context).remove(name));
    return output(context, toJson(model), () => `Removed model ${model.name}.\n`);
  },
};

function openStore(context: CommandContext): ModelStore {
  const { values } = context;
  const config = loadConfig({
    ...(values.config === undefined ? {} : { configFile: values.config }),
    flags: values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] },
    env: context.io.env,
  });
  return openModelStore(
    config.dataDir,
    config.huggingFaceUrl === undefined ? {} : { huggingFaceUrl: config.huggingFaceUrl },
  );
}

/** Store failures are the user's to fix, so they print as one line; a wrong argument exits 2. */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ModelStoreError)) throw error;
    if (error.code === 'invalid_name' || error.code === 'invalid_source' || error.code === 'invalid_sha256') {
      throw usageError(error.message);
    }
    throw new CliError(error.message, error.code === 'aborted' ? 130 : 1);
  }
}

// A StoredModel is plain JSON data (strings, numbers, nulls), which the type system cannot see through an interface.
function toJson(model: StoredModel): JsonValue {
  return model as unknown as JsonValue;
}

function describe(model: StoredModel): string {
  const { info } = model;
  return [
    info.architecture,
    info.quantisation,
    `${formatCount(info.parameterCount)} parameters`,
    formatBytes(model.sizeBytes),
  ]
    .filter((part) => part !== null)
    .join(', ');
}

/** 1.2B, 350M, 4.6K */
export function formatCount(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)}K`;
  return String(count);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

const BAR_WIDTH = 24;
/** Speed is measured over the last few seconds, so the ETA follows a connection that speeds up or stalls. */
const SPEED_WINDOW_MS = 5_000;
/** Plain lines (logs, pipes) come every 10%, or at least this often on a slow link. */
const PLAIN_LINE_INTERVAL_MS = 30_000;

export interface ProgressReporter {
  update: (received: number, total: number | undefined) => void;
  finish: () => void;
}

/**
 * Download progress on stderr. On a terminal, a bar redrawn in place at most ten times a second:
 * ` 42% ██████████░░░░░░░░░░░░░░ 205.3 MB / 491.4 MB  12.3 MB/s  ETA 23s`. Otherwise the same facts without
 * the bar, one line per 10% (per 100 MB when the size is unknown) or per 30 seconds, so logs stay short.
 */
export function createProgressReporter(io: CliIo, clock: () => number = Date.now): ProgressReporter {
  const terminal = io.stderr.isTTY === true;
  const started = clock();
  const samples: { at: number; bytes: number }[] = [];
  let firstReceived: number | undefined;
  let lastDraw: number | undefined;
  let lastStep = -1;
  let drawn = false;

  /** Bytes per second over the recent window; undefined until time has passed. */
  const speedAt = (at: number, received: number): number | undefined => {
    const last = samples.at(-1);
    if (last === undefined || at - last.at >= 100) samples.push({ at, bytes: received });
    while (samples.length > 2 && at - (samples[1]?.at ?? at) >= SPEED_WINDOW_MS) samples.shift();
    const first = samples[0];
    if (first === undefined || at <= first.at) return undefined;
    return ((received - first.bytes) * 1000) / (at - first.at);
  };

  return {
    update: (received, total) => {
      const now = clock();
      if (firstReceived === undefined) {
        firstReceived = received;
        if (received > 0) io.stderr.write(`Resuming at ${formatBytes(received)}\n`);
      }
      const done = total !== undefined && received >= total;
      const elapsedMs = now - started;
      // The finished line shows the average over the whole download, and how long it took.
      const speed = done
        ? elapsedMs > 0
          ? ((received - firstReceived) * 1000) / elapsedMs
          : undefined
        : speedAt(now, received);
      const fraction = total === undefined || total === 0 ? undefined : Math.min(1, received / total);
      const percent = fraction === undefined ? undefined : Math.floor(fraction * 100);
      const amount = total === undefined ? formatBytes(received) : `${formatBytes(received)} / ${formatBytes(total)}`;
      const rate = speed === undefined ? '' : `  ${formatBytes(speed)}/s`;
      let timing = '';
      if (done) timing = `  in ${formatDuration(elapsedMs / 1000)}`;
      else if (total !== undefined && speed !== undefined && speed > 0) {
        timing = `  ETA ${formatDuration((total - received) / speed)}`;
      }
      const share = percent === undefined ? '' : `${String(percent).padStart(3)}% `;

      if (terminal) {
        if (lastDraw === undefined || now - lastDraw >= 100 || done) {
          const bar = fraction === undefined ? '' : `${progressBar(fraction)} `;
          io.stderr.write(`\r${share}${bar}${amount}${rate}${timing}\u001b[K`);
          lastDraw = now;
          drawn = true;
        }
        return;
      }
      const step = percent === undefined ? Math.floor(received / 100e6) : Math.floor(percent / 10);
      if (step > lastStep || (lastDraw !== undefined && now - lastDraw >= PLAIN_LINE_INTERVAL_MS)) {
        lastStep = Math.max(step, lastStep);
        lastDraw = now;
        io.stderr.write(`${share === '' ? '' : `${share} `}${amount}${rate}${timing}\n`);
      }
    },
    finish: () => {
      if (drawn) io.stderr.write('\n');
      drawn = false;
    },
  };
}

function progressBar(fraction: number): string {
  const filled = Math.round(fraction * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

/** 8s, 4m05s, 1h02m */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}
