import { CORRECTION_TOKEN } from './correction-markers.js';

/** Words after a marker that say nothing to place ("…, perdón, gracias"). */
const COURTESY = /\b(?:por favor|gracias|perdon|disculpa|ok|vale|eso|nada mas)\b|\|+/g;

const TOKEN = new RegExp(`(?<![a-z])${CORRECTION_TOKEN}(?![a-z])`, 'g');

/**
 * A message cut at its self-corrections: segment 0 is what was said first, segment n what follows the n-th
 * correction marker. For each field (day, time, length) the value named in the latest segment that names one
 * wins, so "el lunes a las 4, no no, el martes" takes the day from segment 1 and keeps the hour of segment 0.
 */
export class CorrectionSegments {
  readonly #markers: readonly number[];

  /** Reads the markers of a normalized message (see `markCorrections`). */
  constructor(text: string) {
    this.#markers = [...text.matchAll(TOKEN)].map((match) => match.index);
  }

  /** How many correction markers the message has. */
  get markerCount(): number {
    return this.#markers.length;
  }

  /** Which segment a position belongs to. */
  segmentOf(index: number): number {
    let low = 0;
    let high = this.#markers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#markers[middle] ?? Infinity) < index) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The latest segment in which any of these mentions (of one field) lies; 0 when there are none. */
  latestSegment(mentions: readonly { readonly index: number }[]): number {
    let latest = 0;
    for (const mention of mentions) latest = Math.max(latest, this.segmentOf(mention.index));
    return latest;
  }

  /** The mentions that lie in one segment (all of them when the message has no markers). */
  within<T extends { readonly index: number }>(mentions: readonly T[], segment: number): T[] {
    if (this.#markers.length === 0) return [...mentions];
    return mentions.filter((mention) => this.segmentOf(mention.index) === segment);
  }

  /**
   * Whether some correction could not be placed: something was named before a marker, and nothing the
   * understanding reads (day, time, length, part of the day) follows it before the next marker or the end,
   * though something else was said ("mañana a las 5, no, perdón, la otra"). A bare apology at the end
   * ("…a las 5, perdón") corrects nothing. `text` is the masked text the indexes refer to.
   */
  hasUnplacedCorrection(mentionIndexes: readonly number[], text: string): boolean {
    if (this.#markers.length === 0) return false;
    const segments = new Set(mentionIndexes.map((index) => this.segmentOf(index)));
    for (let marker = 1; marker <= this.#markers.length; marker += 1) {
      const namedBefore = [...segments].some((segment) => segment < marker);
      const from = (this.#markers[marker - 1] ?? 0) + CORRECTION_TOKEN.length;
      const said = text.slice(from, this.#markers[marker] ?? text.length).replace(COURTESY, ' ');
      if (namedBefore && !segments.has(marker) && /[a-z0-9]/.test(said)) return true;
    }
    return false;
  }

  /** The message without its markers, for reading the intent. */
  static withoutMarkers(text: string): string {
    return text.replace(TOKEN, ' ').replace(/\s+/g, ' ').trim();
  }
}
