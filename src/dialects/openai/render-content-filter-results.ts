import type { ContentFilterOffsets, ContentFilterResults, JsonObject, PromptFilterResult } from '../../spec/index.js';

/** The annotations are already in Azure's wire shape (spec/safety); this only makes the type say so. */
export function jsonOf(results: ContentFilterResults): JsonObject {
  return results as unknown as JsonObject;
}

/** `prompt_filter_results`, as Azure sends it on the answer and on the first chunk of a stream. */
export function renderPromptFilterResults(results: readonly PromptFilterResult[]): JsonObject[] {
  return results.map((result) => ({
    prompt_index: result.promptIndex,
    content_filter_results: jsonOf(result.results),
  }));
}

export function renderContentFilterOffsets(offsets: ContentFilterOffsets): JsonObject {
  return {
    check_offset: offsets.checkOffset,
    start_offset: offsets.startOffset,
    end_offset: offsets.endOffset,
  };
}
