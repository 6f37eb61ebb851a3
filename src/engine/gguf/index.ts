export { readGgufInfo, type GgufInfo } from './read-gguf-info.js';
export { GgufFormatError, type GgufFormatProblem } from './gguf-format-error.js';
export type { GgufArray, GgufMetadataValue, GgufScalar } from './read-gguf-metadata-value.js';
export type { GgufPooling, GgufValueTypeName } from './gguf-type-tables.js';
