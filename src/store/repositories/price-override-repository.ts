import type { Kysely, Selectable } from 'kysely';
import type { PriceOverridesTable, Tables } from '../tables.js';

/** Explicit rates in micro-dollars per 1M tokens. */
export interface PriceOverrideRates {
  input: number;
  cachedInput: number | null;
  cacheWriteInput: number | null;
  output: number;
  reasoning: number | null;
}

/** A project's own price for a model, as stored; the metering layer's PriceOverride has this shape. */
export interface PriceOverrideRecord {
  id: string;
  projectId: string;
  model: string;
  deploymentType: string | null;
  rates: PriceOverrideRates | null;
  discountBasisPoints: number | null;
  effectiveFrom: number;
  effectiveTo: number | null;
  createdAt: number;
}

export class PriceOverrideRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Every project's overrides: what the pricer holds in memory. */
  async listAll(): Promise<PriceOverrideRecord[]> {
    const rows = await this.db.selectFrom('price_overrides').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async listByProject(projectId: string): Promise<PriceOverrideRecord[]> {
    const rows = await this.db
      .selectFrom('price_overrides')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('model')
      .orderBy('effective_from')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async insert(record: PriceOverrideRecord): Promise<void> {
    await this.db
      .insertInto('price_overrides')
      .values({
        id: record.id,
        project_id: record.projectId,
        model: record.model,
        deployment_type: record.deploymentType,
        input_micro_usd_per_million: record.rates?.input ?? null,
        cached_input_micro_usd_per_million: record.rates?.cachedInput ?? null,
        cache_write_input_micro_usd_per_million: record.rates?.cacheWriteInput ?? null,
        output_micro_usd_per_million: record.rates?.output ?? null,
        reasoning_micro_usd_per_million: record.rates?.reasoning ?? null,
        discount_basis_points: record.discountBasisPoints,
        effective_from: record.effectiveFrom,
        effective_to: record.effectiveTo,
        created_at: record.createdAt,
      })
      .execute();
  }

  /** Removes one of the project's overrides; false when the project has none with that id. */
  async remove(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('price_overrides')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

const nullableNumber = (value: number | null) => (value === null ? null : Number(value));

function toRecord(row: Selectable<PriceOverridesTable>): PriceOverrideRecord {
  const input = nullableNumber(row.input_micro_usd_per_million);
  const output = nullableNumber(row.output_micro_usd_per_million);
  return {
    id: row.id,
    projectId: row.project_id,
    model: row.model,
    deploymentType: row.deployment_type,
    rates:
      input === null || output === null
        ? null
        : {
            input,
            cachedInput: nullableNumber(row.cached_input_micro_usd_per_million),
            cacheWriteInput: nullableNumber(row.cache_write_input_micro_usd_per_million),
            output,
            reasoning: nullableNumber(row.reasoning_micro_usd_per_million),
          },
    discountBasisPoints: nullableNumber(row.discount_basis_points),
    effectiveFrom: Number(row.effective_from),
    effectiveTo: nullableNumber(row.effective_to),
    createdAt: Number(row.created_at),
  };
}
