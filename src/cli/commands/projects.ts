import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, listItems, output, requireArgument, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const projectsAdd: Command = {
  usage: 'projects add NAME',
  summary: 'Add a project (a tenant: keys and deployments belong to it)',
  options: [...CLIENT_OPTIONS, 'name'],
  async run(context) {
    const name = requireArgument(context, 'the project NAME', context.values.name);
    const created = await context.client().send('POST', '/admin/projects', { name });
    return output(context, created, () => {
      const keys = asObject(asObject(created).keys);
      return (
        `Added project ${name} with two keys (rotate one at a time with \`hangar keys regenerate\`):\n` +
        `key1 ${text(keys, 'key1') ?? ''}\nkey2 ${text(keys, 'key2') ?? ''}\n` +
        'Store them now: Hangar keeps only their hashes.\n'
      );
    });
  },
};

export const projectsList: Command = {
  usage: 'projects list',
  summary: 'List projects',
  options: CLIENT_OPTIONS,
  async run(context) {
    const listed = await context.client().send('GET', '/admin/projects');
    return output(context, listed, () =>
      formatTable(
        ['name', 'id', 'created'],
        listItems(listed).map((item) => [text(item, 'name'), text(item, 'id'), text(item, 'created_at')]),
      ),
    );
  },
};

export const projectsRemove: Command = {
  usage: 'projects remove NAME',
  summary: 'Remove a project with its keys and deployments',
  options: CLIENT_OPTIONS,
  async run(context) {
    const name = requireArgument(context, 'the project NAME');
    const removed = await context.client().send('DELETE', `/admin/projects/${segment(name)}`);
    return output(context, removed, () => `Removed project ${name} with its keys and deployments.\n`);
  },
};
