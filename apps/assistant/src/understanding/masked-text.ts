/** Character that replaces consumed text; normalized text never contains it. */
const MASK = '|';

/** How far back `wordsBefore` looks: far more than two words, and it keeps the lookup independent of the text's length. */
const LOOKBACK = 200;

/**
 * Normalized message text from which extractors consume the spans they understood, so that a later
 * extractor cannot read the same words again ("de la mañana" inside a time is not "mañana" the day).
 * Masking keeps every index stable. Each pass rebuilds the text once, so a long message costs linear time.
 */
export class MaskedText {
  #text: string;
  /** Spans consumed during the current pass, applied when it ends. */
  #pending: Array<readonly [number, number]> = [];

  constructor(text: string) {
    this.#text = text;
  }

  /** The current text, consumed spans shown as `|` runs. */
  get text(): string {
    return this.#text;
  }

  /**
   * Runs a global regular expression over the unconsumed text; each match for which `accept` returns true
   * is consumed. Matches never overlap consumed spans.
   */
  consume(pattern: RegExp, accept: (match: RegExpExecArray) => boolean): void {
    const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    const text = this.#text;
    let match = regex.exec(text);
    while (match !== null) {
      if (match[0].length === 0) {
        regex.lastIndex += 1;
      } else if (!match[0].includes(MASK) && accept(match)) {
        this.#pending.push([match.index, match.index + match[0].length]);
      }
      match = regex.exec(text);
    }
    this.#applyPending();
  }

  /** Consumes the span [start, end). */
  mask(start: number, end: number): void {
    this.#pending.push([start, end]);
    this.#applyPending();
  }

  #applyPending(): void {
    if (this.#pending.length === 0) return;
    const spans = this.#pending.sort((a, b) => a[0] - b[0]);
    const parts: string[] = [];
    let at = 0;
    for (const [start, end] of spans) {
      const from = Math.max(start, at);
      if (end <= from) continue;
      parts.push(this.#text.slice(at, from), MASK.repeat(end - from));
      at = end;
    }
    parts.push(this.#text.slice(at));
    this.#text = parts.join('');
    this.#pending = [];
  }

  /** Up to `count` whole words right before `index` (consumed spans, also those of the current pass, count as the word `|`). */
  wordsBefore(index: number, count: number): string[] {
    const from = Math.max(0, index - LOOKBACK);
    let window = this.#text.slice(from, index);
    for (const [start, end] of this.#pending) {
      if (end <= from || start >= index) continue;
      const a = Math.max(start, from) - from;
      const b = Math.min(end, index) - from;
      window = window.slice(0, a) + MASK.repeat(b - a) + window.slice(b);
    }
    const words = window
      .replace(/\|+/g, '|')
      .trim()
      .split(' ')
      .filter((word) => word !== '');
    if (from > 0 && words.length > count) return words.slice(-count);
    return from > 0 ? words.slice(1).slice(-count) : words.slice(-count);
  }

  /** Whether nothing but consumed spans, spaces and the given filler words remain. */
  isEmptyExcept(filler: RegExp): boolean {
    return this.#text.replace(/\|+/g, ' ').replace(filler, ' ').trim() === '';
  }
}
