import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { listItems, output, requireArgument, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const quotasList: Command = {
  usage: 'quotas list --project PROJECT',
  summary: "A project's TPM grants per model, and what its deployments hold of them",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', `/admin/projects/${segment(project)}/quotas`);
    return output(context, listed, () =>
      formatTable(
        ['model', 'tpm', 'allocated', 'updated'],
        listItems(listed).map((item) => [
          text(item, 'model'),
          text(item, 'tpm'),
          text(item, 'allocated_tpm'),
          text(item, 'updated_at'),
        ]),
      ),
    );
  },
};

export const quotasSet: Command = {
  usage: 'quotas set --project PROJECT --model MODEL --tpm N',
  summary: "Grant a project tokens per minute for a model; its deployments' TPM must fit in it",
  options: [...CLIENT_OPTIONS, 'project', 'model', 'tpm'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const model = requireOption(context.values, 'model');
    const tpmText = context.values.tpm ?? '';
    if (!/^\d+$/.test(tpmText)) throw usageError('--tpm must be a positive whole number of tokens per minute');
    const granted = await context
      .client()
      .send('PUT', `/admin/projects/${segment(project)}/quotas/${segment(model)}`, { tpm: Number(tpmText) });
    return output(context, granted, () => `Granted project ${project} ${tpmText} TPM of ${model}.\n`);
  },
};

export const quotasRemove: Command = {
  usage: 'quotas remove --project PROJECT MODEL',
  summary: "Remove a project's grant for a model",
  options: [...CLIENT_OPTIONS, 'project', 'model'],
  async run(context) {
    const project = requireOption(context.values, 'project');
    const model = requireArgument(context, 'the MODEL', context.values.model);
    const removed = await context
      .client()
      .send('DELETE', `/admin/projects/${segment(project)}/quotas/${segment(model)}`);
    return output(context, removed, () => `Removed the ${model} quota of project ${project}.\n`);
  },
};
