import { ModelStoreError } from './model-store-error.js';

export const DEFAULT_HUGGING_FACE_URL = 'https://huggingface.co';

export interface ModelSource {
  /** What the user wrote, kept in the manifest. */
  source: string;
  /** Where the file is downloaded from. */
  url: string;
  /** The file's own name (the last path segment). */
  fileName: string;
}

/**
 * `hf:owner/repo/path/file.gguf` and `hf:owner/repo@revision/file.gguf` resolve against Hugging Face's
 * `/resolve/` endpoint (revision `main` by default); `http(s)://…` URLs are taken as they are.
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
  return { source, url: url.href, fileName };
}

function parseHuggingFaceSource(source: string, huggingFaceUrl: string): ModelSource {
  const segments = source.slice('hf:'.length).split('/');
  const [owner, repository, ...path] = segments;
  if (owner === undefined || repository === undefined || path.length === 0 || segments.some((part) => part === '')) {
    throw new ModelStoreError(
      'invalid_source',
      `'${source}' must name a file: hf:OWNER/REPO/FILE.gguf or hf:OWNER/REPO@REVISION/FILE.gguf.`,
    );
  }
  const at = repository.indexOf('@');
  const repositoryName = at === -1 ? repository : repository.slice(0, at);
  const revision = at === -1 ? 'main' : repository.slice(at + 1);
  if (repositoryName === '' || revision === '') {
    throw new ModelStoreError('invalid_source', `'${source}' has an empty repository or revision.`);
  }
  const fileName = path.at(-1)!;
  if (!fileName.toLowerCase().endsWith('.gguf')) {
    throw new ModelStoreError(
      'invalid_source',
      `'${source}' must end with the .gguf file to pull (choosing a file by quantisation is not supported yet).`,
    );
  }
  const base = huggingFaceUrl.replace(/\/+$/, '');
  const encoded = (parts: string[]) => parts.map((part) => encodeURIComponent(part)).join('/');
  return {
    source,
    url: `${base}/${encoded([owner, repositoryName])}/resolve/${encodeURIComponent(revision)}/${encoded(path)}`,
    fileName,
  };
}

function invalidSource(source: string): ModelStoreError {
  return new ModelStoreError(
    'invalid_source',
    `'${source}' is not a model source; use hf:OWNER/REPO/FILE.gguf or an http(s):// URL.`,
  );
}
