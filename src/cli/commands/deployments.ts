import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { listItems, output, requireArgument, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const deploymentsAdd: Command = {
  usage:
    'deployments add --project PROJECT --name NAME --model MODEL --backend CONNECTION:UPSTREAM_MODEL [--backend …]',
  summary: 'Deploy a model in a project; backends are tried in order',
  options: [...CLIENT_OPTIONS, 'project', 'name', 'model', 'backend'],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(values, 'project');
    const backends = (values.backend ?? []).map(parseBackend);
    if (backends.length === 0) throw usageError('at least one --backend CONNECTION:UPSTREAM_MODEL is required');
    const created = await context.client().send('POST', `/admin/projects/${segment(project)}/deployments`, {
      name: requireOption(values, 'name'),
      model: requireOption(values, 'model'),
      backends,
    });
    return output(context, created, () => `Added deployment ${values.name} to project ${project}.\n`);
  },
};

/** `xai:grok-3`; only the first colon splits, since upstream names may hold colons (`ollama:llama3:8b`). */
function parseBackend(text: string): { connection: string; model: string } {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw usageError(`--backend '${text}' must be CONNECTION:UPSTREAM_MODEL, e.g. xai:grok-3`);
  }
  return { connection: text.slice(0, colon), model: text.slice(colon + 1) };
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
        ['name', 'model', 'backends'],
        listItems(listed).map((item) => [
          text(item, 'name'),
          text(item, 'model'),
          Array.isArray(item.backends)
            ? item.backends
                .map((backend) =>
                  typeof backend === 'object' && backend !== null && !Array.isArray(backend)
                    ? `${text(backend, 'connection') ?? '?'}:${text(backend, 'model') ?? '?'}`
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
