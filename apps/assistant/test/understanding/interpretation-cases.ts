import { describe, expect, it } from 'vitest';
import { type Interpretation, interpret } from '../../src/understanding/index.js';

/** One table row: a message and the fields of its interpretation that must match (others are not checked). */
export interface InterpretationCase {
  readonly text: string;
  readonly now?: string;
  readonly tz?: string;
  readonly expected: Partial<Interpretation>;
}

/** When the message arrives, unless a row says otherwise. */
export interface CaseDefaults {
  readonly now: string;
  readonly tz: string;
}

/** A Wednesday morning in Mexico City: 2026-01-14 10:00 (-06:00). */
export const MEXICO_WEDNESDAY: CaseDefaults = { now: '2026-01-14T10:00:00-06:00', tz: 'America/Mexico_City' };

/** Registers one Vitest case per row, comparing only the fields each row names. */
export function describeCases(title: string, defaults: CaseDefaults, cases: readonly InterpretationCase[]): void {
  describe(title, () => {
    it.each(cases)('$text', ({ text, now, tz, expected }) => {
      const result = interpret(text, now ?? defaults.now, tz ?? defaults.tz);
      const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, result[key as keyof Interpretation]]));
      expect(actual).toEqual(expected);
    });
  });
}
