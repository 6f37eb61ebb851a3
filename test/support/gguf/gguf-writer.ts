// A small GGUF v3 encoder for tests: every metadata value type, nested arrays, F32 tensors.
// Written independently of src/engine/gguf so a shared misunderstanding cannot pass both sides.

/** Metadata value type codes of the GGUF format. */
export const GGUF_TYPE = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

export type GgufWritableType = keyof typeof GGUF_TYPE;

export type GgufWritableValue =
  | { type: 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64'; value: number }
  | { type: 'uint64' | 'int64'; value: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufWritableType; items: GgufWritableValue[] };

export interface GgufKeyValue {
  key: string;
  value: GgufWritableValue;
}

/** A tensor; dimensions in GGUF order (ne0, the fastest-varying, first). Always F32 (ggml type 0). */
export interface GgufWritableTensor {
  name: string;
  dimensions: number[];
  data: Float32Array;
}

export interface GgufDocument {
  /** Written as is, so tests can produce unsupported versions. Default 3. */
  version?: number;
  keyValues: GgufKeyValue[];
  tensors: GgufWritableTensor[];
  /** Must match general.alignment when that key is present. Default 32. */
  alignment?: number;
}

const GGML_TYPE_F32 = 0;

/** Shorthands for building key/values. */
export const gguf = {
  string: (key: string, value: string): GgufKeyValue => ({ key, value: { type: 'string', value } }),
  uint32: (key: string, value: number): GgufKeyValue => ({ key, value: { type: 'uint32', value } }),
  float32: (key: string, value: number): GgufKeyValue => ({ key, value: { type: 'float32', value } }),
  bool: (key: string, value: boolean): GgufKeyValue => ({ key, value: { type: 'bool', value } }),
  strings: (key: string, values: string[]): GgufKeyValue => ({
    key,
    value: { type: 'array', itemType: 'string', items: values.map((value) => ({ type: 'string', value })) },
  }),
  numbers: (key: string, itemType: 'float32' | 'int32' | 'uint32', values: number[]): GgufKeyValue => ({
    key,
    value: { type: 'array', itemType, items: values.map((value) => ({ type: itemType, value })) },
  }),
};

class ByteSink {
  readonly parts: Buffer[] = [];
  length = 0;

  push(buffer: Buffer): void {
    this.parts.push(buffer);
    this.length += buffer.length;
  }
  fixed(bytes: number, write: (buffer: Buffer) => void): void {
    const buffer = Buffer.alloc(bytes);
    write(buffer);
    this.push(buffer);
  }
  uint32(value: number): void {
    this.fixed(4, (buffer) => buffer.writeUInt32LE(value));
  }
  uint64(value: number | bigint): void {
    this.fixed(8, (buffer) => buffer.writeBigUInt64LE(BigInt(value)));
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uint64(bytes.length);
    this.push(bytes);
  }
}

function writeValue(sink: ByteSink, value: GgufWritableValue): void {
  switch (value.type) {
    case 'uint8':
      return sink.fixed(1, (buffer) => buffer.writeUInt8(value.value));
    case 'int8':
      return sink.fixed(1, (buffer) => buffer.writeInt8(value.value));
    case 'uint16':
      return sink.fixed(2, (buffer) => buffer.writeUInt16LE(value.value));
    case 'int16':
      return sink.fixed(2, (buffer) => buffer.writeInt16LE(value.value));
    case 'uint32':
      return sink.uint32(value.value);
    case 'int32':
      return sink.fixed(4, (buffer) => buffer.writeInt32LE(value.value));
    case 'float32':
      return sink.fixed(4, (buffer) => buffer.writeFloatLE(value.value));
    case 'float64':
      return sink.fixed(8, (buffer) => buffer.writeDoubleLE(value.value));
    case 'uint64':
      return sink.uint64(value.value);
    case 'int64':
      return sink.fixed(8, (buffer) => buffer.writeBigInt64LE(value.value));
    case 'bool':
      return sink.fixed(1, (buffer) => buffer.writeUInt8(value.value ? 1 : 0));
    case 'string':
      return sink.string(value.value);
    case 'array':
      sink.uint32(GGUF_TYPE[value.itemType]);
      sink.uint64(value.items.length);
      for (const item of value.items) {
        if (item.type !== value.itemType) throw new Error(`array of ${value.itemType} holds a ${item.type}`);
        writeValue(sink, item);
      }
  }
}

const alignUp = (offset: number, alignment: number): number => Math.ceil(offset / alignment) * alignment;

/** The bytes of a GGUF file: header, key/values, tensor infos, padding, aligned tensor data. */
export function encodeGguf(document: GgufDocument): Buffer {
  const alignment = document.alignment ?? 32;
  const sink = new ByteSink();
  sink.push(Buffer.from('GGUF', 'ascii'));
  sink.uint32(document.version ?? 3);
  sink.uint64(document.tensors.length);
  sink.uint64(document.keyValues.length);
  for (const { key, value } of document.keyValues) {
    sink.string(key);
    sink.uint32(GGUF_TYPE[value.type]);
    writeValue(sink, value);
  }
  let dataLength = 0;
  const offsets = document.tensors.map((tensor) => {
    const offset = dataLength;
    dataLength = alignUp(offset + tensor.data.byteLength, alignment);
    return offset;
  });
  document.tensors.forEach((tensor, index) => {
    const elements = tensor.dimensions.reduce((product, dimension) => product * dimension, 1);
    if (elements !== tensor.data.length) throw new Error(`tensor ${tensor.name}: dimensions do not match its data`);
    sink.string(tensor.name);
    sink.uint32(tensor.dimensions.length);
    for (const dimension of tensor.dimensions) sink.uint64(dimension);
    sink.uint32(GGML_TYPE_F32);
    sink.uint64(offsets[index]!);
  });
  sink.push(Buffer.alloc(alignUp(sink.length, alignment) - sink.length));
  const data = Buffer.alloc(dataLength);
  document.tensors.forEach((tensor, index) => {
    Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).copy(data, offsets[index]);
  });
  sink.push(data);
  return Buffer.concat(sink.parts);
}
