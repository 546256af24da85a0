import type { Intent } from './intent.js';
import type { PartOfDay } from './part-of-day.js';

/** What one customer message means, in the customer's time zone. */
export interface Interpretation {
  readonly intent: Intent;
  /** The day meant, YYYY-MM-DD in the customer's zone: named, or implied by a time ("a mediodía", "en 2 horas"). */
  readonly date: string | null;
  /** Whether the message itself names the day ("mañana", "el viernes", "el 20", "en 3 días"); false when `date` is only implied by a time. */
  readonly dayNamed: boolean;
  /** RFC 3339 with the offset in force that day, e.g. `2026-01-15T15:00:00-06:00`; for `reschedule`, the new time. */
  readonly start: string | null;
  /** An explicit end ("de 3 a 4") or start + duration, else null. */
  readonly end: string | null;
  /** A named length ("una hora" 60, "hora y media" 90) or the length of a named range. */
  readonly durationMinutes: number | null;
  /** 'HH:mm' when a time of day was named, even without a day (the dialog may apply it to offered days). */
  readonly time: string | null;
  /** The part of the day named ("por la tarde", "esta noche", "a las 4 de la tarde"). */
  readonly partOfDay: PartOfDay | null;
  /** A choice among offered options: "la segunda" 2, "la opción 3" 3, "la última" -1. */
  readonly ordinal: number | null;
  /** Whether the message also greets ("Hola, quiero reservar…"). */
  readonly greeting: boolean;
  /** Whether the message corrects itself ("el lunes, no, perdón, el martes"); the later values are the ones reported. */
  readonly corrected: boolean;
  /** Misspelled words read as words of the closed vocabulary ("biernes" → "viernes"). */
  readonly spellings: readonly { readonly written: string; readonly read: string }[];
  /** What the understanding is unsure of; when not empty the assistant asks instead of acting on a guess. */
  readonly doubts: readonly Doubt[];
}

/**
 * Something the understanding read but is not sure of: a misspelling matched below the confidence floor
 * ("mircles" read as "miércoles"), or a self-correction after which nothing it could place was named.
 */
export type Doubt = { readonly kind: 'spelling'; readonly written: string; readonly read: string } | { readonly kind: 'correction' };
