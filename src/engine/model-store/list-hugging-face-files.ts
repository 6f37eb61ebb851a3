import { request } from 'undici';
import { z } from 'zod';
import { safeParseJson } from '../../kit/index.js';
import type { RequestFunction } from './download-file.js';
import { ModelStoreError } from './model-store-error.js';
import { networkError } from './network-error.js';
import type { HuggingFaceRepositorySource } from './parse-model-source.js';
import { SHA256_PATTERN } from './sha256-file.js';

/** One file of a Hugging Face repository. */
export interface HuggingFaceFile {
  /** Path inside the repository, `/`-separated. */
  path: string;
  sizeBytes: number | undefined;
  /** The content's sha256, which Hugging Face lists for LFS (and Xet) files as `lfs.oid`. */
  sha256: string | undefined;
}

export interface ListFilesOptions {
  request?: RequestFunction;
  signal?: AbortSignal;
}

// Only the fields read. The tree endpoint answers a JSON array of
// { type: 'file' | 'directory', path, size, oid, lfs?: { oid, size, pointerSize }, xetHash? }
// (see ListFileEntry in @huggingface/hub's list-files.ts); `oid` is the git blob id, `lfs.oid` the sha256.
const treeSchema = z.array(
  z.object({
    type: z.string(),
    path: z.string(),
    size: z.number().int().nonnegative().optional(),
    lfs: z.object({ oid: z.string(), size: z.number().int().nonnegative().optional() }).optional(),
  }),
);

const MAX_PAGES = 100;
const MAX_REDIRECTS = 5;
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Every file of `owner/repo` at the revision, from `GET /api/models/{owner}/{repo}/tree/{revision}?recursive=1`.
 * The endpoint pages large repositories with a `Link: <…>; rel="next"` header, which is followed.
 */
export async function listHuggingFaceFiles(
  repository: HuggingFaceRepositorySource,
  options: ListFilesOptions = {},
): Promise<HuggingFaceFile[]> {
  const { owner, revision, huggingFaceUrl } = repository;
  const name = `${owner}/${repository.repository}`;
  const segment = encodeURIComponent;
  let url: string | undefined =
    `${huggingFaceUrl}/api/models/${segment(owner)}/${segment(repository.repository)}` +
    `/tree/${segment(revision)}?recursive=1`;
  const files: HuggingFaceFile[] = [];
  for (let page = 0; url !== undefined; page += 1) {
    if (page >= MAX_PAGES) {
      throw new ModelStoreError(
        'download_failed',
        `${name} lists more than ${MAX_PAGES} pages of files; name the file to pull: hf:${name}/FILE.gguf.`,
      );
    }
    const { body, location, link } = await fetchPage(url, name, revision, options);
    const parsed = safeParseJson(body);
    const tree = parsed.ok ? treeSchema.safeParse(parsed.value) : undefined;
    if (tree?.success !== true) {
      throw new ModelStoreError(
        'download_failed',
        `${new URL(location).host} did not answer the file list of ${name} with the shape Hugging Face uses; ` +
          'check HANGAR_HF_ENDPOINT, or name the file to pull: hf:OWNER/REPO/FILE.gguf.',
      );
    }
    for (const entry of tree.data) {
      if (entry.type !== 'file') continue;
      const oid = entry.lfs?.oid.toLowerCase();
      files.push({
        path: entry.path,
        sizeBytes: entry.lfs?.size ?? entry.size,
        sha256: oid !== undefined && SHA256_PATTERN.test(oid) ? oid : undefined,
      });
    }
    url = nextLink(link, location);
  }
  return files;
}

async function fetchPage(
  url: string,
  name: string,
  revision: string,
  options: ListFilesOptions,
): Promise<{ body: string; location: string; link: string | undefined }> {
  const send = options.request ?? request;
  const what = `Listing the files of ${name}`;
  let location = url;
  for (let redirects = 0; ; redirects += 1) {
    let response: Awaited<ReturnType<RequestFunction>>;
    try {
      response = await send(location, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'hangar' },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      throw networkError(error, { url: location, what, receivedBytes: 0, signal: options.signal, resumable: false });
    }
    const status = response.statusCode;
    const target = header(response.headers.location);
    if (REDIRECTS.has(status) && target !== undefined && redirects < MAX_REDIRECTS) {
      // Hugging Face redirects renamed repositories to their new name.
      await response.body.dump();
      location = new URL(target, location).href;
      continue;
    }
    if (status !== 200) {
      await response.body.dump();
      throw listingStatusError(status, name, revision, location);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    try {
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        bytes += buffer.length;
        if (bytes > MAX_PAGE_BYTES) {
          response.body.destroy();
          throw new ModelStoreError('download_failed', `The file list of ${name} is larger than expected.`);
        }
        chunks.push(buffer);
      }
    } catch (error) {
      throw networkError(error, { url: location, what, receivedBytes: 0, signal: options.signal, resumable: false });
    }
    return { body: Buffer.concat(chunks).toString('utf8'), location, link: header(response.headers.link) };
  }
}

function listingStatusError(status: number, name: string, revision: string, url: string): ModelStoreError {
  // Without a token Hugging Face answers 401 for a repository that does not exist as well as for a private one.
  if (status === 404 || status === 401) {
    return new ModelStoreError(
      'not_found',
      `${new URL(url).host} has no public model repository ${name} with a revision '${revision}' (${status}); ` +
        "check the spelling. Hangar sends no token, so private repositories can't be pulled.",
    );
  }
  if (status === 403) {
    return new ModelStoreError(
      'download_failed',
      `${new URL(url).host} refused to list the files of ${name} (403); the repository may be gated.`,
    );
  }
  return new ModelStoreError(
    'download_failed',
    `${new URL(url).host} answered ${status} when listing the files of ${name}; try again later.`,
  );
}

/** The `rel="next"` target of a Link header, resolved against the page it came with. */
function nextLink(link: string | undefined, base: string): string | undefined {
  if (link === undefined) return undefined;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match?.[1] !== undefined && /\brel\s*=\s*"?next"?/i.test(match[2] ?? '')) {
      return new URL(match[1], base).href;
    }
  }
  return undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
