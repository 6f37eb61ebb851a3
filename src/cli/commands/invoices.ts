import { usageError } from '../cli-io.js';
import { CLIENT_OPTIONS } from '../cli-options.js';
import { asObject, listItems, output, requireOption, segment, text, type Command } from '../command.js';
import { formatTable } from '../print-table.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Micro-dollars as dollars, exact: 1234500 → "1.2345", at least cents. */
function usd(microUsd: unknown): string {
  if (typeof microUsd !== 'number') return '-';
  const sign = microUsd < 0 ? '-' : '';
  const magnitude = Math.abs(microUsd);
  const fraction = String(magnitude % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${sign}${Math.floor(magnitude / 1_000_000)}.${fraction}`;
}

function month(value: string | undefined, fallback?: string): string {
  const chosen = value ?? fallback;
  if (chosen === undefined || !MONTH.test(chosen)) throw usageError('--month must be a month written YYYY-MM');
  return chosen;
}

export const invoicesList: Command = {
  usage: 'invoices list --project PROJECT',
  summary: "A project's invoices by month: open ones as they stand, closed ones as frozen",
  options: [...CLIENT_OPTIONS, 'project'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const project = requireOption(context.values, 'project');
    const listed = await context.client().send('GET', `/admin/projects/${segment(project)}/invoices`);
    return output(context, listed, () =>
      formatTable(
        ['month', 'status', 'total usd', 'closed'],
        listItems(listed).map((item) => [
          text(item, 'month'),
          text(item, 'status'),
          usd(item.total_micro_usd),
          text(item, 'closed_at'),
        ]),
      ),
    );
  },
};

export const invoicesShow: Command = {
  usage: 'invoices show --project PROJECT [--month YYYY-MM] [--format csv|html]',
  summary: "A month's invoice (this month unless told): lines and totals, or the server's CSV or printable HTML",
  options: [...CLIENT_OPTIONS, 'project', 'month', 'format'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const { values } = context;
    const project = requireOption(values, 'project');
    const chosen = month(values.month, new Date().toISOString().slice(0, 7));
    const path = `/admin/projects/${segment(project)}/invoices/${chosen}`;
    if (values.format !== undefined) {
      if (values.format !== 'csv' && values.format !== 'html') throw usageError('--format must be csv or html');
      if (values.json === true) throw usageError('--format and --json exclude each other');
      context.io.stdout.write(await context.client().sendText(`${path}?format=${values.format}`));
      return 0;
    }
    const invoice = await context.client().send('GET', path);
    return output(context, invoice, () => {
      const answer = asObject(invoice);
      const lines = Array.isArray(answer.lines) ? answer.lines.map(asObject) : [];
      const title = `Invoice of project ${project} for ${chosen} (${text(answer, 'status') ?? ''})\n`;
      const rows = lines.map((line) => [
        text(line, 'kind') === 'adjustment' ? `adjustment ${text(line, 'usage_month') ?? ''}` : 'usage',
        text(line, 'deployment') ?? text(line, 'deployment_id'),
        text(line, 'model'),
        text(line, 'deployment_type'),
        text(line, 'requests'),
        usd(line.amount_micro_usd),
      ]);
      const totals = [
        ['subtotal', '', '', '', '', usd(answer.subtotal_micro_usd)],
        [`tax (${Number(answer.tax_rate_basis_points ?? 0) / 100}%)`, '', '', '', '', usd(answer.tax_micro_usd)],
        ['total', '', '', '', '', usd(answer.total_micro_usd)],
      ];
      return (
        title + formatTable(['line', 'deployment', 'model', 'type', 'requests', 'amount usd'], [...rows, ...totals])
      );
    });
  },
};

export const invoicesClose: Command = {
  usage: 'invoices close --month YYYY-MM',
  summary: "Close a month that has ended: freeze every project's invoice for it (platform admins)",
  options: [...CLIENT_OPTIONS, 'month'],
  async run(context) {
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const chosen = month(context.values.month);
    const closing = await context.client().send('POST', `/admin/invoices/close?month=${chosen}`);
    return output(context, closing, () => {
      const answer = asObject(closing);
      const closed = Array.isArray(answer.closed) ? answer.closed.map(asObject) : [];
      return (
        `Closed ${closed.length} invoice(s) for ${chosen}; ${text(answer, 'already_closed') ?? '0'} were closed before.\n` +
        (closed.length === 0
          ? ''
          : formatTable(
              ['project', 'total usd'],
              closed.map((item) => [text(item, 'project') ?? text(item, 'project_id'), usd(item.total_micro_usd)]),
            ))
      );
    });
  },
};
