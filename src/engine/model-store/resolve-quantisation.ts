import { listHuggingFaceFiles, type ListFilesOptions } from './list-hugging-face-files.js';
import { huggingFaceFileUrl, type HuggingFaceRepositorySource, type ModelFileSource } from './parse-model-source.js';
import { selectQuantisationFile } from './select-quantisation-file.js';

/** The file a `hf:OWNER/REPO:QUANTISATION` source stands for. */
export interface ResolvedModelFile extends ModelFileSource {
  /** The same file as an explicit source, `hf:OWNER/REPO[@REVISION]/PATH`, for messages and reproducible pulls. */
  fileSource: string;
  /** Path inside the repository. */
  path: string;
  sizeBytes: number | undefined;
  /** The sha256 Hugging Face lists for the file (`lfs.oid`), when it lists one. */
  sha256: string | undefined;
}

/** Lists the repository and picks the file for the source's quantisation (see selectQuantisationFile). */
export async function resolveQuantisation(
  repository: HuggingFaceRepositorySource,
  options: ListFilesOptions = {},
): Promise<ResolvedModelFile> {
  const files = await listHuggingFaceFiles(repository, options);
  const file = selectQuantisationFile(files, repository);
  const { owner, revision } = repository;
  const segments = file.path.split('/');
  const at = revision === 'main' ? '' : `@${revision}`;
  return {
    kind: 'file',
    source: repository.source,
    url: huggingFaceFileUrl(repository.huggingFaceUrl, owner, repository.repository, revision, segments),
    fileName: segments.at(-1) ?? file.path,
    fileSource: `hf:${owner}/${repository.repository}${at}/${file.path}`,
    path: file.path,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
  };
}
