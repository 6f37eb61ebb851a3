import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  toCsv,
  usageReportTable,
  type UsageReport,
  type UsageReportQuery,
  type UsageReports,
} from '../../metering/index.js';
import { GatewayError } from '../../spec/index.js';
import { singleQueryValue, type AdminQuery } from './single-query-value.js';

type Query = AdminQuery;

/**
 * Usage reports from the ledger's day rollups, for one project (its readers) or the whole platform, as JSON or
 * CSV; and the billing audit, for platform admins.
 */
export function registerUsageRoutes(admin: FastifyInstance, reports: UsageReports): void {
  admin.get<{ Params: { project: string }; Querystring: Query }>('/projects/:project/usage', async (request, reply) => {
    const format = parseFormat(request.query);
    const report = await reports.forProject(request.params.project, reportQuery(request.query));
    return send(reply, report, format, request.params.project);
  });

  admin.get<{ Querystring: Query }>('/usage', async (request, reply) => {
    const format = parseFormat(request.query);
    return send(reply, await reports.forPlatform(reportQuery(request.query)), format, 'platform');
  });

  admin.get<{ Querystring: Query }>('/usage/reconciliation', async (request) =>
    reports.reconciliation({
      from: singleQueryValue(request.query, 'from'),
      to: singleQueryValue(request.query, 'to'),
    }),
  );
}

function reportQuery(query: Query): UsageReportQuery {
  return {
    from: singleQueryValue(query, 'from'),
    to: singleQueryValue(query, 'to'),
    group_by: singleQueryValue(query, 'group_by'),
  };
}

function parseFormat(query: Query): 'json' | 'csv' {
  const format = singleQueryValue(query, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new GatewayError('invalid_request', `format must be json or csv, not '${format}'.`, { param: 'format' });
  }
  return format;
}

function send(reply: FastifyReply, report: UsageReport, format: 'json' | 'csv', scope: string): UsageReport | string {
  if (format === 'json') return report;
  const { columns, rows } = usageReportTable(report);
  void reply
    .type('text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="usage-${scope}-${report.group_by}-${report.from}-${report.to}.csv"`,
    );
  return toCsv(columns, rows);
}
