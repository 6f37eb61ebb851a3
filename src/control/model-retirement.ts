import type { Catalog } from '../catalog/index.js';

/** The catalog's announced retirement date (YYYY-MM-DD) of a model; null when unknown or none is announced. */
export function modelRetiresAt(catalog: Pick<Catalog, 'models'> | undefined, model: string): string | null {
  return catalog?.models.find((card) => card.id === model)?.retires ?? null;
}
