// Numeric tables of the GGUF format and of llama.cpp, kept apart so the reader reads as prose.

/** GGUF metadata value types, by their numeric code in the file. */
export const GGUF_VALUE_TYPES = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float32',
  'bool',
  'string',
  'array',
  'uint64',
  'int64',
  'float64',
] as const;

export type GgufValueTypeName = (typeof GGUF_VALUE_TYPES)[number];

/** Bytes of each fixed-size value type; string and array have none. */
export const GGUF_VALUE_BYTES: Partial<Record<GgufValueTypeName, number>> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  bool: 1,
  uint64: 8,
  int64: 8,
  float64: 8,
};

/**
 * llama.cpp's llama_ftype (general.file_type) → the quantisation name users know ("Q4_K_M").
 * Codes 4–6 and 33–35 are formats llama.cpp has removed; they keep their historic names.
 */
const FILE_TYPE_NAMES: Record<number, string> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  4: 'Q4_1_SOME_F16',
  5: 'Q4_2',
  6: 'Q4_3',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  33: 'Q4_0_4_4',
  34: 'Q4_0_4_8',
  35: 'Q4_0_8_8',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};

/** llama.cpp sets this bit when it guessed the file type from the tensors rather than reading it. */
const FILE_TYPE_GUESSED = 1024;

export function quantisationName(fileType: number): string | undefined {
  const guessed = (fileType & FILE_TYPE_GUESSED) !== 0;
  const name = FILE_TYPE_NAMES[fileType & ~FILE_TYPE_GUESSED];
  if (name === undefined) return undefined;
  return guessed ? `${name} (guessed)` : name;
}

/**
 * ggml tensor types → [elements per block, bytes per block], to know where tensor data ends.
 * A type missing here (a newer ggml) only switches off the end-of-data check, never fails the read.
 */
export const GGML_TYPE_BLOCKS: Record<number, readonly [number, number]> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  16: [256, 66], // IQ2_XXS
  17: [256, 74], // IQ2_XS
  18: [256, 98], // IQ3_XXS
  19: [256, 50], // IQ1_S
  20: [32, 18], // IQ4_NL
  21: [256, 110], // IQ3_S
  22: [256, 82], // IQ2_S
  23: [256, 136], // IQ4_XS
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  29: [256, 56], // IQ1_M
  30: [1, 2], // BF16
  34: [256, 54], // TQ1_0
  35: [256, 66], // TQ2_0
  39: [32, 17], // MXFP4
};

/** llama.cpp's pooling types (<arch>.pooling_type) for embedding models. */
export const POOLING_TYPES = ['none', 'mean', 'cls', 'last', 'rank'] as const;

export type GgufPooling = (typeof POOLING_TYPES)[number];
