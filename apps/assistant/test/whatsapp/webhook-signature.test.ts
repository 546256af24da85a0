import { describe, expect, it } from 'vitest';
import { isValidWebhookSignature, webhookSignature } from '../../src/whatsapp/webhook-signature.js';

describe('webhook signature', () => {
  const secret = 'app-secret';
  const body = Buffer.from('{"text":"mañana 😀"}', 'utf8');

  it('matches a known HMAC-SHA256 vector', () => {
    // echo -n 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -hmac key
    expect(webhookSignature(Buffer.from('The quick brown fox jumps over the lazy dog'), 'key')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('accepts the signature of the exact bytes, in either hex case', () => {
    const signature = webhookSignature(body, secret);
    expect(isValidWebhookSignature(body, signature, secret)).toBe(true);
    expect(isValidWebhookSignature(body, `sha256=${signature.slice(7).toUpperCase()}`, secret)).toBe(true);
  });

  it('rejects other bytes, other secrets and malformed headers', () => {
    const signature = webhookSignature(body, secret);
    expect(isValidWebhookSignature(Buffer.from('{"text":"manana"}'), signature, secret)).toBe(false);
    expect(isValidWebhookSignature(body, signature, 'other')).toBe(false);
    expect(isValidWebhookSignature(body, undefined, secret)).toBe(false);
    expect(isValidWebhookSignature(body, [signature, signature], secret)).toBe(false);
    expect(isValidWebhookSignature(body, signature.slice(0, -2), secret)).toBe(false);
    expect(isValidWebhookSignature(body, signature.replace('sha256=', 'sha1='), secret)).toBe(false);
  });
});
