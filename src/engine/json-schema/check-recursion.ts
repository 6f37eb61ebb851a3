import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import type { RefSite } from './def-registry.js';
import type { SchemaProblems } from './schema-problems.js';

const DEF_PREFIX = '#/$defs/';

/**
 * Recursion through `$ref` works in the grammar (a definition becomes a rule) as long as it is not left
 * recursion (a definition reaching itself through `$ref`/`oneOf` only, before any `{` or `[`), which llama.cpp
 * refuses to parse, and as long as it can end. The grammar generates every property and every prefix item, so
 * a recursion through an optional property never ends although the client's schema is fine: that is refused
 * as unsupported, while a recursion that cannot end even by JSON Schema's rules is an invalid schema.
 */
export function checkRecursion(
  defs: Readonly<Record<string, JsonObject>>,
  sites: readonly RefSite[],
  problems: SchemaProblems,
): void {
  const leftRecursive = leftRecursiveDefinitions(defs);
  const finiteForGrammar = finiteDefinitions(defs, 'grammar');
  const finiteForSchema = finiteDefinitions(defs, 'schema');
  for (const site of sites) {
    if (leftRecursive.has(site.name)) {
      problems.invalid('$ref', site.pointer, 'leads back to itself before any object or array is opened');
    } else if (!finiteForSchema.has(site.name)) {
      problems.invalid('$ref', site.pointer, 'starts a recursion no finite value satisfies');
    } else if (!finiteForGrammar.has(site.name)) {
      problems.unsupported('$ref', site.pointer, 'a recursion through optional properties, which are always generated');
    }
  }
}

/** Definitions on a cycle of `$ref`/`oneOf` edges, which the grammar would turn into left recursion. */
function leftRecursiveDefinitions(defs: Readonly<Record<string, JsonObject>>): Set<string> {
  const leading = new Map(Object.entries(defs).map(([name, schema]) => [name, leadingRefs(schema)]));
  const onCycle = new Set<string>();
  for (const start of leading.keys()) {
    const seen = new Set<string>();
    const stack = [...(leading.get(start) ?? [])];
    while (stack.length > 0) {
      const name = stack.pop() ?? '';
      if (name === start) {
        onCycle.add(start);
        break;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(leading.get(name) ?? []));
    }
  }
  return onCycle;
}

function leadingRefs(schema: JsonValue | undefined): string[] {
  if (!isJsonObject(schema)) return [];
  if (typeof schema.$ref === 'string') return [schema.$ref.slice(DEF_PREFIX.length)];
  if (Array.isArray(schema.oneOf)) return schema.oneOf.flatMap(leadingRefs);
  return [];
}

/** Definitions that have a finite value, by a fixpoint: under the grammar's rules or under JSON Schema's. */
function finiteDefinitions(defs: Readonly<Record<string, JsonObject>>, rules: 'grammar' | 'schema'): Set<string> {
  const finite = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, schema] of Object.entries(defs)) {
      if (!finite.has(name) && hasFiniteValue(schema)) {
        finite.add(name);
        changed = true;
      }
    }
  }
  return finite;

  function hasFiniteValue(schema: JsonValue | undefined): boolean {
    if (!isJsonObject(schema)) return true;
    if (typeof schema.$ref === 'string') return finite.has(schema.$ref.slice(DEF_PREFIX.length));
    if (Array.isArray(schema.oneOf)) return schema.oneOf.some(hasFiniteValue);
    if (schema.type === 'object') return objectIsFinite(schema);
    if (schema.type === 'array') return arrayIsFinite(schema);
    return true;
  }

  function objectIsFinite(schema: JsonObject): boolean {
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    const generated =
      rules === 'grammar' ? Object.keys(properties) : Object.keys(properties).filter((name) => required.includes(name));
    if (!generated.every((name) => hasFiniteValue(properties[name]))) return false;
    const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
    return minProperties <= generated.length || hasFiniteValue(schema.additionalProperties);
  }

  function arrayIsFinite(schema: JsonObject): boolean {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const generated = rules === 'grammar' ? prefix : prefix.slice(0, minItems);
    if (!generated.every(hasFiniteValue)) return false;
    return minItems <= prefix.length || hasFiniteValue(schema.items);
  }
}
