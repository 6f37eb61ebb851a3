import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import { CatalogError } from './catalog-error.js';
import { modelFileSchema, vendorFileSchema } from './catalog-file-schema.js';
import type { Catalog, CatalogFileModel } from './catalog-types.js';
import { hostOf } from './check-model-card.js';
import { describeCatalogIssue, formatIssuePath, quoteFound } from './describe-catalog-issue.js';
import { freezeDeep } from './freeze-deep.js';
import { readYamlFile } from './read-yaml-file.js';
import { toCatalogFileModel } from './to-catalog-file-model.js';

type ModelFile = z.output<typeof modelFileSchema>;
type FileVendor = z.output<typeof vendorFileSchema>['vendors'][number];

/**
 * Reads `<directory>/vendors.yaml` and `<directory>/models/<vendor>.yaml`, checks every rule, and returns the
 * catalog frozen. Every problem in every file is reported at once in one CatalogError, each line naming the
 * file, the field and what to change, so one CI run shows the whole fix.
 */
export async function loadCatalog(directory: string): Promise<Catalog> {
  const root = resolve(directory);
  const label = (relative: string) => join(basename(root), relative);
  const problems: string[] = [];

  const vendors = await readVendors(root, label('vendors.yaml'), problems);
  const files = await readModelFiles(root, label, problems);

  const seenIds = new Map<string, string>();
  const models: CatalogFileModel[] = [];
  for (const { relative, data } of files) {
    const file = label(relative);
    const stem = basename(relative, '.yaml');
    if (data.vendor !== stem) {
      problems.push(`${file}: vendor must be '${stem}', the file's name (found '${data.vendor}')`);
    }
    const vendor = vendors?.find((candidate) => candidate.id === data.vendor);
    if (vendors !== undefined && vendor === undefined) {
      problems.push(`${file}: vendor '${data.vendor}' is not in ${label('vendors.yaml')}; add it there first`);
    }
    data.models.forEach((card, index) => {
      const other = seenIds.get(card.id);
      if (other !== undefined) {
        problems.push(`${file}: models[${index}].id '${card.id}' is already used in ${other}; model ids are unique`);
      } else seenIds.set(card.id, file);
      if (vendor !== undefined) checkVendorSources(card, index, vendor, file, problems);
      models.push(toCatalogFileModel(card, data.vendor, relative));
    });
  }

  if (problems.length > 0) throw new CatalogError(root, problems);
  const order = (vendorId: string) => vendors?.findIndex((vendor) => vendor.id === vendorId) ?? 0;
  const sorted = models
    .map((model, index) => ({ model, index }))
    .sort((a, b) => order(a.model.vendor) - order(b.model.vendor) || a.index - b.index)
    .map(({ model }) => model);
  return freezeDeep({ vendors: vendors ?? [], models: sorted });
}

async function readVendors(root: string, file: string, problems: string[]): Promise<FileVendor[] | undefined> {
  const read = await readYamlFile(join(root, 'vendors.yaml'), file);
  if (!read.ok) {
    problems.push(read.problem);
    return undefined;
  }
  const parsed = vendorFileSchema.safeParse(read.data, { error: describeCatalogIssue });
  if (!parsed.success) {
    problems.push(...issueLines(file, parsed.error.issues, read.data));
    return undefined;
  }
  const vendors = parsed.data.vendors;
  vendors.forEach((vendor, index) => {
    if (vendors.findIndex((other) => other.id === vendor.id) !== index) {
      problems.push(`${file}: vendors[${index}].id '${vendor.id}' is listed twice`);
    }
  });
  return vendors;
}

async function readModelFiles(
  root: string,
  label: (relative: string) => string,
  problems: string[],
): Promise<{ relative: string; data: ModelFile }[]> {
  let names: string[];
  try {
    names = (await readdir(join(root, 'models'))).filter((name) => !name.startsWith('.')).sort();
  } catch {
    problems.push(`${label('models')}: the folder is missing; it holds one <vendor>.yaml file per vendor`);
    return [];
  }
  const files: { relative: string; data: ModelFile }[] = [];
  for (const name of names) {
    const relative = join('models', name);
    if (!name.endsWith('.yaml')) {
      problems.push(`${label(relative)}: only <vendor>.yaml files belong in models/; rename or remove it`);
      continue;
    }
    const read = await readYamlFile(join(root, relative), label(relative));
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const parsed = modelFileSchema.safeParse(read.data, { error: describeCatalogIssue });
    if (parsed.success) files.push({ relative, data: parsed.data });
    else problems.push(...issueLines(label(relative), parsed.error.issues, read.data));
  }
  return files;
}

/** A vendor's own price must cite the vendor's own site, so a copied aggregator page cannot slip in. */
function checkVendorSources(
  card: ModelFile['models'][number],
  index: number,
  vendor: FileVendor,
  file: string,
  problems: string[],
): void {
  const site = hostOf(vendor.website).replace(/^www\./, '');
  card.prices.forEach((price, priceIndex) => {
    const host = hostOf(price.source);
    if (price.sold_by === 'vendor' && host !== site && !host.endsWith(`.${site}`)) {
      problems.push(
        `${file}: models[${index}].prices[${priceIndex}].source (${card.id}) must be a page on ${site} for ` +
          `sold_by: vendor (found '${price.source}'); cite ${vendor.name}'s own pricing page`,
      );
    }
  });
}

function issueLines(file: string, issues: readonly z.core.$ZodIssue[], data: unknown): string[] {
  return issues.map((issue) => {
    const modelId = modelIdAt(data, issue.path);
    const where = formatIssuePath(issue.path) || 'the file';
    return `${file}: ${where}${modelId === undefined ? '' : ` (${modelId})`} ${issue.message}${quoteFound(data, issue.path)}`;
  });
}

/** The id of the model an issue sits in, so a message about `models[14]` also says which model that is. */
function modelIdAt(data: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'models' || typeof path[1] !== 'number' || path.length < 3) return undefined;
  const models = (data as { models?: unknown }).models;
  if (!Array.isArray(models)) return undefined;
  const card: unknown = models[path[1]];
  const id = typeof card === 'object' && card !== null ? (card as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
