import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, symlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { GgufFormatError, readGgufInfo } from '../gguf/index.js';
import { downloadFile, type RequestFunction } from './download-file.js';
import { MANIFEST_FILE, readManifest, toModelInfo, writeManifest, type ModelManifest } from './model-manifest.js';
import { checkModelName, modelNameFromFile, safeFileName } from './model-name.js';
import { ModelStoreError } from './model-store-error.js';
import { parseModelSource, type ModelFileSource, type ModelSource } from './parse-model-source.js';
import { resolveQuantisation, type ResolvedModelFile } from './resolve-quantisation.js';
import { SHA256_PATTERN, sha256File } from './sha256-file.js';

/** A model in the store: its manifest and where its GGUF is. */
export interface StoredModel extends ModelManifest {
  /** Absolute path of the GGUF (for a linked model, the link). */
  path: string;
}

export interface AddModelOptions {
  /** Defaults to the file name without `.gguf`. */
  name?: string;
  /** `copy` (default) copies the file into the store; `link` leaves it where it is and links to it. */
  mode?: 'copy' | 'link';
}

export interface PullModelOptions {
  /** Defaults to the file name without `.gguf`. */
  name?: string;
  /**
   * The expected sha256 (64 hex); without it, the one Hugging Face lists for a file chosen by quantisation,
   * or else the one the server advertises, if any.
   */
  sha256?: string;
  /** Called once a `hf:OWNER/REPO:QUANTISATION` source has been resolved to a file, before downloading it. */
  onResolve?: (file: ResolvedModelFile) => void;
  onProgress?: (received: number, total: number | undefined) => void;
  /** Called when the download is complete and its sha256 is being computed (seconds for a large model). */
  onVerify?: () => void;
  signal?: AbortSignal;
  /** Stands in for undici's `request`. */
  fetchImpl?: RequestFunction;
  /** Where `hf:` sources download from; default https://huggingface.co. */
  huggingFaceUrl?: string;
}

export interface PullResult {
  model: StoredModel;
  /** Whether the download was checked against a known sha256 (given, or advertised by the server). */
  sha256Verified: boolean;
  /** Bytes reused from an earlier interrupted pull (0 for a fresh download). */
  resumedFromBytes: number;
  /** For a source naming a quantisation, the file it resolved to, as `hf:OWNER/REPO[@REVISION]/PATH`. */
  resolvedSource?: string;
}

export interface ModelStoreOptions {
  /** Default for every pull's `huggingFaceUrl`. */
  huggingFaceUrl?: string;
}

export interface ModelStore {
  /** `<dataDir>/models` */
  readonly directory: string;
  /** Every complete model, by name; folders holding only a partial download are left out. */
  list(): Promise<StoredModel[]>;
  get(name: string): Promise<StoredModel | undefined>;
  add(filePath: string, options?: AddModelOptions): Promise<StoredModel>;
  pull(source: string, options?: PullModelOptions): Promise<PullResult>;
  /** Deletes the model's folder (for a linked model, only the link); resolves to what was removed. */
  remove(name: string): Promise<StoredModel>;
}

/**
 * The local model store: `<dataDir>/models/<name>/` holds one GGUF and its `model.json`. The folders are
 * the only state, so models copied in by hand with a manifest, or deleted by hand, are simply seen as such.
 */
