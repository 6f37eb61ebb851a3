import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS, type OptionName, type OptionValues } from '../cli-options.js';
import { listItems, output, requireArgument, requireOption, segment, text, type Command } from '../command.js';
import { safeParseJson } from '../../kit/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';
import { formatTable } from '../print-table.js';

const BACKEND = 'CONNECTION:UPSTREAM_MODEL[,priority=N][,weight=N]';
const BACKEND_SETTING = /,(priority|weight)=(\d+)$/;
const SETTINGS =
  '[--type global-standard|standard|provisioned|managed] [--tpm N] [--rpm N] [--content-filter POLICY] ' +
  '[--version-upgrade on-new-default|on-expiry|none] [--routing \'{"strategy":"least-latency",…}\']';
const SETTING_OPTIONS: readonly OptionName[] = [
  'backend',
  'type',
  'tpm',
  'rpm',
  'content-filter',
  'version-upgrade',
  'routing',
];

export const deploymentsAdd: Command = {
  usage: `deployments add --project PROJECT --name NAME --model MODEL --backend ${BACKEND} [--backend …] ${SETTINGS}`,
  summary:
    'Deploy a model in a project; backends by priority (lowest first, default: their order), equal priorities split by weight',
  options: [...CLIENT_OPTIONS, 'project', 'name', 'model', ...SETTING_OPTIONS],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(values, 'project');
    if ((values.backend ?? []).length === 0) throw usageError(`at least one --backend ${BACKEND} is required`);
    const created = await context.client().send('POST', `/admin/projects/${segment(project)}/deployments`, {
      name: requireOption(values, 'name'),
      model: requireOption(values, 'model'),
      ...deploymentSettings(values),
    });
    return output(context, created, () => `Added deployment ${values.name} to project ${project}.\n`);
  },
};

export const deploymentsUpdate: Command = {
  usage: `deployments update --project PROJECT NAME [--backend ${BACKEND} …] ${SETTINGS}`,
  summary:
    'Change a deployment in place; --backend replaces all backends, an empty --tpm, --rpm or --content-filter clears it',
  options: [...CLIENT_OPTIONS, 'project', 'name', ...SETTING_OPTIONS],
  async run(context) {
    const { values } = context;
    const project = requireOption(values, 'project');
    const name = requireArgument(context, 'the deployment NAME', values.name);
    const changes = deploymentSettings(values);
    if (Object.keys(changes).length === 0) {
      throw usageError(
        'give at least one of --backend, --type, --tpm, --rpm, --content-filter, --version-upgrade, --routing',
      );
    }
    const updated = await context
      .client()
      .send('PATCH', `/admin/projects/${segment(project)}/deployments/${segment(name)}`, changes);
    return output(context, updated, () => `Updated deployment ${name} in project ${project}.\n`);
  },
};

/** The settings `add` and `update` share, in the admin API's spelling; only those given are sent. */
function deploymentSettings(values: OptionValues): Record<string, unknown> {
  const backends = (values.backend ?? []).map(parseBackend);
  // An empty value clears the setting; the server checks the rest (types, ranges) and names what is wrong.
  const cleared = (value: string) => (value === '' ? null : value);
  return {
    ...(backends.length === 0 ? {} : { backends }),
    ...(values.type === undefined ? {} : { type: values.type }),
    ...(values.tpm === undefined ? {} : { tpm: integerOrNull('--tpm', values.tpm) }),
    ...(values.rpm === undefined ? {} : { rpm: integerOrNull('--rpm', values.rpm) }),
    ...(values['content-filter'] === undefined ? {} : { content_filter: cleared(values['content-filter']) }),
    ...(values['version-upgrade'] === undefined ? {} : { version_upgrade: values['version-upgrade'] }),
    ...(values.routing === undefined ? {} : { routing: routingObject(values.routing) }),
  };
}

/** `--routing` takes the `routing` mapping as JSON, as the admin API does; empty clears it (back to defaults). */
function routingObject(value: string): JsonValue {
  if (value === '') return null;
  const parsed = safeParseJson(value);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw usageError(`--routing must be a JSON object such as '{"strategy":"least-busy","max_attempts":2}'`);
  }
  return parsed.value;
}

function integerOrNull(option: string, value: string): number | null {
  if (value === '') return null;
  if (!/^\d+$/.test(value)) throw usageError(`${option} must be a positive integer (or empty to clear it)`);
  return Number(value);
}

/**
 * `xai:grok-3`, optionally followed by `,priority=N` and `,weight=N` (`azure:gpt-4o,priority=0,weight=3`). Only the
 * first colon splits, since upstream names may hold colons (`ollama:llama3:8b`); only trailing `,priority=` and
 * `,weight=` parts are read as settings, so a comma elsewhere stays in the model name.
 */
function parseBackend(argument: string): { connection: string; model: string; priority?: number; weight?: number } {
  let rest = argument;
  const settings: { priority?: number; weight?: number } = {};
  let match = BACKEND_SETTING.exec(rest);
  while (match !== null) {
    const [whole, key, digits] = match;
    // Read from the end: when one is given twice, the last one wins.
    if (key === 'priority' || key === 'weight') settings[key] ??= Number(digits);
    rest = rest.slice(0, rest.length - whole.length);
    match = BACKEND_SETTING.exec(rest);
  }
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) {
    throw usageError(`--backend '${argument}' must be ${BACKEND}, e.g. xai:grok-3 or azure:gpt-4o,priority=0,weight=3`);
  }
  return { connection: rest.slice(0, colon), model: rest.slice(colon + 1), ...settings };
}

export const deploymentsList: Command = {
  usage: 'deployments list --project PROJECT',
  summary: "List a project's deployments",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', `/admin/projects/${segment(project)}/deployments`);
    return output(context, listed, () =>
      formatTable(
        ['name', 'model', 'type', 'tpm', 'backends'],
        listItems(listed).map((item) => [
          text(item, 'name'),
          text(item, 'model'),
          text(item, 'type'),
          text(item, 'tpm'),
          Array.isArray(item.backends)
            ? item.backends
                .map((backend, position) =>
                  typeof backend === 'object' && backend !== null && !Array.isArray(backend)
                    ? describeBackend(backend, position)
                    : '?',
                )
                .join(', ')
            : null,
        ]),
      ),
    );
  },
};

export const deploymentsRemove: Command = {
  usage: 'deployments remove --project PROJECT NAME',
  summary: 'Remove a deployment (the name ignores case)',
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const name = requireArgument(context, 'the deployment NAME', context.values.name);
    const removed = await context
      .client()
      .send('DELETE', `/admin/projects/${segment(project)}/deployments/${segment(name)}`);
    return output(context, removed, () => `Removed deployment ${name} from project ${project}.\n`);
  },
};

/** A listed backend in the --backend syntax, with priority and weight only where they are not the defaults. */
function describeBackend(backend: JsonObject, position: number): string {
  const priority = text(backend, 'priority');
  const weight = text(backend, 'weight');
  return (
    `${text(backend, 'connection') ?? '?'}:${text(backend, 'model') ?? '?'}` +
    (priority === null || priority === String(position) ? '' : `,priority=${priority}`) +
    (weight === null || weight === '1' ? '' : `,weight=${weight}`)
  );
}
