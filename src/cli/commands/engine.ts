import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, listItems, output, requireArgument, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

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
