import type { FastifyInstance } from 'fastify';
import type { BudgetAdmin } from '../../metering/index.js';
import { bodyObject } from './body-object.js';

type ProjectParams = { Params: { project: string } };
type BudgetParams = { Params: { project: string; id: string } };

/** Monthly budgets of a project and its keys, with the thresholds they raised. */
export function registerBudgetRoutes(admin: FastifyInstance, budgets: BudgetAdmin): void {
  admin.get<ProjectParams>('/projects/:project/budgets', async (request) => ({
    object: 'list',
    data: await budgets.list(request.params.project),
  }));

  admin.post<ProjectParams>('/projects/:project/budgets', async (request, reply) => {
    const created = await budgets.create(request.params.project, bodyObject(request.body));
    return reply.code(201).send(created);
  });

  admin.patch<BudgetParams>('/projects/:project/budgets/:id', async (request) =>
    budgets.update(request.params.project, request.params.id, bodyObject(request.body)),
  );

  admin.delete<BudgetParams>('/projects/:project/budgets/:id', async (request) => {
    await budgets.remove(request.params.project, request.params.id);
    return { object: 'budget', project: request.params.project, id: request.params.id, deleted: true };
  });

  admin.get<BudgetParams>('/projects/:project/budgets/:id/events', async (request) => ({
    object: 'list',
    data: await budgets.events(request.params.project, request.params.id),
  }));
}
