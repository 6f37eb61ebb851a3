import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveAdminKey, resolveSecretKey } from './resolve-keys.js';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  it('encrypts so that the ciphertext does not contain the secret, and decrypts it back', () => {
    const box = new SecretBox('a passphrase');
    const sealed = box.encrypt('xai-secret-key-123');
    assert.ok(!sealed.includes('xai-secret-key-123'));
    assert.match(sealed, /^v1:[\w-]+:[\w-]+:[\w-]+$/);
    assert.notEqual(box.encrypt('xai-secret-key-123'), sealed, 'a fresh IV every time');
    assert.equal(box.decrypt(sealed), 'xai-secret-key-123');
    assert.equal(new SecretBox('a passphrase').decrypt(sealed), 'xai-secret-key-123', 'same key string, same key');
  });

  it('refuses another key and altered ciphertext', () => {
    const sealed = new SecretBox('right').encrypt('value');
    assert.throws(() => new SecretBox('wrong').decrypt(sealed), /HANGAR_SECRET_KEY/);
    const parts = sealed.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('other').toString('base64url')].join(':');
    assert.throws(() => new SecretBox('right').decrypt(tampered), /cannot be decrypted/);
    assert.throws(() => new SecretBox('right').decrypt('plain'), /format/);
  });
});

describe('key files', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hangar-keys-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses the configured secret key over any file', () => {
    assert.equal(resolveSecretKey({ secretKey: 'from-env', dataDir }), 'from-env');
  });

  it('generates secret.key once, private to its owner, and reads it afterwards', () => {
    const directory = join(dataDir, 'nested');
    const first = resolveSecretKey({ dataDir: directory });
    assert.equal(first.length, 43, '32 bytes of base64url');
    assert.equal(statSync(join(directory, 'secret.key')).mode & 0o777, 0o600);
    assert.equal(resolveSecretKey({ dataDir: directory }), first);
  });

  it('resolves the admin key from config, a generated file, then the file', () => {
    assert.deepEqual(resolveAdminKey({ adminKey: 'operator-key', dataDir }), { key: 'operator-key', source: 'env' });
    const generated = resolveAdminKey({ dataDir });
    assert.equal(generated.source, 'generated');
    assert.match(generated.key, /^hgr_admin_[\w-]{43}$/);
    assert.equal(readFileSync(join(dataDir, 'admin.key'), 'utf8').trim(), generated.key);
    assert.equal(statSync(join(dataDir, 'admin.key')).mode & 0o777, 0o600);
    assert.deepEqual(resolveAdminKey({ dataDir }), { key: generated.key, source: 'file' });
  });

  it('refuses an empty key file rather than running with an empty key', () => {
    const directory = mkdtempSync(join(dataDir, 'empty-'));
    writeFileSync(join(directory, 'admin.key'), '\n');
    assert.throws(() => resolveAdminKey({ dataDir: directory }), /is empty/);
  });
});
