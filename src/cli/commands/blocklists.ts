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
} from '../command.js';
import { formatTable } from '../print-table.js';
import { readJsonInput } from '../read-json-input.js';

function blocklistPath(project: string, name?: string): string {
  const base = `/admin/projects/${segment(project)}/blocklists`;
  return name === undefined ? base : `${base}/${segment(name)}`;
}

function itemsOf(list: JsonValue | undefined): JsonObject[] {
  const items = asObject(list).items;
  return Array.isArray(items) ? items.map(asObject) : [];
}

export const blocklistsList: Command = {
  usage: 'blocklists list --project PROJECT',
  summary: "A project's blocklists",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', blocklistPath(project));
    return output(context, listed, () =>
      formatTable(
        ['name', 'items', 'description', 'updated'],
        listItems(listed).map((list) => [
          text(list, 'name'),
          itemsOf(list).length,
          text(list, 'description'),
          text(list, 'updated_at'),
        ]),
      ),
    );
  },
};

export const blocklistsShow: Command = {
  usage: 'blocklists show --project PROJECT NAME',
  summary: 'A blocklist with its terms and regular expressions',
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const name = requireArgument(context, 'the blocklist NAME', context.values.name);
    const shown = await context.client().send('GET', blocklistPath(project, name));
    return output(context, shown, () =>
      formatTable(
        ['pattern', 'kind'],
        itemsOf(shown).map((item) => [text(item, 'pattern'), item.regex === true ? 'regex' : 'term']),
      ),
    );
  },
};

export const blocklistsSet: Command = {
  usage:
    'blocklists set --project PROJECT NAME [--term TERM …] [--regex PATTERN …] [--file items.json] ' +
    '[--description TEXT]',
  summary: 'Create or replace a blocklist: the terms, regular expressions and file items given, together',
  options: [...CLIENT_OPTIONS, 'project', 'name', 'term', 'regex', 'file', 'description'],
  async run(context) {
    const { values } = context;
    const project = requireOption(values, 'project');
    const name = requireArgument(context, 'the blocklist NAME', values.name);
    // The file holds a JSON array of items, or an object with `items` (and `description`), as the admin API takes.
    const fromFile = values.file === undefined ? undefined : readItemsFile(values.file);
    const items: JsonValue[] = [
      ...(fromFile?.items ?? []),
      ...(values.term ?? []).map((pattern) => ({ pattern, regex: false })),
      ...(values.regex ?? []).map((pattern) => ({ pattern, regex: true })),
    ];
    if (items.length === 0) throw usageError('give the items with --term, --regex or --file');
    const description = values.description ?? fromFile?.description;
    const written = await context
      .client()
      .send('PUT', blocklistPath(project, name), { ...(description === undefined ? {} : { description }), items });
    return output(
      context,
      written,
      () => `Blocklist ${name} of project ${project} holds ${itemsOf(written).length} item(s).\n`,
    );
  },
};

function readItemsFile(file: string): { items: JsonValue[]; description?: string } {
  const value = readJsonInput({ file });
  if (Array.isArray(value)) return { items: value };
  const items = typeof value === 'object' && value !== null ? value.items : undefined;
  if (!Array.isArray(items)) throw usageError(`${file} must hold an array of items or { "items": [...] }`);
  const description = (value as JsonObject).description;
  return { items, ...(typeof description === 'string' ? { description } : {}) };
}

export const blocklistsDelete: Command = {
  usage: 'blocklists delete --project PROJECT NAME',
  summary: "Remove a blocklist none of the project's policies names",
  options: [...CLIENT_OPTIONS, 'project', 'name'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const name = requireArgument(context, 'the blocklist NAME', context.values.name);
    const removed = await context.client().send('DELETE', blocklistPath(project, name));
    return output(context, removed, () => `Removed blocklist ${name} of project ${project}.\n`);
  },
};
