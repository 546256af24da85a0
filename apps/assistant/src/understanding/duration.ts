import type { MaskedText } from './masked-text.js';

const DURATION_PARTS = String.raw`(?:(?<hours>\d{1,2}(?:[.,]5)?|media)\s*(?:horas?|hs)\b(?:\s*(?:y\s*)?(?:(?<half>media)\b|(?<quarter>cuarto)\b|(?<minutesAfter>\d{1,2})\s*(?:minutos?|mins?|m)\b))?|(?<compactHours>\d{1,2})h(?<compactMinutes>\d{2})\b|horas?\s+y\s+(?<bare>media|cuarto)\b|(?:1\s+|un\s+)?cuarto\s+de\s+hora\b|(?<quarters>[1-3])\s+cuartos\s+de\s+hora\b|(?<minutes>\d{1,3})\s*(?:minutos?|mins?|m)\b|(?<hoursAndHalf>\d{1,2})\s+y\s+media\s+horas?\b)`;

const DURATION_PARTS_REGEX = new RegExp(`^${DURATION_PARTS}$`);

/** Source of a regular expression matching one written length ("1 hora y media", "30 minutos", "media hora"); no groups. */
export const DURATION_SOURCE = DURATION_PARTS.replace(/\(\?<[a-zA-Z]+>/g, '(?:');

/** Minutes in a string matched by DURATION_SOURCE, null when it is none. Number words must already be digits. */
export function parseDurationMinutes(written: string): number | null {
  const g = DURATION_PARTS_REGEX.exec(written)?.groups;
  if (g === undefined) return null;
  if (g.hours !== undefined) {
    const hours = g.hours === 'media' ? 0.5 : Number(g.hours.replace(',', '.'));
    const extra = g.half !== undefined ? 30 : g.quarter !== undefined ? 15 : Number(g.minutesAfter ?? 0);
    return Math.round(hours * 60) + extra;
  }
  if (g.compactHours !== undefined) return Number(g.compactHours) * 60 + Number(g.compactMinutes);
  if (g.bare !== undefined) return g.bare === 'media' ? 90 : 75;
  if (g.quarters !== undefined) return Number(g.quarters) * 15;
  if (g.minutes !== undefined) return Number(g.minutes);
  if (g.hoursAndHalf !== undefined) return Number(g.hoursAndHalf) * 60 + 30;
  return 15;
}

const DURATION = new RegExp(String.raw`\b${DURATION_SOURCE}`, 'g');

/** A length named in a message, where it was named. */
export interface DurationMention {
  readonly index: number;
  readonly minutes: number;
}

/**
 * Finds the lengths named in a message ("una hora", "30 minutos", "hora y media", "media hora", "1h30"), in
 * order, and consumes them. Must run after times ("a las 19 horas") and relative offsets.
 */
export function extractDurations(text: MaskedText): DurationMention[] {
  const found: DurationMention[] = [];
  text.consume(DURATION, (match) => {
    const minutes = parseDurationMinutes(match[0]);
    if (minutes === null || minutes === 0) return false;
    found.push({ index: match.index, minutes });
    return true;
  });
  return found;
}
