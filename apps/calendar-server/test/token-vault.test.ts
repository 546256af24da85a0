import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTokenDatabase, type TokenDatabase, type TokenDatabaseLocation, type TokenStore } from '../src/db/token-database.js';
import { EncryptionKeyError, parseEncryptionKey } from '../src/vault/encryption-key.js';
import { DecryptionError, TokenCipher } from '../src/vault/token-cipher.js';
import { MissingRefreshTokenError, TokenVault, VaultKeyMismatchError } from '../src/vault/token-vault.js';
import { testDatabaseEnv } from './harness.js';

const newKey = () => parseEncryptionKey(randomBytes(32).toString('base64'), 'TEST_KEY');

describe('parseEncryptionKey', () => {
  it('accepts 32 random bytes as base64, base64url or hex, with the same id', () => {
    const bytes = randomBytes(32);
    const a = parseEncryptionKey(bytes.toString('base64'), 'K');
    expect(parseEncryptionKey(bytes.toString('base64url'), 'K').id).toBe(a.id);
    expect(parseEncryptionKey(bytes.toString('hex'), 'K').id).toBe(a.id);
    expect(a.bytes.equals(bytes)).toBe(true);
  });

  it.each([
    ['the seed placeholder', 'your-encryption-key'],
    ['a short key', randomBytes(16).toString('base64')],
    ['a repeated byte', Buffer.alloc(32, 7).toString('base64')],
    ['a counting pattern', Buffer.from(Array.from({ length: 32 }, (_, i) => i % 8)).toString('hex')],
    ['an empty string', ''],
  ])('refuses %s and names the variable', (_label, text) => {
    expect(() => parseEncryptionKey(text, 'TOKEN_ENCRYPTION_KEY')).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(text, 'TOKEN_ENCRYPTION_KEY')).toThrow(/TOKEN_ENCRYPTION_KEY/);
  });
});

describe('TokenCipher', () => {
  it('uses a fresh 96-bit nonce for each value and round-trips', () => {
    const cipher = new TokenCipher(newKey());
    const a = cipher.seal('secret', 'ad');
    const b = cipher.seal('secret', 'ad');
    expect(a.nonce).toHaveLength(12);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(cipher.open(a, 'ad')).toBe('secret');
  });

  it('refuses other associated data, tampering, and unknown keys', () => {
    const cipher = new TokenCipher(newKey());
    const sealed = cipher.seal('secret', 'customer-a');
    expect(() => cipher.open(sealed, 'customer-b')).toThrow(DecryptionError);
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, ciphertext: tampered }, 'customer-a')).toThrow(DecryptionError);
    expect(() => new TokenCipher(newKey()).open(sealed, 'customer-a')).toThrow(/no key with id/);
  });
});

