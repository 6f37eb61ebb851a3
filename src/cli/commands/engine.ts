import { CliError, usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, listItems, output, requireArgument, segment, text, type Command } from '../command.js';
import type { JsonObject } from '../../spec/index.js';
import { formatTable } from '../print-table.js';
import { createProgressReporter, formatBytes } from './models.js';

/** Bytes as an operator reads them in a table. */
function size(value: string | null): string | null {
  if (value === null) return null;
  const bytes = Number(value);
  if (!Number.isFinite(bytes)) return value;
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** `5m`, `forever`, `unload now`: how long a model stays after its last request. */
function keepAlive(value: string | null): string | null {
  if (value === null) return null;
  const milliseconds = Number(value);
  if (milliseconds < 0) return 'forever';
  if (milliseconds === 0) return 'unload when idle';
  return milliseconds % 60_000 === 0 ? `${milliseconds / 60_000}m` : `${milliseconds / 1000}s`;
}

export const enginePs: Command = {
  usage: 'engine ps',
  summary: 'Show the local engine and the models it has loaded, with memory and slots',
  options: [...CLIENT_OPTIONS],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const engine = await context.client().send('GET', '/admin/engine');
    return output(context, engine, () => {
      const body = asObject(engine);
      const loaded = Array.isArray(body.loaded) ? body.loaded.map(asObject) : [];
      const accelerator = text(body, 'accelerator') ?? `not started (gpu: ${text(body, 'gpu') ?? '?'})`;
      const header =
        `Engine: ${accelerator}, ${text(body, 'threads') ?? '?'} threads, ` +
        `${size(text(body, 'memory_used_bytes')) ?? '?'} of ${size(text(body, 'memory_budget_bytes')) ?? '?'} in use.\n`;
      if (loaded.length === 0) return `${header}No model is loaded.\n`;
      return (
        header +
        formatTable(
          ['name', 'memory', 'context', 'slots busy', 'queued', 'keep alive', 'expires'],
          loaded.map((model) => [
            text(model, 'name'),
            size(text(model, 'memory_bytes')),
            text(model, 'context_size'),
            `${text(model, 'busy_slots') ?? '?'}/${text(model, 'slots') ?? '?'}`,
            text(model, 'queued'),
            keepAlive(text(model, 'keep_alive_ms')),
            text(model, 'expires_at') ?? '—',
          ]),
        )
      );
    });
  },
};

export const engineModels: Command = {
  usage: 'engine models',
  summary: 'List the models the running engine can serve from its store',
  options: [...CLIENT_OPTIONS],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const listed = await context.client().send('GET', '/admin/engine/models');
    return output(context, listed, () =>
      formatTable(
        ['name', 'size', 'architecture', 'quantisation', 'context', 'loaded'],
        listItems(listed).map((model) => [
          text(model, 'name'),
          size(text(model, 'size_bytes')),
          text(model, 'architecture'),
          text(model, 'quantisation'),
          text(model, 'context_length'),
          text(model, 'loaded') === 'true' ? 'yes' : 'no',
        ]),
      ),
    );
  },
};

export const engineLoad: Command = {
  usage: 'engine load NAME',
  summary: 'Load a local model now, ahead of traffic',
  options: [...CLIENT_OPTIONS],
  async run(context) {
    const name = requireArgument(context, 'the model NAME');
    const loaded = await context.client().send('POST', `/admin/engine/loaded/${segment(name)}`);
    return output(context, loaded, () => {
      const model = asObject(loaded);
      return `Loaded ${name} in ${text(model, 'load_duration_ms') ?? '?'} ms (${size(text(model, 'memory_bytes')) ?? '?'}, ${text(model, 'slots') ?? '?'} slots).\n`;
    });
  },
};

export const engineUnload: Command = {
  usage: 'engine unload NAME',
  summary: 'Unload a local model (at once when idle, else after its last request)',
  options: [...CLIENT_OPTIONS],
  async run(context) {
    const name = requireArgument(context, 'the model NAME');
    const result = await context.client().send('DELETE', `/admin/engine/loaded/${segment(name)}`);
    return output(context, result, () =>
      text(asObject(result), 'unloaded') === 'true'
        ? `Unloaded ${name}.\n`
        : `${name} will unload when its requests in progress finish.\n`,
    );
  },
};

