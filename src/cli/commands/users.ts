import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { listItems, output, requireArgument, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';
import { parseSwitch, readPassword } from '../read-password.js';

export const usersList: Command = {
  usage: 'users list',
  summary: 'List the people who may sign in (platform admins only)',
  options: CLIENT_OPTIONS,
  async run(context) {
    const listed = await context.client().send('GET', '/admin/users');
    return output(context, listed, () =>
      formatTable(
        ['email', 'name', 'platform admin', 'disabled', 'created'],
        listItems(listed).map((item) => [
          text(item, 'email'),
          text(item, 'name'),
          text(item, 'platform_admin'),
          text(item, 'disabled'),
          text(item, 'created_at'),
        ]),
      ),
    );
  },
};

export const usersAdd: Command = {
  usage: 'users add EMAIL [--name NAME] [--platform-admin true] [--password-stdin]',
  summary: 'Add a person who signs in with email and password (HANGAR_PASSWORD or stdin)',
  options: [...CLIENT_OPTIONS, 'name', 'platform-admin', 'password-stdin'],
  async run(context) {
    const email = requireArgument(context, 'the EMAIL');
    const platformAdmin = parseSwitch(context.values['platform-admin'], 'platform-admin');
    const password = await readPassword(context.values, context.io);
    const created = await context.client().send('POST', '/admin/users', {
      email,
      password,
      ...(context.values.name === undefined ? {} : { name: context.values.name }),
      ...(platformAdmin === undefined ? {} : { platform_admin: platformAdmin }),
    });
    return output(context, created, () => `Added ${email}${platformAdmin === true ? ' as a platform admin' : ''}.\n`);
  },
};

export const usersUpdate: Command = {
  usage: 'users update EMAIL [--password-stdin] [--name NAME] [--platform-admin true|false] [--disabled true|false]',
  summary: "Reset a person's password, rename, disable or enable, or change platform admin",
  options: [...CLIENT_OPTIONS, 'name', 'platform-admin', 'disabled', 'password-stdin'],
  async run(context) {
    const email = requireArgument(context, 'the EMAIL');
    const platformAdmin = parseSwitch(context.values['platform-admin'], 'platform-admin');
    const disabled = parseSwitch(context.values.disabled, 'disabled');
    const password =
      context.values['password-stdin'] === true ? await readPassword(context.values, context.io) : undefined;
    const changes = {
      ...(password === undefined ? {} : { password }),
      ...(context.values.name === undefined ? {} : { name: context.values.name }),
      ...(platformAdmin === undefined ? {} : { platform_admin: platformAdmin }),
      ...(disabled === undefined ? {} : { disabled }),
    };
    if (Object.keys(changes).length === 0) {
      throw usageError('say what to change: --password-stdin, --name, --platform-admin or --disabled');
    }
    const updated = await context.client().send('PATCH', `/admin/users/${segment(email)}`, changes);
    return output(context, updated, () => `Updated ${email}.\n`);
  },
};

export const usersRemove: Command = {
  usage: 'users remove EMAIL',
  summary: 'Remove a person with their project memberships and sessions',
  options: CLIENT_OPTIONS,
  async run(context) {
    const email = requireArgument(context, 'the EMAIL');
    const removed = await context.client().send('DELETE', `/admin/users/${segment(email)}`);
    return output(context, removed, () => `Removed ${email}.\n`);
  },
};
