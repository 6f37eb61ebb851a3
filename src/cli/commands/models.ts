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
  summary: 'Download a GGUF model (hf:OWNER/REPO/FILE.gguf or an https:// URL); resumes when run again',
  options: [...STORE_OPTIONS, 'name', 'sha256'],
  async run(context) {
    const source = requireArgument(context, 'the SOURCE (hf:OWNER/REPO/FILE.gguf or a URL)');
    const store = openStore(context);
    const progress = progressReporter(context.io);
    const controller = new AbortController();
    const abort = () => controller.abort();
    process.once('SIGINT', abort);
    try {
      const pulled = await storeCall(() =>
        store.pull(source, {
          ...(context.values.name === undefined ? {} : { name: context.values.name }),
          ...(context.values.sha256 === undefined ? {} : { sha256: context.values.sha256 }),
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

/**
 * Progress on stderr: redrawn in place at most ten times a second in a terminal, and a line per 10% (per
 * 100 MB when the size is unknown) otherwise, so logs stay short.
 */
function progressReporter(io: CliIo) {
  const terminal = io.stderr.isTTY === true;
  const started = Date.now();
  let firstReceived: number | undefined;
  let lastDraw = 0;
  let lastStep = -1;
  let drawn = false;
  return {
    update: (received: number, total: number | undefined): void => {
      if (firstReceived === undefined) {
        firstReceived = received;
        if (received > 0) io.stderr.write(`Resuming at ${formatBytes(received)}\n`);
      }
      const now = Date.now();
      const seconds = (now - started) / 1000;
      const speed = seconds > 0 ? (received - firstReceived) / 1e6 / seconds : 0;
      const percent = total === undefined || total === 0 ? undefined : Math.floor((received * 100) / total);
      const line =
        `${percent === undefined ? '' : `${String(percent).padStart(3)}%  `}` +
        `${(received / 1e6).toFixed(1)}${total === undefined ? '' : ` / ${(total / 1e6).toFixed(1)}`} MB  ` +
        `${speed.toFixed(1)} MB/s`;
      if (terminal) {
        if (now - lastDraw >= 100 || received === total) {
          io.stderr.write(`\r${line}\u001b[K`);
          lastDraw = now;
          drawn = true;
        }
        return;
      }
      const step = percent === undefined ? Math.floor(received / 100e6) : Math.floor(percent / 10);
      if (step > lastStep) {
        lastStep = step;
        io.stderr.write(`${line}\n`);
      }
    },
    finish: (): void => {
      if (drawn) io.stderr.write('\n');
      drawn = false;
    },
  };
}
