import type { JsonObject, JsonValue } from '../../spec/index.js';
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
  type CommandContext,
} from '../command.js';
import { formatTable } from '../print-table.js';
import { readJsonInput } from '../read-json-input.js';

const CATEGORIES = ['hate', 'sexual', 'violence', 'self_harm'] as const;

/** `/admin/content-filters` (platform) or `/admin/projects/P/content-filters` (a project's view). */
function policiesPath(project: string | undefined, name?: string): string {
  const base = project === undefined ? '/admin/content-filters' : `/admin/projects/${segment(project)}/content-filters`;
  return name === undefined ? base : `${base}/${segment(name)}`;
}

/** A JSON object from `--file` or `--body`; exactly one of them. */
function readJsonObject(context: CommandContext, what: string): JsonObject {
  const { file, body } = context.values;
  if ((file === undefined) === (body === undefined)) throw usageError(`give ${what} with --file FILE or --body JSON`);
  const value = readJsonInput(file === undefined ? { body: body ?? '' } : { file });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError(`${file ?? '--body'} must hold a JSON object`);
  }
  return value;
}

function describeAnalyzer(policy: JsonObject): string {
  const analyzer = asObject(policy.analyzer);
  const type = text(analyzer, 'type') ?? '';
  if (type === 'model') return `model ${text(analyzer, 'project') ?? ''}/${text(analyzer, 'deployment') ?? ''}`;
  if (type === 'azure-content-safety') return `azure ${text(analyzer, 'endpoint') ?? ''}`;
  return type;
}

/** `hate medium, sexual medium, …`, then what else the side sets. */
function describeSide(side: JsonValue | undefined): string {
  const settings = asObject(side);
  const parts = CATEGORIES.map((category) => `${category} ${text(settings, category) ?? '-'}`);
  for (const shield of ['jailbreak', 'indirect_attack']) {
    const value = text(settings, shield);
    if (value !== null) parts.push(`${shield} ${value}`);
  }
  const lists = Array.isArray(settings.blocklists) ? settings.blocklists.map(String) : [];
  if (lists.length > 0) parts.push(`blocklists ${lists.join(' ')}`);
  const piiSettings = asObject(settings.pii ?? {});
  const pii = Object.keys(piiSettings).filter((kind) => text(piiSettings, kind) !== 'off');
  if (pii.length > 0) parts.push(`pii ${pii.map((kind) => `${kind} ${text(piiSettings, kind) ?? ''}`).join(' ')}`);
  return parts.join(', ');
}

function describePolicy(policy: JsonObject): string {
  const owner = text(policy, 'project');
  const header =
    `${text(policy, 'name') ?? ''} (${owner === null ? 'platform' : `project ${owner}`}` +
    `${policy.built_in === true ? ', built in' : ''})`;
  const description = text(policy, 'description') ?? '';
  const lines = [
    header,
    ...(description === '' ? [] : [`  ${description}`]),
    `  analyzer:   ${describeAnalyzer(policy)}`,
    `  prompt:     ${describeSide(policy.prompt)}`,
    `  completion: ${describeSide(policy.completion)}`,
  ];
  return `${lines.join('\n')}\n`;
}

export const contentFiltersList: Command = {
  usage: 'content-filters list [--project PROJECT]',
  summary: "Content-filter policies: the platform's, or a project's own with the platform's",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const listed = await context.client().send('GET', policiesPath(context.values.project));
    return output(context, listed, () =>
      formatTable(
        ['name', 'scope', 'analyzer', 'prompt', 'description'],
        listItems(listed).map((policy) => [
          text(policy, 'name'),
          text(policy, 'scope'),
          describeAnalyzer(policy),
          CATEGORIES.map((category) => text(asObject(policy.prompt), category) ?? '-').join('/') +
            ` jailbreak ${text(asObject(policy.prompt), 'jailbreak') ?? '-'}`,
          text(policy, 'description'),
        ]),
      ),
    );
  },
};

export const contentFiltersShow: Command = {
  usage: 'content-filters show [--project PROJECT] NAME',
  summary: 'One policy: for a project, its own of that name, else the platform’s',
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const name = requireArgument(context, 'the policy NAME', context.values.name);
    const shown = await context.client().send('GET', policiesPath(context.values.project, name));
    return output(context, shown, () => describePolicy(asObject(shown)));
  },
};

export const contentFiltersSet: Command = {
  usage: 'content-filters set [--project PROJECT] NAME (--file policy.json | --body \'{"prompt":{…}}\')',
  summary: 'Create or replace a policy (platform admins without --project); left-out fields take the default’s values',
  options: [...CLIENT_OPTIONS, 'project', 'name', 'file', 'body'],
  async run(context) {
    const name = requireArgument(context, 'the policy NAME', context.values.name);
    const body = readJsonObject(context, 'the policy');
    const written = await context.client().send('PUT', policiesPath(context.values.project, name), body);
    return output(context, written, () => describePolicy(asObject(written)));
  },
};

export const contentFiltersDelete: Command = {
  usage: 'content-filters delete [--project PROJECT] NAME',
  summary: 'Remove a policy no deployment depends on (the platform’s default reverts to the built-in one)',
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const { project } = context.values;
    const name = requireArgument(context, 'the policy NAME', context.values.name);
    const removed = await context.client().send('DELETE', policiesPath(project, name));
    return output(
      context,
      removed,
      () => `Removed content-filter policy ${name}${project === undefined ? '' : ` of project ${project}`}.\n`,
    );
  },
};

/** The categories and checks that said `filtered` (or `detected`) in an event's annotations. */
function describeFindings(results: JsonValue | undefined): string {
  const found: string[] = [];
  for (const [key, value] of Object.entries(asObject(results ?? {}))) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    if (key === 'error') found.push('analyzer error');
    else if (value.filtered === true)
      found.push(`${key}${typeof value.severity === 'string' ? ` ${value.severity}` : ''}`);
    else if (value.detected === true) found.push(`${key} (annotated)`);
  }
  return found.join(', ') || '-';
}

export const contentFiltersEvents: Command = {
  usage: 'content-filters events --project PROJECT [--limit N]',
  summary: "A project's recent filtered requests (blocked, redacted or annotated), newest first",
  options: [...CLIENT_OPTIONS, 'project', 'limit'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const limit = context.values.limit;
    if (limit !== undefined && !/^\d+$/.test(limit)) throw usageError('--limit must be a positive integer');
    const query = limit === undefined ? '' : `?limit=${limit}`;
    const listed = await context
      .client()
      .send('GET', `/admin/projects/${segment(project)}/content-filters/events${query}`);
    return output(context, listed, () =>
      formatTable(
        ['at', 'deployment', 'stage', 'action', 'policy', 'found', 'request'],
        listItems(listed).map((event) => [
          text(event, 'at'),
          text(event, 'deployment'),
          text(event, 'stage'),
          text(event, 'action'),
          text(event, 'policy'),
          describeFindings(event.results),
          text(event, 'request_id'),
        ]),
      ),
    );
  },
};
