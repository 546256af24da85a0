import { localTime } from '../conversation/spanish-dates.js';
import type { Interpretation } from '../understanding/index.js';
import type { PendingAction } from './pending-action.js';

/**
 * Whether the customer's message is an explicit yes to `pending`: the understanding reads it as a
 * confirmation and, if it names a time, it is the proposed one ("sí, a las 3" confirms 15:00; "sí,
 * pero a las 5" does not).
 */
export function confirmsPending(interpretation: Interpretation, pending: PendingAction, timeZone: string): boolean {
  if (interpretation.intent !== 'confirm') return false;
  if (pending.kind === 'cancel' || interpretation.time === null) return true;
  return interpretation.time === localTime(pending.start, timeZone);
}
