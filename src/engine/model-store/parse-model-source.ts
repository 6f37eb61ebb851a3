import { ModelStoreError } from './model-store-error.js';

export const DEFAULT_HUGGING_FACE_URL = 'https://huggingface.co';

/** A source that names one file: where it is downloaded from. */
export interface ModelFileSource {
  kind: 'file';
  /** What the user wrote, kept in the manifest. */
  source: string;
  /** Where the file is downloaded from. */
  url: string;
  /** The file's own name (the last path segment). */
  fileName: string;
}

/** `hf:OWNER/REPO[@REVISION][:QUANTISATION]`: a repository whose file is chosen by its quantisation. */
export interface HuggingFaceRepositorySource {
  kind: 'hugging-face-repository';
  source: string;
  owner: string;
  repository: string;
  /** `main` unless the source pinned one. */
  revision: string;
  /** `Q4_K_M` as written; undefined when the source named none. */
  quantisation: string | undefined;
  /** The Hugging Face base URL, without a trailing slash. */
  huggingFaceUrl: string;
}

export type ModelSource = ModelFileSource | HuggingFaceRepositorySource;

/** Quantisation names are plain tokens (`Q4_K_M`, `IQ4_XS`, `BF16`, `UD-Q4_K_XL`). */
const QUANTISATION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const HF_FORMS = 'hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO@REVISION/FILE.gguf or hf:OWNER/REPO[@REVISION]:QUANTISATION';

/**
 * `hf:owner/repo/path/file.gguf` and `hf:owner/repo@revision/file.gguf` resolve against Hugging Face's
 * `/resolve/` endpoint (revision `main` by default); `hf:owner/repo:Q4_K_M` names a repository and a
 * quantisation, resolved to a file by listing the repository (see resolve-quantisation.ts);
 * `http(s)://…` URLs are taken as they are.
 */
export function parseModelSource(source: string, huggingFaceUrl = DEFAULT_HUGGING_FACE_URL): ModelSource {
  if (source.startsWith('hf:')) return parseHuggingFaceSource(source, huggingFaceUrl);
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw invalidSource(source);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidSource(source);
  const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (fileName === '') {
    throw new ModelStoreError('invalid_source', `The URL ${source} does not end with a file name.`);
  }
  return { kind: 'file', source, url: url.href, fileName };
}

/** The `/resolve/` URL of one file of a Hugging Face repository. */
export function huggingFaceFileUrl(
  huggingFaceUrl: string,
  owner: string,
  repository: string,
  revision: string,
  path: readonly string[],
): string {
  const encoded = (parts: readonly string[]) => parts.map((part) => encodeURIComponent(part)).join('/');
  return `${trimSlashes(huggingFaceUrl)}/${encoded([owner, repository])}/resolve/${encodeURIComponent(revision)}/${encoded(path)}`;
}

function parseHuggingFaceSource(source: string, huggingFaceUrl: string): ModelSource {
  const segments = source.slice('hf:'.length).split('/');
  const [owner, repositoryPart, ...path] = segments;
  if (owner === undefined || repositoryPart === undefined || segments.some((part) => part === '')) {
    throw new ModelStoreError('invalid_source', `'${source}' must be one of ${HF_FORMS}.`);
  }
  const colon = repositoryPart.indexOf(':');
  const withRevision = colon === -1 ? repositoryPart : repositoryPart.slice(0, colon);
  const quantisation = colon === -1 ? undefined : repositoryPart.slice(colon + 1);
  const at = withRevision.indexOf('@');
  const repository = at === -1 ? withRevision : withRevision.slice(0, at);
  const revision = at === -1 ? 'main' : withRevision.slice(at + 1);
  if (repository === '' || revision === '') {
    throw new ModelStoreError('invalid_source', `'${source}' has an empty repository or revision.`);
  }

  if (path.length === 0) {
    if (quantisation !== undefined && !QUANTISATION_PATTERN.test(quantisation)) {
      throw new ModelStoreError(
        'invalid_source',
        `'${source}' names the quantisation '${quantisation}', which is not a plain name like Q4_K_M; ` +
          `write ${HF_FORMS}.`,
      );
    }
    return {
      kind: 'hugging-face-repository',
      source,
      owner,
      repository,
      revision,
      quantisation,
      huggingFaceUrl: trimSlashes(huggingFaceUrl),
    };
  }
  if (quantisation !== undefined) {
    throw new ModelStoreError(
      'invalid_source',
      `'${source}' names both a quantisation and a file; name one of them: ${HF_FORMS}.`,
    );
  }
  const fileName = path.at(-1) ?? '';
  if (!fileName.toLowerCase().endsWith('.gguf')) {
    throw new ModelStoreError(
      'invalid_source',
      `'${source}' must end with the .gguf file to pull, or name a quantisation: ${HF_FORMS}.`,
    );
  }
  return {
    kind: 'file',
    source,
    url: huggingFaceFileUrl(huggingFaceUrl, owner, repository, revision, path),
    fileName,
  };
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

function invalidSource(source: string): ModelStoreError {
  return new ModelStoreError(
    'invalid_source',
    `'${source}' is not a model source; use hf:OWNER/REPO/FILE.gguf, hf:OWNER/REPO:QUANTISATION or an http(s):// URL.`,
  );
}
