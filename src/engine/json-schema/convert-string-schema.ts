import type { JsonObject } from '../../spec/index.js';
import { checkCountRange, readCount, type ConvertContext } from './convert-context.js';
import { STANDARD_STRING_FORMATS, SUPPORTED_FORMATS } from './json-schema-keywords.js';

/** The string variant: lengths, or one of the three formats the grammar generates (which ignore lengths). */
export function convertStringSchema(schema: JsonObject, pointer: string, context: ConvertContext): JsonObject {
  const minLength = readCount(schema, 'minLength', pointer, context);
  const maxLength = readCount(schema, 'maxLength', pointer, context);
  checkCountRange(
    { keyword: 'minLength', value: minLength },
    { keyword: 'maxLength', value: maxLength },
    pointer,
    context,
  );
  const { format } = schema;
  if (format !== undefined && typeof format !== 'string') {
    context.problems.invalid('format', pointer, 'must be a string');
  } else if (format !== undefined) {
    const lengths = SUPPORTED_FORMATS.get(format);
    if (lengths !== undefined) {
      // The grammar ignores lengths beside a format; they are kept out when the format already satisfies them.
      if (minLength !== undefined && minLength > lengths.minLength) {
        context.problems.unsupported('minLength', pointer, `beside format "${format}"`);
      }
      if (maxLength !== undefined && maxLength < lengths.maxLength) {
        context.problems.unsupported('maxLength', pointer, `beside format "${format}"`);
      }
      return { type: 'string', format };
    }
    if (STANDARD_STRING_FORMATS.has(format)) context.problems.unsupported(`format "${format}"`, pointer);
  }
  const out: JsonObject = { type: 'string' };
  if (minLength !== undefined && minLength > 0) out.minLength = minLength;
  if (maxLength !== undefined) out.maxLength = maxLength;
  return out;
}
