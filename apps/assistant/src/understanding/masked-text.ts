/** Character that replaces consumed text; normalized text never contains it. */
const MASK = '|';

/**
 * Normalized message text from which extractors consume the spans they understood, so that a later
 * extractor cannot read the same words again ("de la mañana" inside a time is not "mañana" the day).
 * Masking keeps every index stable.
 */
export class MaskedText {
  #text: string;

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
    let match = regex.exec(this.#text);
    while (match !== null) {
      if (match[0].length === 0) {
        regex.lastIndex += 1;
      } else if (!match[0].includes(MASK) && accept(match)) {
        this.mask(match.index, match.index + match[0].length);
      }
      match = regex.exec(this.#text);
    }
  }

  /** Consumes the span [start, end). */
  mask(start: number, end: number): void {
    this.#text = this.#text.slice(0, start) + MASK.repeat(end - start) + this.#text.slice(end);
  }

  /** Up to `count` whole words right before `index` (consumed spans count as the word `|`). */
  wordsBefore(index: number, count: number): string[] {
    const words = this.#text.slice(0, index).replace(/\|+/g, '|').trim().split(' ').filter((word) => word !== '');
    return words.slice(-count);
  }

  /** Whether nothing but consumed spans, spaces and the given filler words remain. */
  isEmptyExcept(filler: RegExp): boolean {
    return this.#text.replace(/\|+/g, ' ').replace(filler, ' ').trim() === '';
  }
}
