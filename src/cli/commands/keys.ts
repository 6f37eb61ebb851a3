import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import {
  asObject,
  listItems,
  output,
  requireArgument,
  requireOption,
  segment,
  text,
  type Command,
} from '../command.js';
import { formatTable } from '../print-table.js';

export const keysCreate: Command = {
  usage:
    'keys create --project PROJECT --name NAME [--value KEY] [--expires-at ISO_TIME] [--deployment NAME …] ' +
    '[--scope admin --role ROLE]',
  summary:
    'Create an API key for a project (printed once), optionally expiring, limited to deployments, or admin-scoped',
  options: [...CLIENT_OPTIONS, 'project', 'name', 'value', 'expires-at', 'deployment', 'scope', 'role'],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(values, 'project');
    const created = await context.client().send('POST', `/admin/projects/${segment(project)}/keys`, {
      name: requireOption(values, 'name'),
      ...(values.value === undefined ? {} : { value: values.value }),
      ...(values['expires-at'] === undefined ? {} : { expires_at: values['expires-at'] }),
      ...(values.deployment === undefined ? {} : { deployments: values.deployment }),
      ...(values.scope === undefined ? {} : { scope: values.scope }),
      ...(values.role === undefined ? {} : { role: values.role }),
    });
    return output(
      context,
      created,
      () =>
        `${text(asObject(created), 'key') ?? ''}\n` +
        `Created key ${values.name} for project ${project}. Store it now: Hangar keeps only its hash.\n`,
    );
  },
};

export const keysList: Command = {
  usage: 'keys list --project PROJECT',
  summary: "List a project's keys (by prefix)",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', `/admin/projects/${segment(project)}/keys`);
    return output(context, listed, () =>
      formatTable(
        ['name', 'prefix', 'status', 'scope', 'deployments', 'expires', 'last used', 'created'],
        listItems(listed).map((item) => [
          text(item, 'name'),
          `${text(item, 'prefix') ?? ''}…`,
          text(item, 'status'),
          text(item, 'scope') === 'admin' ? `admin (${text(item, 'role') ?? '?'})` : 'inference',
          Array.isArray(item.deployments) ? item.deployments.map(String).join(', ') : 'all',
          text(item, 'expires_at'),
          text(item, 'last_used_at'),
          text(item, 'created_at'),
        ]),
      ),
    );
  },
};

export const keysRevoke: Command = {
  usage: 'keys revoke --project PROJECT NAME',
  summary: 'Revoke a key; it stops working at once',
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const name = requireArgument(context, 'the key NAME', context.values.name);
    const revoked = await context.client().send('DELETE', `/admin/projects/${segment(project)}/keys/${segment(name)}`);
    return output(context, revoked, () => `Revoked key ${name} of project ${project}.\n`);
  },
};

export const keysRegenerate: Command = {
  usage: 'keys regenerate --project PROJECT NAME',
  summary: 'Give a key a new secret (printed once); the old one stops working at once',
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const name = requireArgument(context, 'the key NAME', context.values.name);
    const regenerated = await context
      .client()
      .send('POST', `/admin/projects/${segment(project)}/keys/${segment(name)}/regenerate`);
    return output(
      context,
      regenerated,
      () =>
        `${text(asObject(regenerated), 'key') ?? ''}\n` +
        `Regenerated key ${name} of project ${project}; the previous secret no longer works. Store this one now.\n`,
    );
  },
};
