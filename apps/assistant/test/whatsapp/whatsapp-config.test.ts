import { describe, expect, it } from 'vitest';
import { parseWhatsAppConfig } from '../../src/whatsapp/whatsapp-config.js';

const complete = {
  WHATSAPP_VERIFY_TOKEN: 'verify',
  WHATSAPP_APP_SECRET: 'secret-value',
  WHATSAPP_ACCESS_TOKEN: 'EAAG-token-value',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
};

describe('parseWhatsAppConfig', () => {
  it('is undefined (channel disabled) when no WHATSAPP_* variable is set', () => {
    expect(parseWhatsAppConfig({})).toBeUndefined();
    expect(parseWhatsAppConfig({ PATH: '/usr/bin', WHATSAPP_APP_SECRET: '' })).toBeUndefined();
  });

  it('reads a complete configuration with the defaults', () => {
    expect(parseWhatsAppConfig(complete)).toEqual({
      verifyToken: 'verify',
      appSecret: 'secret-value',
      accessToken: 'EAAG-token-value',
      phoneNumberId: '106540352242922',
      apiBaseUrl: 'https://graph.facebook.com',
      apiVersion: 'v21.0',
    });
  });

  it('takes the base URL (without trailing slash) and version when given', () => {
    const config = parseWhatsAppConfig({
      ...complete,
      WHATSAPP_API_BASE_URL: 'http://127.0.0.1:9999/',
      WHATSAPP_API_VERSION: 'v23.0',
    });
    expect(config?.apiBaseUrl).toBe('http://127.0.0.1:9999');
    expect(config?.apiVersion).toBe('v23.0');
  });

  it('throws naming every missing variable when partly set, without the values', () => {
    let error: unknown;
    try {
      parseWhatsAppConfig({ WHATSAPP_APP_SECRET: 'secret-value', WHATSAPP_ACCESS_TOKEN: 'EAAG-token-value' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('WHATSAPP_VERIFY_TOKEN');
    expect(message).toContain('WHATSAPP_PHONE_NUMBER_ID');
    expect(message).not.toContain('WHATSAPP_APP_SECRET');
    expect(message).not.toContain('WHATSAPP_ACCESS_TOKEN');
    expect(message).not.toContain('secret-value');
    expect(message).not.toContain('EAAG-token-value');
  });

  it('counts the optional variables as "set" too', () => {
    expect(() => parseWhatsAppConfig({ WHATSAPP_API_VERSION: 'v21.0' })).toThrow(
      /WHATSAPP_VERIFY_TOKEN[\s\S]*WHATSAPP_APP_SECRET[\s\S]*WHATSAPP_ACCESS_TOKEN[\s\S]*WHATSAPP_PHONE_NUMBER_ID/,
    );
  });

  it('rejects a malformed API version or base URL', () => {
    for (const version of ['21.0', 'v21', 'latest', 'v21.0.1']) {
      expect(() => parseWhatsAppConfig({ ...complete, WHATSAPP_API_VERSION: version }), version).toThrow(/WHATSAPP_API_VERSION/);
    }
    expect(() => parseWhatsAppConfig({ ...complete, WHATSAPP_API_BASE_URL: 'graph.facebook.com' })).toThrow(/WHATSAPP_API_BASE_URL/);
    expect(() => parseWhatsAppConfig({ ...complete, WHATSAPP_API_BASE_URL: 'ftp://graph.facebook.com' })).toThrow(/WHATSAPP_API_BASE_URL/);
  });
});
