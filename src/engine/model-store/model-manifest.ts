import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { safeParseJson } from '../../kit/index.js';
import type { GgufInfo } from '../gguf/index.js';
import { ModelStoreError } from './model-store-error.js';
import { SHA256_PATTERN } from './sha256-file.js';

export const MANIFEST_FILE = 'model.json';

const count = z.number().int().nonnegative();
/** What the GGUF header says, kept so listing models never reopens gigabyte files. */
const modelInfoSchema = z.object({
  version: count,
  tensorCount: count,
  architecture: z.string().nullable().default(null),
  name: z.string().nullable().default(null),
  quantisation: z.string().nullable().default(null),
  contextLength: count.nullable().default(null),
  embeddingLength: count.nullable().default(null),
  blockCount: count.nullable().default(null),
  parameterCount: count,
  chatTemplate: z.string().nullable().default(null),
  tokenizerModel: z.string().nullable().default(null),
  vocabularySize: count.nullable().default(null),
  pooling: z.string().nullable().default(null),
});

const manifestSchema = z.object({
  name: z.string().min(1),
  /** The GGUF's file name inside the model's folder. */
  file: z.string().min(1),
  sizeBytes: count,
  sha256: z.string().regex(SHA256_PATTERN),
  /** The pull source (`hf:…`, a URL) or the path `add` copied or linked from. */
  source: z.string().optional(),
  addedAt: z.string(),
  info: modelInfoSchema,
});

export type ModelInfo = z.output<typeof modelInfoSchema>;
export type ModelManifest = z.output<typeof manifestSchema>;

/** The GGUF fields a manifest keeps; absent values become null so the JSON shows every field. */
export function toModelInfo(info: GgufInfo): ModelInfo {
  return {
    version: info.version,
    tensorCount: info.tensorCount,
    architecture: info.architecture ?? null,
    name: info.name ?? null,
    quantisation: info.quantisation ?? null,
    contextLength: info.contextLength ?? null,
    embeddingLength: info.embeddingLength ?? null,
    blockCount: info.blockCount ?? null,
    parameterCount: info.parameterCount,
    chatTemplate: info.chatTemplate ?? null,
    tokenizerModel: info.tokenizerModel ?? null,
    vocabularySize: info.vocabularySize ?? null,
    pooling: info.pooling ?? null,
  };
}

/** The manifest in `folder`, undefined when there is none (a folder holding only a partial download). */
export async function readManifest(folder: string): Promise<ModelManifest | undefined> {
  const path = join(folder, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = safeParseJson(text);
  const manifest = parsed.ok ? manifestSchema.safeParse(parsed.value) : undefined;
  if (manifest?.success !== true) {
    throw new ModelStoreError('invalid_manifest', `${path} is damaged; remove the model and add or pull it again.`);
  }
  return manifest.data;
}

/** Written beside and renamed into place, so a crash never leaves half a manifest. */
export async function writeManifest(folder: string, manifest: ModelManifest): Promise<void> {
  const path = join(folder, MANIFEST_FILE);
  await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
