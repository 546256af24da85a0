import { CalendarToolError } from '../calendar/calendar-port.js';
import type { LlmTurn } from './llm-turn.js';

/** Failures the model cannot work around: the turn ends and the customer is told plainly. */
const TURN_ENDING_CODES: ReadonlySet<CalendarToolError['code']> = new Set(['not_connected', 'needs_reauth', 'unreachable']);

/**
 * Runs one call of the typed calendar client for the turn. A failure is re-thrown as an error the model
 * reads (`code: message`, and the bad fields of an `invalid_argument`, so it can correct them); one that
 * no retry can fix is also recorded on the turn, which ends it. The {@link CalendarToolError} is the cause.
 */
export async function callCalendar<T>(turn: LlmTurn, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof CalendarToolError)) throw err;
    if (TURN_ENDING_CODES.has(err.code)) turn.calendarProblem ??= err;
    const fields = err.issues.length > 0 ? ` ${JSON.stringify({ issues: err.issues })}` : '';
    throw new Error(`${err.code}: ${err.message}${fields}`, { cause: err });
  }
}
