import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passesIbanChecksum, passesLuhn } from './pii-checksums.js';

describe('passesLuhn', () => {
  it('accepts valid numbers and refuses a changed digit', () => {
    for (const number of ['4111111111111111', '378282246310005', '5555555555554444', '130692544']) {
      assert.equal(passesLuhn(number), true, number);
    }
    for (const number of ['4111111111111112', '378282246310006', '1234567890123456', '', '41x1']) {
      assert.equal(passesLuhn(number), false, number);
    }
  });
});

describe('passesIbanChecksum', () => {
  it('verifies mod 97', () => {
    assert.equal(passesIbanChecksum('DE89370400440532013000'), true);
    assert.equal(passesIbanChecksum('GB82WEST12345698765432'), true);
    assert.equal(passesIbanChecksum('FR1420041010050500013M02606'), true);
    assert.equal(passesIbanChecksum('DE89370400440532013001'), false);
    assert.equal(passesIbanChecksum('GB82WEST1234569876543!'), false);
  });
});
