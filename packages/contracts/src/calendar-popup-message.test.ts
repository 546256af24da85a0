import { describe, expect, it } from 'vitest';
import { calendarPopupMessageSchema } from './calendar-popup-message.js';

describe('the OAuth popup message', () => {
  it('reads a connection and a failure', () => {
    expect(calendarPopupMessageSchema.parse({ type: 'agendo:calendar-connected', customer_id: 'c-1', email: 'a@b.co', also_connected_for: ['c-2'] })).toEqual({
      type: 'agendo:calendar-connected',
      customer_id: 'c-1',
      email: 'a@b.co',
      also_connected_for: ['c-2'],
    });
    expect(calendarPopupMessageSchema.parse({ type: 'agendo:calendar-error', reason: 'state_unknown', message: 'Enlace de autorización no válido' }).type).toBe(
      'agendo:calendar-error',
    );
  });

  it('refuses anything else posted to the window', () => {
    for (const data of [
      null,
      'agendo:calendar-connected',
      { type: 'agendo:calendar-connected', customer_id: 'c-1' },
      { type: 'agendo:calendar-error', customer_id: 'c-1', reason: '', message: 'x' },
      { type: 'agendo:calendar-error', customer_id: 'c-1', reason: 'access_denied' },
      { type: 'webpackHotUpdate', customer_id: 'c-1', email: 'a@b.co' },
    ]) {
      expect(calendarPopupMessageSchema.safeParse(data).success, JSON.stringify(data)).toBe(false);
    }
  });
});
