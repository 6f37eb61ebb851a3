import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type JsonObject } from '../../spec/index.js';
import { prepareJsonSchema } from './prepare-json-schema.js';

const WHERE = 'response_format.json_schema.schema';

function refusal(schema: unknown): GatewayError {
  try {
    prepareJsonSchema(schema as JsonObject, WHERE);
  } catch (error) {
    assert.ok(error instanceof GatewayError, 'a GatewayError');
    return error;
  }
  assert.fail('the schema was accepted');
}

const ANY_VALUE = {
  oneOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    { type: 'object', additionalProperties: true },
    { type: 'array' },
  ],
};

describe('prepareJsonSchema', () => {
  it('passes the supported subset through and keeps only description among annotations', () => {
    const schema: JsonObject = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.com/person',
      title: 'Person',
      description: 'A person',
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 20, examples: ['Ada'], default: 'x', $comment: 'c' },
        born: { type: 'string', format: 'date', readOnly: true, writeOnly: false, deprecated: false },
        kind: { type: 'string', enum: ['a', 'b'] },
        version: { const: 2 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        nothing: { type: 'null' },
      },
      required: ['name'],
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 6,
    };
    const before = structuredClone(schema);
    assert.deepEqual(prepareJsonSchema(schema, WHERE), {
      description: 'A person',
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 20 },
        born: { type: 'string', format: 'date' },
        kind: { enum: ['a', 'b'] },
        version: { const: 2 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        nothing: { type: 'null' },
      },
      required: ['name'],
      additionalProperties: false,
      maxProperties: 6,
      minProperties: 1,
    });
    assert.deepEqual(schema, before, 'the client schema is not modified');
  });

  it('translates anyOf into oneOf, which the grammar reads (anyOf alone generates only null)', () => {
    assert.deepEqual(prepareJsonSchema({ anyOf: [{ type: 'string' }, { type: 'integer' }], default: null }, WHERE), {
      oneOf: [{ type: 'string' }, { type: 'integer' }],
    });
    assert.deepEqual(prepareJsonSchema({ oneOf: [{ type: 'string' }, { const: 1 }] }, WHERE), {
      oneOf: [{ type: 'string' }, { const: 1 }],
    });
    assert.deepEqual(prepareJsonSchema({ anyOf: [{ type: 'string' }] }, WHERE), { type: 'string' });
  });

  it('splits type lists that carry structure into oneOf, since the grammar reads lists for scalars only', () => {
    assert.deepEqual(prepareJsonSchema({ type: ['string', 'null'] }, WHERE), { type: ['string', 'null'] });
    assert.deepEqual(prepareJsonSchema({ type: ['string', 'null'], maxLength: 3 }, WHERE), {
      oneOf: [{ type: 'string', maxLength: 3 }, { type: 'null' }],
    });
    assert.deepEqual(prepareJsonSchema({ type: ['object', 'null'], properties: { a: { type: 'boolean' } } }, WHERE), {
      oneOf: [{ type: 'object', properties: { a: { type: 'boolean' } } }, { type: 'null' }],
    });
    assert.deepEqual(prepareJsonSchema({ type: ['integer', 'array', 'boolean'] }, WHERE), {
      oneOf: [{ type: ['integer', 'boolean'] }, { type: 'array' }],
    });
  });

  it('spells out "any value" and "any object", which the grammar would generate as null and {}', () => {
    assert.deepEqual(prepareJsonSchema({}, WHERE), ANY_VALUE);
    assert.deepEqual(prepareJsonSchema({ description: 'anything' }, WHERE), { description: 'anything', ...ANY_VALUE });
    assert.deepEqual(prepareJsonSchema({ type: 'object', properties: { a: true } }, WHERE), {
      type: 'object',
      properties: { a: ANY_VALUE },
    });
    assert.deepEqual(prepareJsonSchema({ type: 'object' }, WHERE), { type: 'object', additionalProperties: true });
    assert.deepEqual(prepareJsonSchema({ type: 'object', properties: {} }, WHERE), { type: 'object', properties: {} });
  });

  it('generates only the types that keywords imply when type is absent', () => {
    assert.deepEqual(prepareJsonSchema({ properties: { a: { maxLength: 2 } } }, WHERE), {
      type: 'object',
      properties: { a: { type: 'string', maxLength: 2 } },
    });
    assert.deepEqual(prepareJsonSchema({ items: { type: 'integer' } }, WHERE), {
      type: 'array',
      items: { type: 'integer' },
    });
  });

  it('moves definitions and any other $ref target to the root $defs, keeping recursion that can end', () => {
    const prepared = prepareJsonSchema(
      {
        type: 'object',
        properties: {
          root: { $ref: '#/definitions/Node' },
          again: { $ref: '#/properties/root' },
          legacy: { allOf: [{ $ref: '#/definitions/Color', description: 'inner' }], description: 'a color' },
        },
        definitions: {
          Node: {
            type: 'object',
            properties: {
              value: { type: 'integer' },
              children: { type: 'array', items: { $ref: '#/definitions/Node' } },
            },
          },
          Color: { enum: ['red', 'green'] },
          Unused: { type: 'string', pattern: 'never checked' },
        },
      },
      WHERE,
    );
    assert.deepEqual(prepared, {
      type: 'object',
      properties: {
        root: { $ref: '#/$defs/Node' },
        again: { $ref: '#/$defs/properties.root' },
        legacy: { description: 'a color', $ref: '#/$defs/Color' },
      },
      $defs: {
        Node: {
          type: 'object',
          properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
        },
        'properties.root': { $ref: '#/$defs/Node' },
        Color: { enum: ['red', 'green'] },
      },
    });
  });

  it('accepts a recursion through a nullable property and a $ref to the root', () => {
    const prepared = prepareJsonSchema(
      { type: 'object', properties: { next: { anyOf: [{ $ref: '#' }, { type: 'null' }] } }, required: ['next'] },
      WHERE,
    );
    assert.deepEqual(prepared.properties, { next: { oneOf: [{ $ref: '#/$defs/root' }, { type: 'null' }] } });
    assert.deepEqual(Object.keys(prepared.$defs as JsonObject), ['root']);
  });

  it('folds a type beside oneOf into each alternative and filters enum values by a type beside them', () => {
    assert.deepEqual(
      prepareJsonSchema(
        { type: ['object', 'null'], anyOf: [{ properties: { a: { type: 'string' } } }, { type: 'string' }] },
        WHERE,
      ),
      { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'null' }] },
    );
    assert.deepEqual(prepareJsonSchema({ type: ['string', 'null'], enum: ['a', null, 3] }, WHERE), {
      enum: ['a', null],
    });
  });

  it('turns structured const and enum values, which the grammar throws on, into schemas', () => {
    assert.deepEqual(prepareJsonSchema({ enum: ['x', { a: [1, null] }] }, WHERE), {
      oneOf: [
        { const: 'x' },
        {
          type: 'object',
          properties: { a: { type: 'array', prefixItems: [{ const: 1 }, { const: null }], minItems: 2, maxItems: 2 } },
          required: ['a'],
          additionalProperties: false,
        },
      ],
    });
  });

  it('rewrites tuples: draft 2019 items arrays, items false and maxItems below the prefix', () => {
    assert.deepEqual(
      prepareJsonSchema(
        { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false },
        WHERE,
      ),
      { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], maxItems: 2 },
    );
    assert.deepEqual(
      prepareJsonSchema({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], maxItems: 1 }, WHERE),
      { type: 'array', prefixItems: [{ type: 'string' }], maxItems: 1 },
    );
    assert.deepEqual(prepareJsonSchema({ type: 'array', items: false }, WHERE), { type: 'array', maxItems: 0 });
  });

  it('drops keywords that constrain nothing: unknown formats, minimum on a string, uniqueItems false', () => {
    assert.deepEqual(
      prepareJsonSchema(
        {
          type: 'object',
          properties: {
            count: { type: 'integer', format: 'int32' },
            text: { type: 'string', minimum: 3 },
            list: { type: 'array', uniqueItems: false },
          },
          nullable: true,
        },
        WHERE,
      ),
      { type: 'object', properties: { count: { type: 'integer' }, text: { type: 'string' }, list: { type: 'array' } } },
    );
  });

  it('names every keyword the grammar cannot enforce, with its JSON pointer, as unsupported_parameter', () => {
    const error = refusal({
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[A-Z]{3}$' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        email: { type: 'string', format: 'email' },
        ids: { type: 'array', items: { type: 'integer', multipleOf: 2 }, uniqueItems: true },
        either: { allOf: [{ type: 'string' }, { maxLength: 3 }] },
        'a/b': { not: { type: 'null' } },
      },
      patternProperties: { '^x-': { type: 'string' } },
    });
    assert.equal(error.code, 'unsupported_parameter');
    assert.equal(error.status, 400);
    assert.equal(error.param, WHERE);
    assert.equal(
      error.message,
      'The JSON schema uses keywords the local engine cannot enforce: patternProperties at /, ' +
        'pattern at /properties/code, minimum at /properties/age, maximum at /properties/age, ' +
        'format "email" at /properties/email, uniqueItems at /properties/ids, multipleOf at /properties/ids/items, ' +
        'allOf at /properties/either, not at /properties/a~1b. Remove them or use a vendor deployment.',
    );
  });

  it('refuses keywords the grammar ignores beside $ref, oneOf and enum, and structures it cannot generate', () => {
    const cases: [unknown, string][] = [
      [{ $ref: '#/$defs/a', type: 'object', $defs: { a: { type: 'object' } } }, 'type at / (beside $ref)'],
      [{ oneOf: [{ type: 'string' }], maxLength: 3 }, 'maxLength at / (beside oneOf)'],
      [{ type: 'string', enum: ['a'], maxLength: 3 }, 'maxLength at / (beside enum)'],
      [{ type: 'string', format: 'date', maxLength: 5 }, 'maxLength at / (beside format "date")'],
      [{ const: 'a\u0007' }, 'const at / (a string with control characters)'],
      [
        { type: 'object', properties: { a: {}, b: {} }, maxProperties: 1 },
        'maxProperties at / (below the 2 properties',
      ],
      [{ type: 'object', properties: { a: {} }, minProperties: 2 }, 'minProperties at / (above the 1 properties'],
      [{ type: 'object', properties: { a: {} }, required: ['b'] }, 'required at / ("b" is not among the properties)'],
      [{ $ref: 'https://example.com/schema.json' }, '$ref at / ("https://example.com/schema.json" points outside'],
      [{ $ref: '#anchor' }, '$ref at / ("#anchor" is not a JSON pointer)'],
      [{ type: 'object', properties: { a: false }, additionalProperties: true }, 'false at /properties/a'],
      [{ type: 'array', items: false, prefixItems: [false] }, ''],
    ];
    for (const [schema, expected] of cases) {
      if (expected === '') {
        assert.deepEqual(prepareJsonSchema(schema as JsonObject, WHERE), { type: 'array', maxItems: 0 });
        continue;
      }
      const error = refusal(schema);
      assert.equal(error.code, 'unsupported_parameter', JSON.stringify(schema));
      assert.ok(error.message.includes(expected), `${error.message} names ${expected}`);
    }
  });

  it('refuses a recursion through an optional property, which the grammar generates every time', () => {
    const error = refusal({
      $defs: { node: { type: 'object', properties: { value: { type: 'string' }, next: { $ref: '#/$defs/node' } } } },
      $ref: '#/$defs/node',
    });
    assert.equal(error.code, 'unsupported_parameter');
    assert.ok(error.message.includes('$ref at /$defs/node/properties/next (a recursion through optional properties'));
  });

  it('reports malformed schemas as invalid_request', () => {
    const cases: [unknown, string][] = [
      ['not a schema', 'schema at / must be an object'],
      [{ type: 'strng' }, 'type at / must be one of string, number'],
      [{ type: [] }, 'type at / must be one of'],
      [
        { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } },
        '$ref at /properties/a ("#/$defs/missing") does not point',
      ],
      [{ enum: [] }, 'enum at / must be a non-empty array'],
      [{ anyOf: [] }, 'anyOf at / must be a non-empty array'],
      [{ type: 'integer', enum: ['a'] }, 'enum at / has no value of the type'],
      [{ type: 'string', minLength: 5, maxLength: 2 }, 'minLength at / (5) is greater than maxLength (2)'],
      [{ type: 'array', maxItems: 1.5 }, 'maxItems at / must be a non-negative integer'],
      [{ type: 'array', prefixItems: [{}, {}], items: false, minItems: 3 }, 'minItems at / (3) asks for more items'],
      [{ type: 'object', properties: [] }, 'properties at / must be an object of schemas'],
      [{ type: 'object', required: 'a' }, 'required at / must be an array of strings'],
      [{ $defs: { a: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }, 'leads back to itself before any object or array'],
      [
        {
          $defs: { a: { type: 'object', properties: { b: { $ref: '#/$defs/a' } }, required: ['b'] } },
          $ref: '#/$defs/a',
        },
        '$ref at /$defs/a/properties/b starts a recursion no finite value satisfies',
      ],
    ];
    for (const [schema, expected] of cases) {
      const error = refusal(schema);
      assert.equal(error.code, 'invalid_request', JSON.stringify(schema));
      assert.equal(error.param, WHERE);
      assert.ok(error.message.startsWith(`The JSON schema in ${WHERE} is invalid: `), error.message);
      assert.ok(error.message.includes(expected), `${error.message} says ${expected}`);
    }
  });

  it('refuses schemas nested deeper than the grammar and the stack allow', () => {
    let schema: JsonObject = { type: 'string' };
    for (let level = 0; level < 100; level++) schema = { type: 'array', items: schema };
    assert.equal(refusal(schema).code, 'invalid_request');
  });
});
