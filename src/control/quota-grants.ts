import type { Kysely } from 'kysely';
import { z } from 'zod';
import { GatewayError } from '../spec/index.js';
import { DeploymentRepository, ProjectQuotaRepository, type ProjectRecord, type Tables } from '../store/index.js';
import { notFound, requireProject, type ControlContext } from './control-context.js';
import { parseInput } from './inputs.js';

export interface QuotaGrantView {
  project: string;
  model: string;
  /** Tokens per minute granted for the model. */
  tpm: number;
  /** What the project's deployments of the model have carved out of it. */
  allocated_tpm: number;
  updated_at: string;
}

export interface QuotaGrantService {
  list(project: string): Promise<QuotaGrantView[]>;
  /** Grants a project TPM for a model; refused if its deployments already hold more. */
  set(project: string, model: string, input: unknown): Promise<QuotaGrantView>;
  remove(project: string, model: string): Promise<void>;
}

const grantInputSchema = z.object({ tpm: z.number().int().min(1).max(1_000_000_000) }).strict();

/**
 * Azure-style quota: the operator grants a project tokens per minute for a model, and the project's deployments
 * of that model carve their TPM out of it. Where a project has a grant for a model, each of its deployments of
 * that model must state a TPM and together they may not exceed the grant; without a grant nothing is checked.
 */
export function createQuotaGrantService(context: ControlContext): QuotaGrantService {
  const view = async (project: ProjectRecord, model: string, tpm: number, updatedAt: number) => ({
    project: project.name,
    model,
    tpm,
    allocated_tpm: await allocatedTpm(context.db, project.id, model),
    updated_at: new Date(updatedAt).toISOString(),
  });
  return {
    async list(projectName) {
      const project = await requireProject(context.db, projectName);
      const grants = await new ProjectQuotaRepository(context.db).list(project.id);
      return Promise.all(grants.map((grant) => view(project, grant.model, grant.tpm, grant.updatedAt)));
    },

    async set(projectName, model, input) {
      const { tpm } = parseInput(grantInputSchema, input);
      const project = await requireProject(context.db, projectName);
      const allocated = await allocatedTpm(context.db, project.id, model);
      if (allocated > tpm) {
        throw new GatewayError(
          'invalid_request',
          `Project '${project.name}' already has deployments of ${model} holding ${allocated} TPM; a grant of ${tpm} ` +
            'would not cover them. Lower their TPM first, or grant at least that much.',
          { param: 'tpm' },
        );
      }
      const updatedAt = Date.now();
      await new ProjectQuotaRepository(context.db).set({ projectId: project.id, model, tpm, updatedAt });
      return view(project, model, tpm, updatedAt);
    },

    async remove(projectName, model) {
      const project = await requireProject(context.db, projectName);
      const removed = await new ProjectQuotaRepository(context.db).remove(project.id, model);
      if (!removed) throw notFound(`Project '${project.name}' has no quota for ${model}.`, 'model');
    },
  };
}

/**
 * Checks that a deployment fits its project's grant for its model. `replacing` is the deployment being
 * changed, whose current TPM is not counted twice.
 */
export async function checkQuotaGrant(
  db: Kysely<Tables>,
  project: ProjectRecord,
  deployment: { name: string; model: string; tpm: number | null },
  replacing?: string,
): Promise<void> {
  const grant = await new ProjectQuotaRepository(db).find(project.id, deployment.model);
  if (grant === undefined) return;
  if (deployment.tpm === null) {
    throw new GatewayError(
      'invalid_request',
      `Project '${project.name}' has a quota of ${grant.tpm} TPM for ${deployment.model}, so deployment ` +
        `'${deployment.name}' must state its tpm (a share of that quota).`,
      { param: 'tpm' },
    );
  }
  const others = await allocatedTpm(db, project.id, deployment.model, replacing);
  if (others + deployment.tpm > grant.tpm) {
    throw new GatewayError(
      'invalid_request',
      `Deployment '${deployment.name}' asks for ${deployment.tpm} TPM of ${deployment.model}, but project ` +
        `'${project.name}' has ${grant.tpm - others} left of its ${grant.tpm} TPM quota (${others} held by its other ` +
        'deployments). Ask for less, or have the admin raise the quota.',
      { param: 'tpm' },
    );
  }
}

async function allocatedTpm(db: Kysely<Tables>, projectId: string, model: string, excluding?: string): Promise<number> {
  const deployments = await new DeploymentRepository(db).list(projectId);
  return deployments
    .filter((deployment) => deployment.model === model && deployment.id !== excluding)
    .reduce((sum, deployment) => sum + (deployment.tpm ?? 0), 0);
}
