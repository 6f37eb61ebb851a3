import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../spec/index.js';
import { prepareJsonSchema } from './prepare-json-schema.js';
import { validateJsonValue } from './validate-json-value.js';

const prepare = (schema: JsonObject): JsonObject => prepareJsonSchema(schema, 'response_format.json_schema.schema');

const PERSON = prepare({
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    age: { type: 'integer' },
    height: { type: 'number' },
    kind: { enum: ['cat', 'dog', null] },
    version: { const: 2 },
    born: { type: 'string', format: 'date' },
    seen: { type: 'string', format: 'date-time' },
    at: { type: 'string', format: 'time' },
    nick: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
    pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }] },
    extra: { type: 'object', additionalProperties: { type: 'integer' }, maxProperties: 2 },
  },
  required: ['name', 'age'],
});

describe('validateJsonValue', () => {
  it('accepts a value that satisfies the schema, including omitted optional properties', () => {
    const value = {
      name: 'Ada',
      age: 36,
      height: 1.65,
      kind: null,
      version: 2.0,
      born: '2024-02-29',
      seen: '2024-02-29T23:59:60.5+01:00',
      at: '08:15:00Z',
      nick: 'A',
      tags: ['x'],
      pair: ['a', true],
      extra: { a: 1, b: 2 },
    };
    assert.deepEqual(validateJsonValue(value, PERSON), []);
    assert.deepEqual(validateJsonValue({ name: 'Ada', age: 1 }, PERSON), []);
  });

  it('names each violation by its JSON pointer', () => {
    const violations = validateJsonValue(
      {
        name: '',
        age: 1e-5,
        kind: 'cow',
        version: 3,
        born: '2023-02-29',
        seen: '2023-01-01 10:00:00Z',
        at: '25:00:00Z',
        nick: 4,
        tags: [],
        pair: ['a', 'b'],
        extra: { a: 1, b: 'x', c: 3 },
        unknown: true,
      },
      PERSON,
    );
    assert.deepEqual(violations, [
      '/name: must be at least 1 characters long',
      '/age: must be an integer',
      '/kind: must be one of "cat", "dog", null',
      '/version: must be 2',
      '/born: must be a date (RFC 3339)',
      '/seen: must be a date-time (RFC 3339)',
      '/at: must be a time (RFC 3339)',
      '/nick: must match one of the 2 alternatives',
      '/nick: must be a string',
      '/tags: must have at least 1 items',
      '/pair/1: must be a boolean',
      '/extra: must have at most 2 properties',
      '/extra/b: must be an integer',
      '/unknown: is not an allowed property',
    ]);
    assert.deepEqual(validateJsonValue({ age: 'x' }, PERSON), [
      '/: must have the property "name"',
      '/age: must be an integer',
    ]);
    assert.deepEqual(validateJsonValue([], PERSON), ['/: must be an object']);
  });

  it('reads absent additionalProperties as false and oneOf as "any alternative", as the grammar does', () => {
    const closed = prepare({ type: 'object', properties: { a: { type: 'string' } } });
    assert.deepEqual(validateJsonValue({ a: 'x', b: 1 }, closed), ['/b: is not an allowed property']);
    const overlapping = prepare({ oneOf: [{ type: 'number' }, { type: 'integer' }] });
    assert.deepEqual(validateJsonValue(3, overlapping), []);
  });

  it('counts string length in code points and catches numbers that overflowed', () => {
    const short = prepare({ type: 'string', maxLength: 2 });
    assert.deepEqual(validateJsonValue('😀😀', short), []);
    assert.deepEqual(validateJsonValue('abc', short), ['/: must be at most 2 characters long']);
    assert.deepEqual(validateJsonValue(Number.POSITIVE_INFINITY, prepare({ type: 'number' })), [
      '/: is too large for a JSON number',
    ]);
  });

  it('follows $defs, recursion and structured literals', () => {
    const tree = prepare({
      $defs: {
        node: {
          type: 'object',
          properties: { v: { type: 'integer' }, kids: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
      $ref: '#/$defs/node',
    });
    assert.deepEqual(validateJsonValue({ v: 1, kids: [{ v: 2, kids: [] }] }, tree), []);
    assert.deepEqual(validateJsonValue({ v: 1, kids: [{ v: 'x', kids: [] }] }, tree), [
      '/kids/0/v: must be an integer',
    ]);
    const literal = prepare({ const: { a: [1, 'b'] } });
    assert.deepEqual(validateJsonValue({ a: [1, 'b'] }, literal), []);
    assert.deepEqual(validateJsonValue({ a: [1, 'c'] }, literal), ['/a/1: must be "b"']);
    assert.deepEqual(validateJsonValue({ a: 1 }, prepare({ type: 'object' })), []);
    assert.deepEqual(validateJsonValue({ a: [null, { b: 1 }] }, prepare({})), []);
  });

  it('reports a $ref it cannot follow instead of accepting the value', () => {
    assert.deepEqual(validateJsonValue(1, { $ref: '#/$defs/missing' }), [
      "/: the schema's $ref #/$defs/missing cannot be followed",
    ]);
  });
});
