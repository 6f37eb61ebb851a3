import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS, type OptionValues } from '../cli-options.js';
import { output, listItems, requireArgument, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const connectionsAdd: Command = {
  usage:
    'connections add --name NAME --provider PROVIDER [--base-url URL] [--api-key KEY] [--api-version V] [--timeout-ms MS] [--capacity-tpm N]',
  summary: 'Add a vendor account (the API key is stored encrypted)',
  options: [...CLIENT_OPTIONS, 'name', 'provider', 'base-url', 'api-key', 'api-version', 'timeout-ms', 'capacity-tpm'],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const created = await context.client().send('POST', '/admin/connections', {
      name: requireOption(values, 'name'),
      provider: requireOption(values, 'provider'),
      ...connectionFields(values),
    });
    return output(context, created, () => `Added connection ${values.name}.\n`);
  },
};

export const connectionsUpdate: Command = {
  usage:
    'connections update NAME [--provider P] [--base-url URL] [--api-key KEY] [--api-version V] [--timeout-ms MS] [--capacity-tpm N]',
  summary: 'Change a vendor account in place, e.g. rotate its API key',
  options: [...CLIENT_OPTIONS, 'provider', 'base-url', 'api-key', 'api-version', 'timeout-ms', 'capacity-tpm'],
  async run(context) {
    const name = requireArgument(context, 'the connection NAME');
    const { values } = context;
    const changes = {
      ...(values.provider === undefined ? {} : { provider: values.provider }),
      ...connectionFields(values),
    };
    if (Object.keys(changes).length === 0) {
      throw usageError(
        'give at least one of --provider, --base-url, --api-key, --api-version, --timeout-ms, --capacity-tpm',
      );
    }
    const updated = await context.client().send('PATCH', `/admin/connections/${segment(name)}`, changes);
    return output(context, updated, () => `Updated connection ${name}.\n`);
  },
};

/** The optional fields `add` and `update` share, in the admin API's spelling; only those given are sent. */
function connectionFields(values: OptionValues): Record<string, string | number | null> {
  const timeout = values['timeout-ms'];
  const capacity = values['capacity-tpm'];
  // An empty value is sent as is: the server reads it as "not set" (clearing it on update).
  if (timeout !== undefined && timeout !== '' && !/^\d+$/.test(timeout)) {
    throw usageError('--timeout-ms must be a positive integer');
  }
  if (capacity !== undefined && capacity !== '' && !/^\d+$/.test(capacity)) {
    throw usageError('--capacity-tpm must be a positive integer (or empty to clear it)');
  }
  return {
    ...(values['base-url'] === undefined ? {} : { base_url: values['base-url'] }),
    ...(values['api-key'] === undefined ? {} : { api_key: values['api-key'] }),
    ...(values['api-version'] === undefined ? {} : { api_version: values['api-version'] }),
    ...(timeout === undefined ? {} : { timeout_ms: timeout === '' ? null : Number(timeout) }),
    ...(capacity === undefined ? {} : { capacity_tpm: capacity === '' ? null : Number(capacity) }),
  };
}

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
