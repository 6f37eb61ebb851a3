import { ModelStoreError } from './model-store-error.js';

/** Model names become folder names, URL segments and CLI arguments, so they stay plain (as config names do). */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkModelName(name: string): string {
  if (!MODEL_NAME_PATTERN.test(name) || name.endsWith('.partial')) {
    throw new ModelStoreError(
      'invalid_name',
      `Model name '${name}' must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit.`,
    );
  }
  return name;
}

/** `Llama-3.2-1B-Instruct-Q4_K_M.gguf` → `Llama-3.2-1B-Instruct-Q4_K_M`; other characters become dashes. */
export function modelNameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.gguf$/i, '');
  const plain = stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return plain === '' ? 'model' : plain;
}

/** A file name safe to write inside a model's folder. */
export function safeFileName(fileName: string): string {
  const plain = fileName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^\.+/, '');
  return plain === '' ? 'model.gguf' : plain;
}
