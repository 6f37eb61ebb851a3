import type { JsonObject, JsonValue } from '../../spec/index.js';
import { isJsonObject } from '../../spec/index.js';
import { childPointer, fragmentSegments, resolveSegments } from './json-pointer.js';
import type { SchemaProblems } from './schema-problems.js';

/** A subschema some `$ref` points at, waiting to be converted into the root's `$defs`. */
export interface PendingDefinition {
  name: string;
  schema: JsonValue;
  /** Where it sits in the client's schema, for messages. */
  pointer: string;
}

/** A `$ref` as the client wrote it: where it is and which definition it now names. */
export interface RefSite {
  pointer: string;
  name: string;
}

/**
 * The grammar resolves only `#/$defs/<name>`, by name, in the `$defs` of an enclosing node. JSON Schema resolves
 * any JSON pointer from the document root (`#/definitions/x`, `#/properties/a`, `#`). So every target a `$ref`
 * points at is hoisted into the root's `$defs` under a plain name, and the `$ref` rewritten to it.
 */
export class DefRegistry {
  private readonly nameByPointer = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private readonly pending: PendingDefinition[] = [];
  readonly sites: RefSite[] = [];

  constructor(
    private readonly root: JsonObject,
    private readonly problems: SchemaProblems,
  ) {}

  /** The definition name for `ref` found at `pointer`, or undefined after reporting why there is none. */
  refer(ref: string, pointer: string): string | undefined {
    if (!ref.startsWith('#')) {
      this.problems.unsupported('$ref', pointer, `${JSON.stringify(ref)} points outside this schema`);
      return undefined;
    }
    const segments = fragmentSegments(ref);
    if (segments === undefined) {
      this.problems.unsupported('$ref', pointer, `${JSON.stringify(ref)} is not a JSON pointer`);
      return undefined;
    }
    const target = childPointer('', ...segments);
    let name = this.nameByPointer.get(target);
    if (name === undefined) {
      const schema = resolveSegments(this.root, segments) as JsonValue | undefined;
      if (schema === undefined || !(isJsonObject(schema) || typeof schema === 'boolean')) {
        this.problems.invalid('$ref', pointer, `(${JSON.stringify(ref)}) does not point to a schema`);
        return undefined;
      }
      name = this.uniqueName(segments);
      this.nameByPointer.set(target, name);
      this.pending.push({ name, schema, pointer: target });
    }
    this.sites.push({ pointer, name });
    return name;
  }

  /** The next definition to convert; converting it may queue more. */
  next(): PendingDefinition | undefined {
    return this.pending.shift();
  }

  private uniqueName(segments: readonly string[]): string {
    const isDefinition = segments.length === 2 && (segments[0] === '$defs' || segments[0] === 'definitions');
    const base =
      (isDefinition ? (segments[1] ?? '') : segments.join('.') || 'root').replace(/[^A-Za-z0-9_.-]/g, '_') ||
      'definition';
    let name = base;
    for (let suffix = 2; this.usedNames.has(name); suffix++) name = `${base}_${suffix}`;
    this.usedNames.add(name);
    return name;
  }
}
