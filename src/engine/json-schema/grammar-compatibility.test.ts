import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { invalidUtf8ByteBias } from '../chat/invalid-utf8-byte-bias.js';
import { openLlamaRuntime } from '../runtime/index.js';
import type { GbnfJsonSchema, Llama, LlamaModel, TokenBias } from 'node-llama-cpp';
import { writeTinyLlamaGguf } from '../../../test/support/gguf/write-tiny-gguf.js';
import { safeParseJson } from '../../kit/index.js';
import type { JsonObject, JsonValue } from '../../spec/index.js';
import { ANY_JSON_OBJECT_SCHEMA, prepareJsonSchema, toolCallSchema, validateJsonValue } from './index.js';

// What prepareJsonSchema returns is only worth something if node-llama-cpp's grammar really reads it: these
// tests build grammars from prepared schemas, check node-llama-cpp's own parser agrees with validateJsonValue,
// and generate with the tiny fixture model. node-llama-cpp is optional; without it they skip.
const runtime = await import('node-llama-cpp').catch(() => undefined);

const prepare = (schema: JsonObject): JsonObject => prepareJsonSchema(schema, 'response_format.json_schema.schema');

const WEATHER_TOOL = prepareJsonSchema(
  {
    type: 'object',
    properties: { city: { type: 'string', maxLength: 8 }, unit: { $ref: '#/$defs/Unit' } },
    required: ['city'],
    $defs: { Unit: { enum: ['C', 'F'] } },
  },
  'tools[0].function.parameters',
);

/** A prepared schema and a value valid for it (with every property, as the grammar generates them). */
const CASES: { name: string; schema: JsonObject; valid: JsonValue }[] = [
  {
    name: 'nested objects',
    schema: prepare({
      type: 'object',
      properties: { person: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } } },
    }),
    valid: { person: { name: 'Ada', age: 36 } },
  },
  {
    name: 'arrays and tuples',
    schema: prepare({
      type: 'object',
      properties: {
        list: { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 3 },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'boolean' }], additionalItems: false },
      },
    }),
    valid: { list: [1.5, 2], pair: ['a', true] },
  },
  { name: 'enum', schema: prepare({ type: 'string', enum: ['red', 'green'] }), valid: 'green' },
  {
    name: 'oneOf from anyOf',
    schema: prepare({
      anyOf: [
        { type: 'string', maxLength: 3 },
        { type: 'object', properties: { a: { type: 'null' } } },
      ],
    }),
    valid: { a: null },
  },
  {
    name: '$defs and recursive $ref',
    schema: prepare({
      definitions: {
        node: {
          type: 'object',
          properties: { v: { type: 'integer' }, kids: { type: 'array', items: { $ref: '#/definitions/node' } } },
        },
      },
      $ref: '#/definitions/node',
    }),
    valid: { v: 1, kids: [{ v: 2, kids: [] }] },
  },
  {
    name: 'nullable via type arrays',
    schema: prepare({
      type: 'object',
      properties: {
        nick: { type: ['string', 'null'], maxLength: 4 },
        address: { type: ['object', 'null'], properties: { city: { type: 'string' } } },
      },
    }),
    valid: { nick: null, address: { city: 'Oslo' } },
  },
  {
    name: 'tool call over several tools',
    schema: toolCallSchema([{ name: 'get_weather', parameters: WEATHER_TOOL }, { name: 'ping' }]),
    valid: { name: 'get_weather', arguments: { city: 'Oslo', unit: 'C' } },
  },
  { name: 'any value', schema: prepare({}), valid: [{ a: [1, 'x', null] }] },
  { name: 'any object', schema: ANY_JSON_OBJECT_SCHEMA, valid: { a: { b: [true] } } },
  { name: 'structured const', schema: prepare({ const: { a: [1, 'b'] } }), valid: { a: [1, 'b'] } },
  { name: 'date-time', schema: prepare({ type: 'string', format: 'date-time' }), valid: '2024-05-01T10:00:00Z' },
];

