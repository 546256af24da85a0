import { createHash, createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Public half of the signing key as published in Google's JWKS (`/oauth2/v3/certs`). */
export interface PublicJwk {
  kid: string;
  kty: 'RSA';
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

function base64UrlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** RSA-2048 key that signs ID tokens; generated once per emulator instance, or restored from its state file. */
export class SigningKey {
  /** Key id, like Google's: 40 hex characters. */
  readonly kid: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as served by `/oauth2/v1/certs`. */
  readonly publicKeyPem: string;
  readonly jwk: PublicJwk;
  readonly #privateKey: KeyObject;

  private constructor(privateKey: KeyObject, publicKey: KeyObject) {
    this.#privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.kid = createHash('sha1')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
    const { n, e } = publicKey.export({ format: 'jwk' });
    if (n === undefined || e === undefined) throw new Error('RSA public key without modulus or exponent');
    this.jwk = { kid: this.kid, kty: 'RSA', alg: 'RS256', use: 'sig', n, e };
  }

  /** Generates a fresh RSA-2048 key pair. */
  static generate(): SigningKey {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return new SigningKey(privateKey, publicKey);
  }

  /**
   * Restores a key saved with {@link toPrivateJwk}, so that ID tokens issued before a restart still
   * verify. Throws if `jwk` is not an RSA private key.
   */
  static fromPrivateJwk(jwk: JsonWebKey): SigningKey {
    if (jwk.kty !== 'RSA') throw new Error(`expected an RSA key, got kty ${String(jwk.kty)}`);
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    return new SigningKey(privateKey, createPublicKey(privateKey));
  }

  /** The private key as a JWK, for the emulator's state file only (never served). */
  toPrivateJwk(): JsonWebKey {
    return this.#privateKey.export({ format: 'jwk' });
  }

  /** Signs `payload` as a compact RS256 JWT with header `{alg, kid, typ}`. */
  signJwt(payload: object): string {
    const signingInput = `${base64UrlJson({ alg: 'RS256', kid: this.kid, typ: 'JWT' })}.${base64UrlJson(payload)}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(this.#privateKey).toString('base64url');
    return `${signingInput}.${signature}`;
  }
}