describe('TokenVault', () => {
  let dir: string;
  let file: string;
  let location: TokenDatabaseLocation;
  let store: TokenStore;
  let db: TokenDatabase;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-vault-'));
    file = path.join(dir, 'tokens.db');
    // The SQLite file, or (project `postgres`) a fresh PostgreSQL database.
    location = { file, url: (await testDatabaseEnv()).DATABASE_URL };
    store = await openTokenDatabase(location);
    db = store.db;
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const connection = (customerId: string, n = 1) => ({
    customerId,
    email: `${customerId}@ejemplo.com`,
    scopes: ['openid', 'email'],
    accessToken: `ya29.access-${customerId}-${n}-${randomBytes(8).toString('hex')}`,
    refreshToken: `1//refresh-${customerId}-${n}-${randomBytes(8).toString('hex')}`,
    expiryDate: Date.now() + 3_600_000,
  });

  it('stores tokens encrypted: the database file holds none of them', async () => {
    const vault = new TokenVault(db, new TokenCipher(newKey()));
    const c = connection('cliente-123');
    await vault.connect(c);
    expect((await vault.get('cliente-123'))?.tokens).toEqual({ accessToken: c.accessToken, refreshToken: c.refreshToken, expiryDate: c.expiryDate });
    const rows = await db.selectFrom('connections').selectAll().execute();
    await store.close();
    const bytes = location.url
      ? Buffer.concat(rows.flatMap((r) => [Buffer.from(JSON.stringify({ ...r, nonce: undefined, ciphertext: undefined })), r.nonce, r.ciphertext]))
      : Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(bytes.includes(Buffer.from('cliente-123'))).toBe(true);
    expect(bytes.includes(Buffer.from(c.accessToken))).toBe(false);
    expect(bytes.includes(Buffer.from(c.refreshToken))).toBe(false);
    store = await openTokenDatabase(location);
    db = store.db;
  });

  it('keeps the old refresh token when a reconnection brings none, and refuses a first connection without one', async () => {
    const vault = new TokenVault(db, new TokenCipher(newKey()));
    const first = connection('c1');
    await vault.connect(first);
    await vault.connect({ ...connection('c1', 2), refreshToken: undefined });
    const stored = await vault.get('c1');
    expect(stored?.tokens.refreshToken).toBe(first.refreshToken);
    expect(stored?.tokens.accessToken).not.toBe(first.accessToken);
    await expect(vault.connect({ ...connection('c2'), refreshToken: null })).rejects.toBeInstanceOf(MissingRefreshTokenError);
    expect((await vault.status('c2')).status).toBe('not_connected');
  });

  it('a record copied onto another customer does not decrypt', async () => {
    const vault = new TokenVault(db, new TokenCipher(newKey()));
    await vault.connect(connection('alice'));
    await vault.connect(connection('bob'));
    const alice = await db.selectFrom('connections').selectAll().where('customer_id', '=', 'alice').executeTakeFirstOrThrow();
    await db.updateTable('connections').set({ key_id: alice.key_id, nonce: alice.nonce, ciphertext: alice.ciphertext }).where('customer_id', '=', 'bob').execute();
    await expect(vault.get('bob')).rejects.toBeInstanceOf(DecryptionError);
    expect((await vault.get('alice'))?.customerId).toBe('alice');
  });

  it('reports status, needs_reauth and removal', async () => {
    const vault = new TokenVault(db, new TokenCipher(newKey()));
    expect(await vault.status('x')).toEqual({ customer_id: 'x', status: 'not_connected', email: null, scopes: [], connected_at: null, also_connected_for: [] });
    await vault.connect(connection('x'));
    expect(await vault.status('x')).toMatchObject({ status: 'connected', email: 'x@ejemplo.com', scopes: ['openid', 'email'] });
    await vault.markNeedsReauth('x');
    expect((await vault.status('x')).status).toBe('needs_reauth');
    expect((await vault.remove('x'))?.email).toBe('x@ejemplo.com');
    expect((await vault.status('x')).status).toBe('not_connected');
    expect(await vault.remove('x')).toBeUndefined();
  });

  it('rotates keys: readable under B with A as previous, and after rotate with A removed', async () => {
    const keyA = newKey();
    const keyB = newKey();
    const written = [];
    const underA = new TokenVault(db, new TokenCipher(keyA));
    for (let i = 0; i < 250; i++) {
      const c = connection(`cust-${i}`);
      written.push(c);
      await underA.connect(c);
    }
    const bOnly = new TokenVault(db, new TokenCipher(keyB));
    await expect(bOnly.verifyKeys()).rejects.toBeInstanceOf(VaultKeyMismatchError);
    await expect(bOnly.verifyKeys()).rejects.toThrow(/250 connection\(s\) encrypted with key id/);

    const bWithA = new TokenVault(db, new TokenCipher(keyB, [keyA]));
    await bWithA.verifyKeys();
    for (const c of written) expect((await bWithA.get(c.customerId))?.tokens.refreshToken).toBe(c.refreshToken);

    const progress: number[] = [];
    expect(await bWithA.rotate((done) => progress.push(done))).toEqual({ rotated: 250, total: 250 });
    expect(progress).toEqual([200, 250]);
    await bOnly.verifyKeys();
    for (const c of written) expect((await bOnly.get(c.customerId))?.tokens.accessToken).toBe(c.accessToken);
    expect(await bOnly.rotate()).toEqual({ rotated: 0, total: 0 });
  });
});
