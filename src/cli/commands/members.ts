import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { listItems, output, requireArgument, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const membersList: Command = {
  usage: 'members list --project PROJECT',
  summary: "A project's members and their roles",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', `/admin/projects/${segment(project)}/members`);
    return output(context, listed, () =>
      formatTable(
        ['email', 'name', 'role', 'added'],
        listItems(listed).map((item) => [
          text(item, 'email'),
          text(item, 'name'),
          text(item, 'role'),
          text(item, 'added_at'),
        ]),
      ),
    );
  },
};

export const membersSet: Command = {
  usage: 'members set EMAIL --project PROJECT --role owner|contributor|reader',
  summary: "Add a person to a project, or change their role (the project's owners decide)",
  options: [...CLIENT_OPTIONS, 'project', 'role'],
  async run(context) {
    const email = requireArgument(context, 'the EMAIL');
    const project = requireOption(context.values, 'project');
    const role = context.values.role;
    if (role === undefined || role === '') throw usageError('--role is required: owner, contributor or reader');
    const member = await context
      .client()
      .send('PUT', `/admin/projects/${segment(project)}/members/${segment(email)}`, { role });
    return output(context, member, () => `${email} is now ${role} on project ${project}.\n`);
  },
};

export const membersRemove: Command = {
  usage: 'members remove EMAIL --project PROJECT',
  summary: 'Take a person off a project',
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    const email = requireArgument(context, 'the EMAIL');
    const project = requireOption(context.values, 'project');
    const removed = await context
      .client()
      .send('DELETE', `/admin/projects/${segment(project)}/members/${segment(email)}`);
    return output(context, removed, () => `Removed ${email} from project ${project}.\n`);
  },
};
