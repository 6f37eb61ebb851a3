import type { LlamaModel, Token } from 'node-llama-cpp';
import { GatewayError, type EmbeddingRequest } from '../../spec/index.js';
import type { LocalEmbeddingModel } from './local-embedding-model.js';

/** One input as the context will evaluate it. */
export interface PreparedInput {
  /** The input's own tokens; the context adds the model's special tokens itself. */
  tokens: Token[];
  /**
   * Tokens the context evaluates for it: `tokens` plus BOS (llama-style vocabularies that ask for it) or
   * [CLS] … [SEP] (BERT's WordPiece). This is what usage bills, as llama.cpp's own server does, because it
   * is what the model computes and what the context limit counts.
   */
  evaluatedTokens: number;
}

export interface PreparedEmbeddingRequest {
  inputs: PreparedInput[];
  /** Components to keep from each vector; undefined keeps all. */
  dimensions: number | undefined;
}

/**
 * Checks and tokenizes the whole request before anything is embedded, so a request that will fail costs no
 * model time and a client never pays for half a batch. Input indices in messages are 0-based, as the
 * `index` of each item in OpenAI's response.
 */
export function prepareEmbeddingInputs(
  model: LocalEmbeddingModel,
  request: EmbeddingRequest,
): PreparedEmbeddingRequest {
  const dimensions = checkDimensions(model.model.embeddingVectorSize, request.dimensions);
  const items: ReadonlyArray<string | readonly number[]> = request.input;
  if (items.length === 0) {
    throw new GatewayError('invalid_request', 'input is empty; send at least one text or token array.', {
      param: 'input',
    });
  }
  // node-llama-cpp refuses an input that fills the context to the last position.
  const limit = Math.max(0, model.maxInputTokens - 1);
  const inputs = items.map((item, index): PreparedInput => {
    const tokens =
      typeof item === 'string' ? tokenizeText(model.model, item, index) : checkTokenIds(model.model, item, index);
    const evaluatedTokens = model.context.calculateInputLength(tokens);
    if (evaluatedTokens > limit) {
      throw new GatewayError(
        'invalid_request',
        `Input ${index} has ${evaluatedTokens} tokens; this model embeds at most ${limit} per input. Shorten or split it.`,
        { param: 'input' },
      );
    }
    return { tokens, evaluatedTokens };
  });
  return { inputs, dimensions };
}

function checkDimensions(nativeSize: number, dimensions: number | undefined): number | undefined {
  if (dimensions === undefined) return undefined;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > nativeSize) {
    throw new GatewayError(
      'invalid_request',
      `dimensions must be a whole number from 1 to ${nativeSize}, this model's native size; got ${dimensions}.`,
      { param: 'dimensions' },
    );
  }
  return dimensions;
}

function tokenizeText(model: LlamaModel, text: string, index: number): Token[] {
  // OpenAI refuses empty strings too; an empty input has no embedding.
  if (text.length === 0) {
    throw new GatewayError('invalid_request', `Input ${index} is an empty string; every input needs some text.`, {
      param: 'input',
    });
  }
  // Special-token text such as "<s>" stays plain text: a client's words must not become control tokens.
  const tokens = model.tokenize(text, false);
  // Whitespace can tokenize to nothing (WordPiece), and node-llama-cpp then returns an empty vector.
  if (tokens.length === 0) {
    throw new GatewayError(
      'invalid_request',
      `Input ${index} has no tokens for this model's tokenizer (only whitespace?); every input needs some text.`,
      { param: 'input' },
    );
  }
  return tokens;
}

function checkTokenIds(model: LlamaModel, ids: readonly number[], index: number): Token[] {
  if (!Array.isArray(ids)) {
    throw new GatewayError('invalid_request', `Input ${index} must be a string or an array of token ids.`, {
      param: 'input',
    });
  }
  if (ids.length === 0) {
    throw new GatewayError('invalid_request', `Input ${index} is an empty token array; every input needs tokens.`, {
      param: 'input',
    });
  }
  const vocabularySize = vocabularySizeOf(model);
  // Without the vocabulary size an id cannot be checked, and llama.cpp aborts the process on an unknown one.
  if (vocabularySize === undefined) {
    throw new GatewayError(
      'invalid_request',
      `Input ${index} is an array of token ids, but this model's vocabulary size is unknown, so it accepts text only.`,
      { param: 'input' },
    );
  }
  const badPosition = ids.findIndex((id) => !Number.isInteger(id) || id < 0 || id >= vocabularySize);
  if (badPosition !== -1) {
    throw new GatewayError(
      'invalid_request',
      `Input ${index} has token id ${ids[badPosition]} at position ${badPosition}; ` +
        `this model's token ids are whole numbers from 0 to ${vocabularySize - 1}.`,
      { param: 'input' },
    );
  }
  // Checked above: every id is a token of this model.
  return ids.slice() as Token[];
}

/** node-llama-cpp has no vocabulary-size getter; it counts the GGUF token list the same way internally. */
function vocabularySizeOf(model: LlamaModel): number | undefined {
  const size = model.fileInfo.metadata.tokenizer?.ggml?.tokens?.length;
  return typeof size === 'number' && size > 0 ? size : undefined;
}
