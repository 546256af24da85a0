import { DateTime } from 'luxon';
import type { TimeRange } from './calendar-backend.js';

/** When the customer takes bookings: ISO weekdays (1 = Monday … 7 = Sunday) and local hours. */
export interface WorkingHours {
  readonly days: readonly number[];
  /** Local start, `HH:mm`. */
  readonly start: string;
  /** Local end, `HH:mm`, after `start`. */
  readonly end: string;
}

/** Monday to Friday, 09:00 to 18:00. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

/** What to search for free slots. */
export interface SlotQuery {
  readonly range: TimeRange;
  readonly durationMinutes: number;
  readonly stepMinutes: number;
  readonly workingHours: WorkingHours;
  readonly timeZone: string;
  /** Slots nearest to this instant come first (default: the range's start, i.e. earliest first). */
  readonly near?: Date;
  readonly limit: number;
  /** Nothing before this instant is offered. */
  readonly now: Date;
}

const hm = (text: string) => {
  const [h, m] = text.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
};

/**
 * Free slots of `durationMinutes` inside working hours (local wall-clock hours in `timeZone`, so
 * DST days have their real length), not overlapping `busy`, nearest to `near` first.
 */
export function findAvailableSlots(query: SlotQuery, busy: readonly TimeRange[]): TimeRange[] {
  const { range, durationMinutes, stepMinutes, workingHours, timeZone } = query;
  const durationMs = durationMinutes * 60_000;
  const stepMs = stepMinutes * 60_000;
  const earliest = Math.max(range.start.getTime(), query.now.getTime());
  const sortedBusy = [...busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const slots: TimeRange[] = [];

  let day = DateTime.fromJSDate(range.start, { zone: timeZone }).startOf('day');
  const lastDay = DateTime.fromJSDate(range.end, { zone: timeZone }).startOf('day');
  while (day <= lastDay) {
    if (workingHours.days.includes(day.weekday)) {
      const windowStart = day.set({ ...hm(workingHours.start), second: 0, millisecond: 0 }).toMillis();
      const windowEnd = day.set({ ...hm(workingHours.end), second: 0, millisecond: 0 }).toMillis();
      const firstStep = Math.max(0, Math.ceil((earliest - windowStart) / stepMs));
      for (let start = windowStart + firstStep * stepMs; start + durationMs <= Math.min(windowEnd, range.end.getTime()); start += stepMs) {
        const end = start + durationMs;
        if (!sortedBusy.some((b) => b.start.getTime() < end && b.end.getTime() > start)) {
          slots.push({ start: new Date(start), end: new Date(end) });
        }
      }
    }
    day = day.plus({ days: 1 });
  }
  const near = (query.near ?? range.start).getTime();
  return slots
    .map((slot, index) => ({ slot, index, distance: Math.abs(slot.start.getTime() - near) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, query.limit)
    .map((s) => s.slot);
}
