import { describe, expect, it } from 'vitest';
import { EmulatorConfigError, loadEmulatorConfig } from '../src/config.js';

describe("the stand-in's configuration", () => {
  it('defaults to the demo client, the default port and memory', () => {
    const config = loadEmulatorConfig({});
    expect(config).toMatchObject({
      port: 60080,
      stateFile: undefined,
      client: { clientId: 'agendo-demo.apps.googleusercontent.com', redirectUris: ['http://localhost:60000/oauth/callback'] },
    });
  });

  it('reads several redirect URIs and counts an empty variable as unset', () => {
    const config = loadEmulatorConfig({ GOOGLE_OAUTH_REDIRECT_URI: 'http://a.test/cb, http://b.test/cb', EMULATOR_STATE_FILE: '  ', EMULATOR_PORT: '0' });
    expect(config.client.redirectUris).toEqual(['http://a.test/cb', 'http://b.test/cb']);
    expect(config.stateFile).toBeUndefined();
    expect(config.port).toBe(0);
  });

  it('stops with a message naming each invalid variable', () => {
    const attempt = () => loadEmulatorConfig({ EMULATOR_PORT: 'eighty', GOOGLE_OAUTH_REDIRECT_URI: 'ftp://x' });
    expect(attempt).toThrow(EmulatorConfigError);
    expect(attempt).toThrow(/EMULATOR_PORT: must be a port number[\s\S]*GOOGLE_OAUTH_REDIRECT_URI/);
  });
});
