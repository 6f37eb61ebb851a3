import type { GbnfJsonSchema, LlamaGrammar } from 'node-llama-cpp';
import type { JsonObject } from '../../spec/index.js';
import type { LlamaRuntime } from '../runtime/index.js';

const WHITESPACE_RULE = /^(whitespace-[ban]-\d+-\d+-rule) ::= .*$/gm;
const COMMA_WHITESPACE_RULE = /^(comma-whitespace-[ban]-\d+-\d+-rule) ::= .*$/gm;
/** The library lets exponents run to 16 digits: `1e9999999` overflows to Infinity, which JSON cannot carry. */
const EXPONENT = '([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?';
const INTEGER_RULE = /^(integer-number-rule) ::= .*$/gm;

/**
 * node-llama-cpp's JSON-schema grammar lets the model indent with newlines. Many chat templates end a turn
 * with a newline (`User: …\nAssistant: …\n`), so the template's stop trigger would cut the JSON at its first
 * line break. The grammar is rewritten to put at most one space between tokens: compact JSON, fewer tokens,
 * and no newline before the closing brace. Numbers are kept finite (see EXPONENT). The rule names are the library's own (`gbnfConsts.js`); a rule
 * that does not match is left as it was, so a renamed rule costs indentation, never correctness.
 */
export async function createSingleLineJsonGrammar(runtime: LlamaRuntime, schema: JsonObject): Promise<LlamaGrammar> {
  const indented = await runtime.llama.createGrammarForJsonSchema<GbnfJsonSchema>(schema as GbnfJsonSchema);
  const grammar = indented.grammar
    .replace(WHITESPACE_RULE, '$1 ::= [ ]?')
    .replace(COMMA_WHITESPACE_RULE, '$1 ::= "," [ ]?')
    // An integer is written without an exponent (`1e-5` is not one); other numbers keep at most two digits.
    .replace(INTEGER_RULE, '$1 ::= "-"? ("0" | [1-9] [0-9]{0,15})')
    .replaceAll(EXPONENT, '([eE] [-+]? [0-9]{1,2})?');
  return runtime.llama.createGrammar({
    grammar,
    stopGenerationTriggers: indented.stopGenerationTriggers,
    trimWhitespaceSuffix: indented.trimWhitespaceSuffix,
  });
}
