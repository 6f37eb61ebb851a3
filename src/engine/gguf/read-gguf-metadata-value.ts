import type { GgufFileCursor } from './gguf-file-cursor.js';
import { GgufFormatError } from './gguf-format-error.js';
import { GGUF_VALUE_BYTES, GGUF_VALUE_TYPES, type GgufValueTypeName } from './gguf-type-tables.js';

/** uint64/int64 come back as bigint so no value is silently rounded; all other numbers as number. */
export type GgufScalar = number | bigint | boolean | string;

/**
 * An array value. Only short arrays keep their items: a vocabulary of 150,000 strings is counted,
 * never held, so reading metadata stays cheap whatever the model.
 */
export interface GgufArray {
  kind: 'array';
  itemType: GgufValueTypeName;
  length: number;
  /** The items when length ≤ MAX_KEPT_ARRAY_ITEMS, else undefined. */
  items: GgufMetadataValue[] | undefined;
}

export type GgufMetadataValue = GgufScalar | GgufArray;

export const MAX_KEPT_ARRAY_ITEMS = 16;

/** Nesting deeper than this is a corrupt file, not a model; the limit keeps recursion bounded. */
const MAX_ARRAY_DEPTH = 16;

export async function readValueType(cursor: GgufFileCursor, what: string): Promise<GgufValueTypeName> {
  await cursor.ensure(4, `the value type of ${what}`);
  const code = cursor.uint32();
  const type = GGUF_VALUE_TYPES[code];
  if (type === undefined) {
    throw new GgufFormatError(cursor.path, 'invalid', `${what} has unknown value type ${code}`);
  }
  return type;
}

export async function readMetadataValue(
  cursor: GgufFileCursor,
  type: GgufValueTypeName,
  what: string,
  depth = 0,
): Promise<GgufMetadataValue> {
  if (type === 'string') return cursor.string(what);
  if (type === 'array') return readArray(cursor, what, depth);
  await cursor.ensure(GGUF_VALUE_BYTES[type] ?? 0, what);
  switch (type) {
    case 'uint8':
      return cursor.uint8();
    case 'int8':
      return cursor.int8();
    case 'uint16':
      return cursor.uint16();
    case 'int16':
      return cursor.int16();
    case 'uint32':
      return cursor.uint32();
    case 'int32':
      return cursor.int32();
    case 'float32':
      return cursor.float32();
    case 'bool':
      return readBool(cursor, what);
    case 'uint64':
      return cursor.uint64();
    case 'int64':
      return cursor.int64();
    case 'float64':
      return cursor.float64();
  }
}

function readBool(cursor: GgufFileCursor, what: string): boolean {
  const byte = cursor.uint8();
  if (byte > 1) throw new GgufFormatError(cursor.path, 'invalid', `${what} is a bool with byte value ${byte}`);
  return byte === 1;
}

async function readArray(cursor: GgufFileCursor, what: string, depth: number): Promise<GgufArray> {
  if (depth >= MAX_ARRAY_DEPTH) {
    throw new GgufFormatError(cursor.path, 'invalid', `${what} nests arrays more than ${MAX_ARRAY_DEPTH} deep`);
  }
  const itemType = await readValueType(cursor, `the items of ${what}`);
  const length = await cursor.count(`the length of ${what}`);
  if (length > MAX_KEPT_ARRAY_ITEMS) {
    await skipItems(cursor, itemType, length, what, depth);
    return { kind: 'array', itemType, length, items: undefined };
  }
  const items: GgufMetadataValue[] = [];
  for (let index = 0; index < length; index++) {
    items.push(await readMetadataValue(cursor, itemType, `${what}[${index}]`, depth + 1));
  }
  return { kind: 'array', itemType, length, items };
}

async function skipItems(
  cursor: GgufFileCursor,
  itemType: GgufValueTypeName,
  length: number,
  what: string,
  depth: number,
): Promise<void> {
  const itemBytes = GGUF_VALUE_BYTES[itemType];
  if (itemBytes !== undefined) {
    cursor.skip(itemBytes * length, `the ${length} items of ${what}`);
    return;
  }
  if (itemType === 'string') {
    await cursor.skipStrings(length, what);
    return;
  }
  for (let index = 0; index < length; index++) await readArray(cursor, `${what}[${index}]`, depth + 1);
}
