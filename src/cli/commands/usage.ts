import {
  toCsv,
  usageReportColumns,
  USAGE_DIMENSIONS,
  USAGE_GROUPINGS,
  type UsageColumn,
} from '../../metering/index.js';
import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, listItems, output, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

export const usage: Command = {
  usage:
    'usage [--project PROJECT] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--group-by day|project|deployment|model|key] [--csv]',
  summary: "Usage and cost from the ledger (a project's, or every project's); this month by day unless told",
  options: [...CLIENT_OPTIONS, 'project', 'from', 'to', 'group-by', 'csv'],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    if (values.csv === true && values.json === true) throw usageError('--csv and --json exclude each other');
    const groupBy = USAGE_GROUPINGS.find((grouping) => grouping === (values['group-by'] ?? 'day'));
    if (groupBy === undefined) {
      throw usageError(`--group-by must be one of ${USAGE_GROUPINGS.join(', ')}`);
    }
    const query = new URLSearchParams({ group_by: groupBy });
    if (values.from !== undefined) query.set('from', values.from);
    if (values.to !== undefined) query.set('to', values.to);
    const path = values.project === undefined ? '/admin/usage' : `/admin/projects/${segment(values.project)}/usage`;
    const report = await context.client().send('GET', `${path}?${query.toString()}`);
    const rows = listItems(report);

    if (values.csv === true) {
      // Rendered here from the JSON answer, with the server's own columns, so it matches format=csv.
      const columns = usageReportColumns(groupBy);
      context.io.stdout.write(
        toCsv(
          columns,
          rows.map((row) => columns.map((column) => text(row, column))),
        ),
      );
      return 0;
    }
    return output(context, report, () => {
      const answer = asObject(report);
      const dimensions = USAGE_DIMENSIONS[groupBy].filter((dimension) => !dimension.endsWith('_id'));
      const figures: UsageColumn[] = [
        'requests',
        'input_tokens',
        'output_tokens',
        'total_tokens',
        'cost_usd',
        'estimated_requests',
      ];
      const totals = asObject(answer.totals);
      const scope = values.project === undefined ? 'all projects' : `project ${values.project}`;
      const title = `Usage of ${scope}, ${text(answer, 'from') ?? ''} to ${text(answer, 'to') ?? ''}, by ${groupBy}\n`;
      return (
        title +
        formatTable(
          [...dimensions, 'requests', 'input', 'output', 'total tokens', 'cost usd', 'estimated'],
          [
            ...rows.map((row) => [
              // A removed deployment or key shows by its id.
              ...dimensions.map((dimension) => text(row, dimension) ?? text(row, `${dimension}_id`)),
              ...figures.map((figure) => text(row, figure)),
            ]),
            ['total', ...dimensions.slice(1).map(() => ''), ...figures.map((figure) => text(totals, figure))],
          ],
        )
      );
    });
  },
};