export function openModelStore(dataDir: string, storeOptions: ModelStoreOptions = {}): ModelStore {
  const directory = resolve(dataDir, 'models');
  const folderOf = (name: string) => join(directory, checkModelName(name));
  const stored = (folder: string, manifest: ModelManifest): StoredModel => ({
    ...manifest,
    path: join(folder, manifest.file),
  });

  async function get(name: string): Promise<StoredModel | undefined> {
    const folder = folderOf(name);
    const manifest = await readManifest(folder);
    return manifest === undefined ? undefined : stored(folder, manifest);
  }

  async function refuseDuplicate(name: string): Promise<void> {
    if ((await readManifest(folderOf(name))) !== undefined) {
      throw new ModelStoreError(
        'duplicate',
        `A model named '${name}' already exists; choose another name with --name, or remove it first.`,
      );
    }
  }

  async function inspect(path: string, what: string) {
    try {
      return toModelInfo(await readGgufInfo(path));
    } catch (error) {
      if (error instanceof GgufFormatError) {
        throw new ModelStoreError('invalid_gguf', `${what} is not a usable GGUF model: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  return {
    directory,

    async list() {
      let entries;
      try {
        entries = await readdir(directory, { withFileTypes: true });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return [];
        throw error;
      }
      const models: StoredModel[] = [];
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        const folder = join(directory, entry.name);
        const manifest = await readManifest(folder);
        if (manifest !== undefined) models.push(stored(folder, manifest));
      }
      return models.sort((left, right) => left.name.localeCompare(right.name));
    },

    get,

    async add(filePath, options = {}) {
      const absolute = resolve(filePath);
      const stats = await stat(absolute).catch(() => undefined);
      if (stats === undefined || !stats.isFile()) {
        throw new ModelStoreError('not_found', `There is no file at ${filePath}.`);
      }
      const name = checkModelName(options.name ?? modelNameFromFile(basename(absolute)));
      await refuseDuplicate(name);
      const info = await inspect(absolute, filePath);
      const sha256 = await sha256File(absolute);

      const folder = folderOf(name);
      const file = storedFileName(basename(absolute));
      const target = join(folder, file);
      await mkdir(folder, { recursive: true });
      try {
        if (options.mode === 'link') await symlink(absolute, target);
        else await copyFile(absolute, target);
        const manifest: ModelManifest = {
          name,
          file,
          sizeBytes: stats.size,
          sha256,
          source: absolute,
          addedAt: new Date().toISOString(),
          info,
        };
        await writeManifest(folder, manifest);
        return stored(folder, manifest);
      } catch (error) {
        await rm(target, { force: true });
        await removeIfEmpty(folder);
        throw error;
      }
    },

    async pull(source, options = {}) {
      const parsed = parseModelSource(source, options.huggingFaceUrl ?? storeOptions.huggingFaceUrl);
      const given = options.sha256?.trim().toLowerCase();
      if (given !== undefined && !SHA256_PATTERN.test(given)) {
        throw new ModelStoreError('invalid_sha256', `sha256 '${options.sha256}' must be 64 hexadecimal digits.`);
      }
      // A name that is taken is refused before asking the network anything.
      if (options.name !== undefined) await refuseDuplicate(checkModelName(options.name));
      const { target, resolved } = await toFileSource(parsed, options);
      const expected = given ?? resolved?.sha256;
      const name = checkModelName(options.name ?? modelNameFromFile(target.fileName));
      await refuseDuplicate(name);

      const folder = folderOf(name);
      const file = storedFileName(target.fileName);
      // Kept under the model's own name, so running the same command again finds it and resumes.
      const partial = join(folder, `${file}.partial`);
      await mkdir(folder, { recursive: true });
      let download;
      try {
        download = await downloadFile(target.url, partial, {
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.fetchImpl === undefined ? {} : { request: options.fetchImpl }),
        });
      } catch (error) {
        await removeIfEmpty(folder);
        throw error;
      }

      options.onVerify?.();
      const sha256 = await sha256File(partial);
      const wanted = expected ?? download.advertisedSha256;
      if (wanted !== undefined && sha256 !== wanted) {
        // A wrong file cannot be repaired by resuming, so it goes.
        await rm(partial, { force: true });
        await removeIfEmpty(folder);
        throw new ModelStoreError(
          'checksum_mismatch',
          `The download from ${source} has sha256 ${sha256}, not the expected ${wanted}; it was deleted. ` +
            'Check the source and the --sha256 value.',
        );
      }
      let info;
      try {
        info = await inspect(partial, `The download from ${source}`);
      } catch (error) {
        await rm(partial, { force: true });
        await removeIfEmpty(folder);
        throw error;
      }
      await rename(partial, join(folder, file));
      const manifest: ModelManifest = {
        name,
        file,
        sizeBytes: download.sizeBytes,
        sha256,
        source,
        addedAt: new Date().toISOString(),
        info,
      };
      await writeManifest(folder, manifest);
      return {
        model: stored(folder, manifest),
        sha256Verified: wanted !== undefined,
        resumedFromBytes: download.resumedFromBytes,
        ...(resolved === undefined ? {} : { resolvedSource: resolved.fileSource }),
      };
    },

    async remove(name) {
      const model = await get(name);
      if (model === undefined) {
        throw new ModelStoreError('not_found', `There is no model named '${name}'; \`hangar models list\` shows them.`);
      }
      await rm(folderOf(name), { recursive: true, force: true });
      return model;
    },
  };
}

/** A file source as it is; a repository source resolved to its file by listing the repository. */
async function toFileSource(
  parsed: ModelSource,
  options: PullModelOptions,
): Promise<{ target: ModelFileSource; resolved?: ResolvedModelFile }> {
  if (parsed.kind === 'file') return { target: parsed };
  const resolved = await resolveQuantisation(parsed, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.fetchImpl === undefined ? {} : { request: options.fetchImpl }),
  });
  options.onResolve?.(resolved);
  return { target: resolved, resolved };
}

/** The GGUF keeps its own name in the folder, unless that name would collide with the manifest. */
function storedFileName(fileName: string): string {
  const file = safeFileName(fileName);
  return file === MANIFEST_FILE || file.endsWith('.tmp') ? 'model.gguf' : file;
}

async function removeIfEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch(() => undefined);
}
