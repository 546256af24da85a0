import type { CalendarPort } from './calendar-port.js';
import { CalendarToolError } from './calendar-port.js';

const TTL_MS = 10 * 60_000;

/**
 * The time zone to talk to a customer in: their own override, else their calendar's (asked with
 * `get_calendar_info`, remembered for 10 minutes), else the service's default when the calendar
 * cannot tell (not connected, needs reauthorization, unreachable).
 */
export class CustomerTimeZones {
  readonly #calendar: Pick<CalendarPort, 'info'>;
  readonly #fallback: string;
  readonly #cache = new Map<string, { value: string; at: number }>();

  constructor(calendar: Pick<CalendarPort, 'info'>, fallback: string) {
    this.#calendar = calendar;
    this.#fallback = fallback;
  }

  async of(customer: { customer_id: string; time_zone: string | null }): Promise<string> {
    if (customer.time_zone) return customer.time_zone;
    const cached = this.#cache.get(customer.customer_id);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
    try {
      const { timeZone } = await this.#calendar.info(customer.customer_id);
      this.#cache.set(customer.customer_id, { value: timeZone, at: Date.now() });
      return timeZone;
    } catch (err) {
      if (err instanceof CalendarToolError) return this.#fallback;
      throw err;
    }
  }
}
