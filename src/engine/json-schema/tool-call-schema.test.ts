import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { ANY_JSON_OBJECT_SCHEMA } from './any-json-object-schema.js';
import { prepareJsonSchema } from './prepare-json-schema.js';
import { toolCallSchema } from './tool-call-schema.js';
import { validateJsonValue } from './validate-json-value.js';

const WEATHER = prepareJsonSchema(
  {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { $ref: '#/$defs/Unit' } },
    required: ['city'],
    $defs: { Unit: { enum: ['C', 'F'] } },
  },
  'tools[0].function.parameters',
);
const TIME = prepareJsonSchema(
  { type: 'object', properties: { zone: { $ref: '#/$defs/Unit' } }, $defs: { Unit: { type: 'string', maxLength: 3 } } },
  'tools[1].function.parameters',
);

describe('toolCallSchema', () => {
  it('describes one tool as its name (first) and its arguments', () => {
    assert.deepEqual(toolCallSchema([{ name: 'get_weather', parameters: WEATHER }]), {
      type: 'object',
      properties: {
        name: { const: 'get_weather' },
        arguments: {
          type: 'object',
          properties: { city: { type: 'string' }, unit: { $ref: '#/$defs/Unit' } },
          required: ['city'],
        },
      },
      required: ['name', 'arguments'],
      $defs: { Unit: { enum: ['C', 'F'] } },
    });
  });

  it('offers several tools as oneOf, with their $defs merged at the root and renamed where they clash', () => {
    const schema = toolCallSchema([
      { name: 'get_weather', parameters: WEATHER },
      { name: 'get_time', parameters: TIME },
      { name: 'ping' },
    ]);
    assert.deepEqual(schema.$defs, { Unit: { enum: ['C', 'F'] }, Unit_2: { type: 'string', maxLength: 3 } });
    assert.deepEqual(validateJsonValue({ name: 'get_weather', arguments: { city: 'Oslo', unit: 'C' } }, schema), []);
    assert.deepEqual(validateJsonValue({ name: 'get_time', arguments: { zone: 'CET' } }, schema), []);
    assert.deepEqual(validateJsonValue({ name: 'ping', arguments: {} }, schema), []);
    assert.notDeepEqual(validateJsonValue({ name: 'get_time', arguments: { zone: 'C', x: 1 } }, schema), []);
    assert.notDeepEqual(validateJsonValue({ name: 'get_time', arguments: { zone: 'Europe/Oslo' } }, schema), []);
    assert.notDeepEqual(validateJsonValue({ name: 'ping', arguments: { a: 1 } }, schema), []);
    assert.notDeepEqual(validateJsonValue({ name: 'other', arguments: {} }, schema), []);
  });

  it('refuses an empty tool list', () => {
    assert.throws(
      () => toolCallSchema([]),
      (error: unknown) => error instanceof GatewayError && error.code === 'invalid_request',
    );
  });
});

describe('ANY_JSON_OBJECT_SCHEMA', () => {
  it('accepts any object and nothing else', () => {
    assert.deepEqual(validateJsonValue({ a: [1, { b: null }] }, ANY_JSON_OBJECT_SCHEMA), []);
    assert.deepEqual(validateJsonValue([1], ANY_JSON_OBJECT_SCHEMA), ['/: must be an object']);
    assert.deepEqual(prepareJsonSchema(ANY_JSON_OBJECT_SCHEMA, 'response_format'), ANY_JSON_OBJECT_SCHEMA);
  });
});
