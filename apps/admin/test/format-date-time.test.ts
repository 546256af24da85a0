import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../src/format-date-time';

describe('formatDateTime', () => {
  it("uses the customer's zone when they have one", () => {
    expect(formatDateTime('2026-03-04T21:00:00.000Z', 'America/Mexico_City')).toBe('4 mar 2026, 15:00');
    expect(formatDateTime('2026-03-04T15:00:00-06:00', 'Europe/Madrid')).toBe('4 mar 2026, 22:00');
  });

  it('keeps the wall-clock of a calendar time without a customer zone (the calendar booked it there)', () => {
    expect(formatDateTime('2026-03-04T15:00:00-06:00', null)).toBe('4 mar 2026, 15:00');
    expect(formatDateTime('2026-12-02T15:00:00+05:30')).toBe('2 dic 2026, 15:00');
  });

  it('gives back what is not a date', () => {
    expect(formatDateTime('mañana')).toBe('mañana');
  });
});