export const enginePull: Command = {
  usage: 'engine pull SOURCE [--name NAME] [--sha256 HEX]',
  summary: "Pull a GGUF model into the running server's store, with progress (Ctrl-C stops watching, not the pull)",
  options: [...CLIENT_OPTIONS, 'name', 'sha256'],
  async run(context) {
    const source = requireArgument(context, 'the SOURCE (hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO:QUANT or a URL)');
    const progress = createProgressReporter(context.io);
    let last: JsonObject | undefined;
    let announced = false;
    try {
      await context.client().sendLines(
        '/admin/engine/models/pull',
        {
          source,
          ...(context.values.name === undefined ? {} : { name: context.values.name }),
          ...(context.values.sha256 === undefined ? {} : { sha256: context.values.sha256 }),
        },
        (line) => {
          const pull = asObject(line);
          last = pull;
          const resolved = text(pull, 'resolved_source');
          if (!announced && resolved !== null) {
            announced = true;
            context.io.stderr.write(`Resolved ${source} to ${resolved}\n`);
          }
          if (text(pull, 'status') === 'downloading') {
            const total = text(pull, 'total_bytes');
            progress.update(Number(text(pull, 'completed_bytes') ?? 0), total === null ? undefined : Number(total));
          }
        },
      );
    } finally {
      progress.finish();
    }
    const outcome = last ?? {};
    const status = text(outcome, 'status');
    if (status !== 'success') {
      const error = outcome.error;
      const message =
        typeof error === 'object' && error !== null && !Array.isArray(error) ? text(error, 'message') : null;
      throw new CliError(message ?? `The pull ended ${status ?? 'without an outcome'}.`);
    }
    const model = asObject(outcome.model);
    return output(context, outcome, () => {
      const verified =
        text(outcome, 'sha256_verified') === 'true'
          ? '(verified)'
          : '(not verified: no checksum was given or advertised)';
      return (
        `Pulled ${text(model, 'name') ?? '?'} (${formatBytes(Number(text(model, 'size_bytes') ?? 0))}) into the server's store\n` +
        `sha256 ${text(model, 'sha256') ?? '?'} ${verified}\n`
      );
    });
  },
};

export const enginePulls: Command = {
  usage: 'engine pulls',
  summary: 'List the pulls the running server is doing, with their progress',
  options: [...CLIENT_OPTIONS],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const listed = await context.client().send('GET', '/admin/engine/pulls');
    const pulls = listItems(listed);
    return output(context, listed, () =>
      pulls.length === 0
        ? 'No pull is running.\n'
        : formatTable(
            ['id', 'model', 'status', 'done', 'size'],
            pulls.map((pull) => [
              text(pull, 'id'),
              text(pull, 'name') ?? text(pull, 'resolved_source') ?? text(pull, 'source'),
              text(pull, 'status'),
              size(text(pull, 'completed_bytes')),
              size(text(pull, 'total_bytes')),
            ]),
          ),
    );
  },
};

export const engineCancelPull: Command = {
  usage: 'engine cancel-pull ID',
  summary: 'Cancel a running pull; its partial file stays, so pulling the same source again resumes it',
  options: [...CLIENT_OPTIONS],
  async run(context) {
    const id = requireArgument(context, 'the pull ID (`hangar engine pulls` lists them)');
    const cancelled = await context.client().send('DELETE', `/admin/engine/pulls/${segment(id)}`);
    return output(context, cancelled, () => {
      const pull = asObject(cancelled);
      return text(pull, 'status') === 'cancelled'
        ? `Cancelled the pull of ${text(pull, 'source') ?? id} at ${size(text(pull, 'completed_bytes')) ?? '?'}.\n`
        : `The pull of ${text(pull, 'source') ?? id} had already ended (${text(pull, 'status') ?? '?'}).\n`;
    });
  },
};
