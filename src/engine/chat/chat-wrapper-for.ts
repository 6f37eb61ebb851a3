import type { ChatWrapper, LlamaModel } from 'node-llama-cpp';
import type { NodeLlamaCpp } from '../runtime/index.js';

/**
 * The model's own chat template, read from the GGUF: node-llama-cpp turns a Jinja template into a
 * JinjaTemplateChatWrapper, or into its specialised wrapper when the template is one it recognises (those
 * handle function calling and thoughts better). Without a template, or with one that fails to parse, the
 * general wrapper is used rather than a guess from the file name, so a base model is not dressed up as a
 * chat format it never learned.
 *
 * Resolving a Jinja template takes a second or two (node-llama-cpp renders it against every wrapper it
 * knows), so callers resolve once per loaded model.
 */
export function chatWrapperFor(lib: NodeLlamaCpp, model: LlamaModel): { wrapper: ChatWrapper; name: string } {
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  if (typeof template === 'string' && template.trim() !== '') {
    try {
      const wrapper = lib.resolveChatWrapper(model, { fallbackToOtherWrappersOnJinjaError: false, warningLogs: false });
      return { wrapper, name: wrapper.wrapperName };
    } catch {
      // A template llama.cpp's Jinja cannot parse: the general wrapper below still serves the model.
    }
  }
  const wrapper = new lib.GeneralChatWrapper();
  return { wrapper, name: wrapper.wrapperName };
}
