import type { HuggingFaceFile } from './list-hugging-face-files.js';
import { ModelStoreError } from './model-store-error.js';
import type { HuggingFaceRepositorySource } from './parse-model-source.js';

/** `model-Q8_0-00001-of-00003.gguf`: llama.cpp's gguf-split naming. */
const SPLIT_PART = /-(\d{5})-of-(\d{5})\.gguf$/i;

/**
 * The quantisation names llama.cpp writes into file names (`Q4_K_M`, `IQ4_XS`, `Q4_0_4_4`, `TQ1_0`, `BF16`,
 * `F16`, `MXFP4_MOE`, Unsloth's `UD-Q4_K_XL`). Only used to list what a repository offers.
 */
const QUANTISATION_IN_NAME =
  /(?<![A-Za-z0-9])((?:UD-)?(?:I?Q\d+(?:_[A-Za-z0-9]+)*|TQ\d+_\d+|B?F16|F32|MXFP4(?:_MOE)?))(?![A-Za-z0-9_])/i;

/** One model in the repository: a single file, or the parts of a split one. */
interface RepositoryModel {
  /** The path without `.gguf` and without the split suffix; what the quantisation is matched against. */
  stem: string;
  parts: HuggingFaceFile[];
  split: boolean;
}

/**
 * The one GGUF file of `files` whose path contains the source's quantisation as a whole token, case-insensitive
 * (`Q4_K_M` matches `model.Q4_K_M.gguf` and `model-q4_k_m.gguf`, not `model-IQ4_K_M.gguf` or `model-Q4_K_M_L.gguf`).
 * Anything else (no quantisation, none or several matching, a split model) is an error that lists what the
 * repository has and says how to name it.
 */
export function selectQuantisationFile(
  files: readonly HuggingFaceFile[],
  repository: HuggingFaceRepositorySource,
): HuggingFaceFile {
  const name = `${repository.owner}/${repository.repository}`;
  const at = repository.revision === 'main' ? '' : `@${repository.revision}`;
  const models = groupModels(files);
  if (models.length === 0) {
    throw new ModelStoreError(
      'not_found',
      `${name}${at} has no .gguf files; Hangar runs GGUF models (look for a repository whose name ends in -GGUF).`,
    );
  }
  const available = availableQuantisations(models);
  const example = available.find((label) => label.toUpperCase() === 'Q4_K_M') ?? available[0] ?? 'Q4_K_M';
  const choose = `Available quantisations: ${available.join(', ')}.`;

  const wanted = repository.quantisation;
  if (wanted === undefined) {
    throw new ModelStoreError(
      'invalid_source',
      `'${repository.source}' names no quantisation. ${choose} Name one as hf:${name}${at}:${example}, ` +
        `or name a file as hf:${name}${at}/FILE.gguf.`,
    );
  }
  const matches = models.filter((model) => containsToken(model.stem, wanted));
  if (matches.length === 0) {
    throw new ModelStoreError(
      'not_found',
      `${name}${at} has no GGUF file for the quantisation '${wanted}'. ${choose} ` +
        `Pull one with hf:${name}${at}:${example}.`,
    );
  }
  if (matches.length > 1) {
    throw new ModelStoreError(
      'invalid_source',
      `The quantisation '${wanted}' matches ${matches.length} models in ${name}${at}: ` +
        `${matches.map(describeModel).join(', ')}. Name the file instead: hf:${name}${at}/FILE.gguf.`,
    );
  }
  const [model] = matches;
  const [file] = model?.parts ?? [];
  if (model === undefined || file === undefined) throw new Error('unreachable: a match has a file');
  if (model.split) {
    const others = available.filter((label) => !label.endsWith('(split)'));
    throw new ModelStoreError(
      'invalid_source',
      `The quantisation '${wanted}' of ${name}${at} is split into ${model.parts.length} files ` +
        `(${describeModel(model)}); split models are not supported yet. ` +
        (others.length > 0 ? `Choose a single-file quantisation (${others.join(', ')}), or ` : '') +
        "merge the parts with llama.cpp's `llama-gguf-split --merge FIRST-PART OUTPUT.gguf` and add the result " +
        'with `hangar models add OUTPUT.gguf`.',
    );
  }
  return file;
}

function groupModels(files: readonly HuggingFaceFile[]): RepositoryModel[] {
  const byStem = new Map<string, RepositoryModel>();
  for (const file of files) {
    if (!file.path.toLowerCase().endsWith('.gguf') || isAuxiliary(file.path)) continue;
    const split = SPLIT_PART.test(file.path);
    const stem = file.path.replace(SPLIT_PART, '').replace(/\.gguf$/i, '');
    const model = byStem.get(stem) ?? { stem, parts: [], split };
    model.parts.push(file);
    byStem.set(stem, model);
  }
  for (const model of byStem.values()) model.parts.sort((left, right) => left.path.localeCompare(right.path));
  return [...byStem.values()].sort((left, right) => left.stem.localeCompare(right.stem));
}

/**
 * Vision projectors (`mmproj-*.gguf`) and importance matrices sit beside the model in many repositories; they
 * are not models, and counting them would make `F16` ambiguous in nearly every vision repository.
 */
function isAuxiliary(path: string): boolean {
  const fileName = (path.split('/').at(-1) ?? path).toLowerCase();
  return fileName.includes('mmproj') || fileName.includes('imatrix');
}

function containsToken(text: string, token: string): boolean {
  const haystack = text.toLowerCase();
  const needle = token.toLowerCase();
  for (let index = haystack.indexOf(needle); index !== -1; index = haystack.indexOf(needle, index + 1)) {
    const before = haystack[index - 1];
    const after = haystack[index + needle.length];
    // `_` may come before the token (`model_Q4_K_M`) but not after it: `Q4_K` must not match `Q4_K_M`.
    if ((before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9_]/.test(after))) {
      return true;
    }
  }
  return false;
}

function availableQuantisations(models: readonly RepositoryModel[]): string[] {
  const labels = models.map((model) => {
    const fileStem = model.stem.split('/').at(-1) ?? model.stem;
    // The file name says it usually; some repositories say it only in a folder name (`Q4_K_M/part-00001-of-…`).
    const found = QUANTISATION_IN_NAME.exec(fileStem)?.[1] ?? QUANTISATION_IN_NAME.exec(model.stem)?.[1];
    const label = found?.toUpperCase() ?? `${fileStem}.gguf`;
    return model.split ? `${label} (split)` : label;
  });
  return [...new Set(labels)].sort((left, right) => left.localeCompare(right, 'en', { numeric: true }));
}

function describeModel(model: RepositoryModel): string {
  const first = model.parts[0]?.path ?? model.stem;
  return model.split ? `${first} and ${model.parts.length - 1} more parts` : first;
}
