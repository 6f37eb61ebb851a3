import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import { readEnum, readInteger, readNumber, readObject, readString, requireString } from './read-field.js';

function refusal(message: string, param: string) {
  return (error: unknown) =>
    error instanceof GatewayError &&
    error.code === 'invalid_request' &&
    error.message === message &&
    error.param === param;
}

describe('field readers', () => {
  it('read null and absent as undefined', () => {
    assert.equal(readString({ a: null }, 'a'), undefined);
    assert.equal(readNumber({}, 'a'), undefined);
  });

  it('name the full path and the expected kind', () => {
    assert.throws(
      () => readString({ text: 1 }, 'text', 'messages[0].content[1]'),
      refusal("'messages[0].content[1].text' must be a string, got a number.", 'messages[0].content[1].text'),
    );
    assert.throws(
      () => requireString({}, 'role', 'messages[3]'),
      refusal("'messages[3].role' is required.", 'messages[3].role'),
    );
    assert.throws(() => readObject({ a: [] }, 'a'), refusal("'a' must be an object, got an array.", 'a'));
  });

  it('describe ranges in words', () => {
    assert.throws(
      () => readNumber({ t: -1 }, 't', { min: 0, max: 2 }),
      refusal("'t' must be a number between 0 and 2.", 't'),
    );
    assert.throws(() => readInteger({ n: 0 }, 'n', { min: 1 }), refusal("'n' must be a positive integer.", 'n'));
    assert.throws(
      () => readInteger({ k: -1 }, 'k', { min: 0 }),
      refusal("'k' must be an integer greater than or equal to 0.", 'k'),
    );
    assert.throws(() => readInteger({ s: 1.5 }, 's'), refusal("'s' must be an integer.", 's'));
    assert.equal(readNumber({ t: 2 }, 't', { min: 0, max: 2 }), 2);
  });

  it('list the allowed values of an enum', () => {
    assert.throws(
      () => readEnum({ f: 'int8' }, 'f', ['float', 'base64']),
      refusal("'f' must be one of 'float', 'base64', got 'int8'.", 'f'),
    );
    assert.equal(readEnum({ f: 'base64' }, 'f', ['float', 'base64']), 'base64');
  });
});
