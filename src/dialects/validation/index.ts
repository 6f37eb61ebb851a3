export type { NumberRange } from './read-field.js';
export {
  readArray,
  readBoolean,
  readEnum,
  readInteger,
  readNumber,
  readObject,
  readString,
  readValue,
  requireString,
} from './read-field.js';
export {
  childPath,
  describeKind,
  invalidParameter,
  itemPath,
  requireBodyObject,
  unsupportedParameter,
} from './invalid-parameter.js';
