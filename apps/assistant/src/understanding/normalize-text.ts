import { expandChatAbbreviation, expandPunctuatedAbbreviations } from './chat-abbreviations.js';
import { markCorrections } from './correction-markers.js';
import { undiminish } from './diminutives.js';
import { isFillerWord } from './filler-words.js';
import { squeezeRepeatedLetters } from './repeated-letters.js';
import { matchVocabulary, type SpellingCorrection } from './tolerant-matching.js';

/** Emoji that carry a meaning in a booking chat, replaced by the word they stand for. */
const MEANINGFUL_EMOJI: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}\u{1F197}\u{1F64C}\u{1F91D}]/gu, ' ok '],
  [/[\u{1F44E}\u{274C}\u{1F6AB}\u{2716}\u{26D4}]/gu, ' no '],
  [/\u{1F64F}/gu, ' gracias '],
  [/\u{1F44B}/gu, ' hola '],
];

/** Chat shorthand that spans words, applied once every word is in its plain form. */
const SHORTHAND: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bpor\s*fa(?:vor)?\b|\bporfa(?:vor)?\b/g, 'por favor'],
  [/\bno hay (?:problemas?|drama|lio|rollo)\b|\bno pasa nada\b|\bno problem\b/g, 'sin problema'],
  [/\bmedio dia\b/g, 'mediodia'],
  [/\bmedia noche\b/g, 'medianoche'],
];

/** A message in canonical form, with the misspellings that were read as vocabulary words. */
export interface NormalizedMessage {
  readonly text: string;
  readonly spellings: readonly SpellingCorrection[];
}

/** The plain form of one word: abbreviation expanded, diminutive undone, misspelling read as its word. */
function plainWord(word: string, spellings: SpellingCorrection[]): string {
  const expanded = expandChatAbbreviation(word);
  if (expanded !== word) return expanded;
  const plain = undiminish(word);
  if (plain !== word) return plain;
  const match = matchVocabulary(word);
  if (match === null) return word;
  spellings.push(match);
  return match.read;
}

/**
 * Canonical form of a chat message for matching, in linear time: lower case; meaningful emoji as words and the
 * rest dropped; no accents (ñ becomes n); "3 p. m." as "3 pm", "19hs" as "19 hs"; stretched letters squeezed
 * ("siii", "graciass"); self-corrections marked ("no, perdón" → `corrijo`); punctuation turned into spaces
 * (":" "/" "." "-" survive between digits); then word by word: chat abbreviations expanded ("mñn", "xfa", "q",
 * "pa"), diminutives undone ("horita"), filler dropped ("oye", "jaja"), and misspellings of the closed
 * vocabulary read as their word ("biernes", "sita", "kiero").
 */
export function normalizeMessage(raw: string): NormalizedMessage {
  let text = raw.normalize('NFC').toLowerCase();
  for (const [pattern, word] of MEANINGFUL_EMOJI) text = text.replace(pattern, word);
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is removed on its own, joiners and modifiers included
  text = text.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]/gu, ' ');
  text = text.replace(/(\d)\s*[º°]/g, '$1o').replace(/(\d)\s*ª/g, '$1a');
  text = text.normalize('NFD').replace(/\p{M}/gu, '');
  text = text.replace(/(\d)\s*([ap])\s*\.?\s*m\b\.?/g, '$1 $2m');
  text = text.replace(/(\d)\s*(?:hrs?|hs|h)\.?(?![a-z0-9])/g, '$1 hs');
  text = squeezeRepeatedLetters(text);
  text = expandPunctuatedAbbreviations(text);
  text = markCorrections(text);
  text = text.replace(/[¿?¡!,;()"“”«»'’‘`…[\]{}*_~|<>=+°º]/g, ' ');
  text = text.replace(/(?<!\d)[.:/-]|[.:/-](?!\d)/g, ' ');
  const spellings: SpellingCorrection[] = [];
  const words: string[] = [];
  for (const word of text.split(/\s+/)) {
    if (word === '' || isFillerWord(word)) continue;
    words.push(plainWord(word, spellings));
  }
  text = words.join(' ');
  for (const [pattern, replacement] of SHORTHAND) text = text.replace(pattern, replacement);
  return { text: text.replace(/\s+/g, ' ').trim(), spellings };
}

/** The canonical text of {@link normalizeMessage}, without the spelling report. */
export function normalizeText(raw: string): string {
  return normalizeMessage(raw).text;
}
