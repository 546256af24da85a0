import { calendarPopupMessageSchema } from '@agendo/contracts';
import { describe, expect, it } from 'vitest';
import { type CallbackOutcome, openerMessage, renderCallbackPage } from '../src/oauth/callback-page.js';

const outcomes: CallbackOutcome[] = [
  { kind: 'connected', customerId: 'c-1', email: 'a@b.co' },
  { kind: 'invalid_request' },
  { kind: 'state_unknown' },
  { kind: 'state_used' },
  { kind: 'state_expired' },
  { kind: 'state_revoked', customerId: 'c-1' },
  { kind: 'access_denied', customerId: 'c-1' },
  { kind: 'google_error', customerId: 'c-1', error: 'server_error' },
  { kind: 'scope_missing', customerId: 'c-1' },
  { kind: 'email_unverified', customerId: 'c-1' },
  { kind: 'email_mismatch', customerId: 'c-1', expected: 'a@b.co', actual: 'x@y.co' },
  { kind: 'exchange_failed', customerId: 'c-1' },
  { kind: 'no_refresh_token', customerId: 'c-1' },
  { kind: 'storage_unavailable' },
];

describe("the callback page's message to the admin", () => {
  it.each(outcomes.map((o) => [o.kind, o] as const))("%s: is the contract's popup message, as embedded in the page", (_kind, outcome) => {
    const message = openerMessage(outcome);
    expect(calendarPopupMessageSchema.parse(message)).toEqual(message);
    const page = renderCallbackPage(outcome, 'http://localhost:5173');
    const embedded = /var r = (\{.*\});/.exec(page.html)?.[1] ?? '';
    expect(calendarPopupMessageSchema.parse((JSON.parse(embedded) as { message: unknown }).message)).toEqual(message);
  });
});
