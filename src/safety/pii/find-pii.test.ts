import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PII_KINDS, type PiiKind } from '../../spec/index.js';
import { findPii, redactPii } from './find-pii.js';

const ALL = new Set(PII_KINDS);

/** The matched texts of one kind (all kinds searched). */
function found(text: string, kind: PiiKind): string[] {
  return findPii(text, ALL)
    .filter((match) => match.kind === kind)
    .map((match) => text.slice(match.start, match.end));
}

describe('findPii', () => {
  it('finds email addresses, not file names', () => {
    assert.deepEqual(found('Write to jane.doe+news@mail.example.co.uk or ops@example.com.', 'email'), [
      'jane.doe+news@mail.example.co.uk',
      'ops@example.com',
    ]);
    assert.deepEqual(found('See logo@2x.png and git@github', 'email'), []);
  });

  it('finds phone numbers in E.164 and national formats', () => {
    assert.deepEqual(
      found(
        'Call +44 20 7946 0958, +14155552671, (415) 555-2671, 415-555-2671, 415.555.2671, 020 7946 0958 or 06 12 34 56 78.',
        'phone',
      ),
      [
        '+44 20 7946 0958',
        '+14155552671',
        '(415) 555-2671',
        '415-555-2671',
        '415.555.2671',
        '020 7946 0958',
        '06 12 34 56 78',
      ],
    );
    assert.deepEqual(found('My mobile: 4155552671', 'phone'), ['4155552671']);
  });

  it('leaves dates, versions, addresses, times and order numbers alone', () => {
    const text =
      'On 2024-01-15 at 10:30:45 we shipped 1.2.3.4 to 192.168.100.200; order no. 415-555-2671, ' +
      'invoice 2024 0001 2345, pi is 3.14159265358, the count was 123456789012 and 2 000 000 people came.';
    assert.deepEqual(found(text, 'phone'), []);
  });

  it('finds Luhn-valid card numbers of known issuers', () => {
    const text =
      'Visa 4111 1111 1111 1111, Amex 3782-822463-10005, Mastercard 5555555555554444, ' +
      'bad Luhn 4111 1111 1111 1112, unknown issuer 9999 9999 9999 9995, too short 4111 1111 111.';
    assert.deepEqual(found(text, 'payment_card'), ['4111 1111 1111 1111', '3782-822463-10005', '5555555555554444']);
  });

  it('finds IBANs with a valid checksum, with or without spaces', () => {
    const text =
      'Pay DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432 by Friday; not DE89 3704 0044 0532 0130 01 ' +
      'nor GB82WEST1234569876543.';
    assert.deepEqual(found(text, 'iban'), ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432']);
  });

  it('finds national identity numbers that pass their rules', () => {
    const text =
      'SSN 123-45-6789 (not 000-12-3456, 666-12-3456, 912-34-5678 or 123-00-6789), NINO AB 12 34 56 C ' +
      '(not QQ 12 34 56 C or GB123456A), SIN 130 692 544 (not 130 692 545), DNI 12345678Z (not 12345678A), NIE X1234567L.';
    assert.deepEqual(found(text, 'national_id'), [
      '123-45-6789',
      'AB 12 34 56 C',
      '130 692 544',
      '12345678Z',
      'X1234567L',
    ]);
  });

  it('finds credentials by their vendors’ shapes', () => {
    const secrets = [
      'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
      'sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe',
      'xai-Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
      'xoxb-1234567890-abcdefghij',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ];
    const text = secrets.map((secret, index) => `key ${index}: ${secret}`).join('\n');
    assert.deepEqual(found(text, 'secret'), secrets);
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----';
    assert.deepEqual(found(`before\n${key}\nafter`, 'secret'), [key]);
    assert.deepEqual(found('api_key = "a1b2c3d4e5f6g7h8i9j0"', 'secret'), ['a1b2c3d4e5f6g7h8i9j0']);
    assert.deepEqual(
      found('api_key = process.env.OPENAI_API_KEY; sk-learn; the task-oriented-dialogue-system', 'secret'),
      [],
    );
  });

  it('searches only the kinds asked for, sorted and without overlaps', () => {
    const text = 'Card 4111 1111 1111 1111, mail a@example.com, phone +1 415 555 2671.';
    assert.deepEqual(
      findPii(text, new Set<PiiKind>(['email'])).map((match) => match.kind),
      ['email'],
    );
    const matches = findPii(text, ALL);
    assert.deepEqual(
      matches.map((match) => match.kind),
      ['payment_card', 'email', 'phone'],
    );
    for (let index = 1; index < matches.length; index++) {
      assert.ok((matches[index - 1]?.end ?? 0) <= (matches[index]?.start ?? 0));
    }
  });
});

describe('redactPii', () => {
  it('replaces each match with its kind', () => {
    const text = 'Mail jane@example.com or call +44 20 7946 0958 about card 4111-1111-1111-1111.';
    assert.equal(
      redactPii(text, findPii(text, ALL)),
      'Mail [REDACTED:EMAIL] or call [REDACTED:PHONE] about card [REDACTED:PAYMENT_CARD].',
    );
    assert.equal(redactPii(text, []), text);
  });

  it('skips overlapping or out-of-range matches', () => {
    assert.equal(
      redactPii('abcdef', [
        { kind: 'secret', start: 1, end: 3 },
        { kind: 'email', start: 2, end: 4 },
        { kind: 'phone', start: 5, end: 99 },
      ]),
      'a[REDACTED:SECRET]def',
    );
  });
});