describe(
  'prepared schemas in node-llama-cpp',
  { skip: runtime === undefined ? 'node-llama-cpp is not installed' : false },
  () => {
    let directory: string;
    let llama: Llama;
    let model: LlamaModel;
    before(async () => {
      if (runtime === undefined) return;
      directory = await mkdtemp(join(tmpdir(), 'hangar-json-schema-'));
      const modelPath = join(directory, 'tiny.gguf');
      await writeTinyLlamaGguf(modelPath, { seed: 7 });
      // Threads are always explicit: the runtime's default oversubscribes small machines a thousandfold.
      llama = (await openLlamaRuntime({ threads: 1, gpu: false })).llama;
      model = await llama.loadModel({ modelPath, gpuLayers: 0 });
    });
    after(async () => {
      await llama?.dispose();
      if (directory !== undefined) await rm(directory, { recursive: true, force: true });
    });

    // prepareJsonSchema guarantees the shape at run time; the library's generic schema type cannot see it, and
    // infers a single union member unless the type argument is given.
    const grammarFor = (schema: JsonObject) =>
      llama.createGrammarForJsonSchema<GbnfJsonSchema>(schema as unknown as GbnfJsonSchema);

    it('builds a grammar that is more than `null` for each kind of prepared schema, and parses what validates', async () => {
      for (const { name, schema, valid } of CASES) {
        assert.deepEqual(validateJsonValue(valid, schema), [], `${name}: the sample is valid`);
        const grammar = await grammarFor(schema);
        assert.doesNotMatch(grammar.grammar, /^root ::= null-rule /, `${name}: the grammar is not "null only"`);
        assert.doesNotThrow(() => grammar.parse(JSON.stringify(valid)), `${name}: node-llama-cpp accepts the sample`);
      }
    });

    it('agrees with validateJsonValue that absent additionalProperties means no other keys', async () => {
      const schema = prepare({ type: 'object', properties: { a: { type: 'string' } } });
      const grammar = await grammarFor(schema);
      assert.throws(() => grammar.parse('{"a": "x", "b": 1}'));
      assert.deepEqual(validateJsonValue({ a: 'x', b: 1 }, schema), ['/b: is not an allowed property']);
    });

    /** Generates at temperature 0 (deterministic for a given thread count) and returns the text. */
    async function generate(schema: JsonObject, prompt: string, tokenBias?: TokenBias): Promise<string> {
      const grammar = await grammarFor(schema);
      const context = await model.createContext({ contextSize: 256, threads: 1 });
      try {
        const completion = new runtime!.LlamaCompletion({ contextSequence: context.getSequence() });
        return await completion.generateCompletion(prompt, {
          grammar,
          temperature: 0,
          maxTokens: 200,
          ...(tokenBias === undefined ? {} : { tokenBias }),
        });
      } finally {
        await context.dispose();
      }
    }

    function assertValidJson(text: string, schema: JsonObject): JsonValue {
      const parsed = safeParseJson(text);
      assert.ok(parsed.ok, `the output is JSON: ${text}`);
      assert.deepEqual(validateJsonValue(parsed.value, schema), [], `the output is valid: ${text}`);
      return parsed.value;
    }

    const RESPONSE_FORMAT = prepare({
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 8 },
        kind: { enum: ['cat', 'dog'] },
        ok: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string', maxLength: 4 }, maxItems: 2 },
        nick: { anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }] },
        seen: { type: 'string', format: 'date-time' },
        child: { $ref: '#/$defs/child' },
      },
      required: ['name'],
      $defs: { child: { type: 'object', properties: { n: { type: ['integer', 'null'] }, ratio: { type: 'number' } } } },
    });
    const TWO_TOOLS = toolCallSchema([{ name: 'get_weather', parameters: WEATHER_TOOL }, { name: 'ping' }]);

    it('generates output that parses and validates, for a response format and for forced tool calls', async () => {
      const value = assertValidJson(await generate(RESPONSE_FORMAT, 'hello'), RESPONSE_FORMAT);
      assert.deepEqual(Object.keys(value as JsonObject), ['name', 'kind', 'ok', 'tags', 'nick', 'seen', 'child']);
      const oneTool = toolCallSchema([{ name: 'get_weather', parameters: WEATHER_TOOL }]);
      const call = assertValidJson(await generate(oneTool, 'weather'), oneTool) as JsonObject;
      assert.equal(call.name, 'get_weather');
      assertValidJson(await generate(TWO_TOOLS, 'hi'), TWO_TOOLS);
    });

    it('keeps maxLength when byte tokens that are never UTF-8 are banned, and is caught by validation when not', async () => {
      // llama.cpp's grammar takes any byte from 0xF0 up as a four-byte UTF-8 lead, so a byte-fallback token can
      // write invalid UTF-8 (here F9 AE B7 8E), which decodes to several U+FFFD and exceeds maxLength.
      const unguarded = safeParseJson(await generate(TWO_TOOLS, 'hello'));
      assert.ok(unguarded.ok);
      assert.notDeepEqual(validateJsonValue(unguarded.value, TWO_TOOLS), [], 'validation catches the broken string');
      assertValidJson(await generate(TWO_TOOLS, 'hello', invalidUtf8ByteBias(runtime!, model)), TWO_TOOLS);
    });
  },
);
