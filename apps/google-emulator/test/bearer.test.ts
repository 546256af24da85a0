import { describe, expect, it } from 'vitest';
import { authenticateBearer } from '../src/index.js';
import { EmulatorState } from '../src/state/state.js';
import { CALENDAR_SCOPE, CLIENT } from './fixtures.js';

function stateWithToken() {
  const state = new EmulatorState([CLIENT]);
  const grant = state.createGrant({ email: 'Ana@Example.com', clientId: CLIENT.clientId, scopes: [CALENDAR_SCOPE], offline: true });
  return { state, grant, token: state.issueAccessToken(grant).token };
}

describe('authenticateBearer', () => {
  it('returns who a live token speaks for', () => {
    const { state, token } = stateWithToken();
    expect(authenticateBearer(state, `Bearer ${token}`)).toEqual({
      email: 'ana@example.com',
      scopes: [CALENDAR_SCOPE],
      clientId: CLIENT.clientId,
    });
    expect(authenticateBearer(state, `bearer ${token}`)).not.toBeNull();
  });

  it('returns null for missing, malformed, unknown, expired or revoked tokens', () => {
    const { state, grant, token } = stateWithToken();
    expect(authenticateBearer(state, undefined)).toBeNull();
    expect(authenticateBearer(state, token)).toBeNull();
    expect(authenticateBearer(state, 'Bearer ya29.unknown')).toBeNull();

    state.expireAccessTokens();
    expect(authenticateBearer(state, `Bearer ${token}`)).toBeNull();

    const fresh = state.issueAccessToken(grant).token;
    expect(authenticateBearer(state, `Bearer ${fresh}`)).not.toBeNull();
    state.revokeGrant(grant);
    expect(authenticateBearer(state, `Bearer ${fresh}`)).toBeNull();
  });
});
