export { ANY_JSON_OBJECT_SCHEMA } from './any-json-object-schema.js';
export { prepareJsonSchema } from './prepare-json-schema.js';
export { toolCallSchema } from './tool-call-schema.js';
export { validateJsonValue } from './validate-json-value.js';
