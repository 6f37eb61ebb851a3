import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { output, listItems, requireArgument, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const connectionsAdd: Command = {
  usage:
    'connections add --name NAME --provider PROVIDER [--base-url URL] [--api-key KEY] [--api-version V] [--timeout-ms MS]',
  summary: 'Add a vendor account (the API key is stored encrypted)',
  options: [...CLIENT_OPTIONS, 'name', 'provider', 'base-url', 'api-key', 'api-version', 'timeout-ms'],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    let timeoutMs: number | undefined;
    if (values['timeout-ms'] !== undefined) {
      timeoutMs = Number(values['timeout-ms']);
      if (!/^\d+$/.test(values['timeout-ms'])) throw usageError('--timeout-ms must be a positive integer');
    }
    const created = await context.client().send('POST', '/admin/connections', {
      name: requireOption(values, 'name'),
      provider: requireOption(values, 'provider'),
      ...(values['base-url'] === undefined ? {} : { base_url: values['base-url'] }),
      ...(values['api-key'] === undefined ? {} : { api_key: values['api-key'] }),
      ...(values['api-version'] === undefined ? {} : { api_version: values['api-version'] }),
      ...(timeoutMs === undefined ? {} : { timeout_ms: timeoutMs }),
    });
    return output(context, created, () => `Added connection ${values.name}.\n`);
  },
};

export const connectionsList: Command = {
  usage: 'connections list',
  summary: 'List vendor accounts',
  options: CLIENT_OPTIONS,
  async run(context) {
    const listed = await context.client().send('GET', '/admin/connections');
    return output(context, listed, () =>
      formatTable(
        ['name', 'provider', 'base url', 'api key', 'created'],
        listItems(listed).map((item) => [
          text(item, 'name'),
          text(item, 'provider'),
          text(item, 'base_url') ?? '(provider default)',
          item.has_api_key === true ? 'set' : 'none',
          text(item, 'created_at'),
        ]),
      ),
    );
  },
};

export const connectionsRemove: Command = {
  usage: 'connections remove NAME',
  summary: 'Remove a vendor account no deployment uses',
  options: CLIENT_OPTIONS,
  async run(context) {
    const name = requireArgument(context, 'the connection NAME');
    const removed = await context.client().send('DELETE', `/admin/connections/${segment(name)}`);
    return output(context, removed, () => `Removed connection ${name}.\n`);
  },
};
