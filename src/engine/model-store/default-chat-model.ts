/** A small chat model Hangar suggests when none is installed. */
export interface DefaultChatModel {
  /** What to pass to `hangar models pull`. */
  source: string;
  /** The model name to pull it under. */
  name: string;
  /** SPDX identifier of the weights' licence. */
  licence: string;
  /** The GGUF's size, for "this downloads about N MB" hints. */
  approxSizeBytes: number;
  /** The whole command, so hints never spell it differently. */
  pullCommand: string;
}

const source = 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf';
const name = 'qwen2.5-0.5b-instruct';

/**
 * Qwen2.5 0.5B Instruct at Q4_K_M: Apache-2.0, about 490 MB, and usable on a CPU with a couple of cores. The
 * source names the file rather than the quantisation (`hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M` resolves to
 * the same file) so pulling it needs no listing request; Hugging Face still vouches for its sha256.
 */
export const DEFAULT_CHAT_MODEL: Readonly<DefaultChatModel> = Object.freeze({
  source,
  name,
  licence: 'Apache-2.0',
  approxSizeBytes: 491_400_032,
  pullCommand: `hangar models pull ${source} --name ${name}`,
});
