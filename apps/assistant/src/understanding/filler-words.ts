/** Words that carry nothing for a booking: interjections, vocatives, laughter. */
const FILLER = new Set([
  'oye',
  'oiga',
  'oigan',
  'mira',
  'mire',
  'miren',
  'che',
  'eh',
  'ehh',
  'em',
  'ehm',
  'mm',
  'hm',
  'hmm',
  'um',
  'pues',
  'ps',
  'wey',
  'guey',
  'guei',
  'bro',
  'amigo',
  'amiga',
  'compa',
  'parce',
  'parcero',
  'chamo',
  'boludo',
  'tio',
  'tia',
  'ah',
  'uf',
  'uff',
  'xd',
  'lol',
  'jaja',
  'jeje',
  'jiji',
  'jajaja',
  'jejeje',
  'jajajaja',
  'ja',
  'je',
  'jsjs',
  'jsjsjs',
  'nomas',
]);

/** Laughter of any length ("jajaja", "jejeje", "jsjsjs", "ajaja"). */
const LAUGHTER = /^a?(?:j[aeiou]|js)+j?$/;

/**
 * Whether a normalized word is filler to be dropped ("oye", "che", "pues", "jajaja", "wey"), so that a message
 * like "oye, sí" reads as "sí". Part-of-speech words that carry meaning ("bueno", "este", "tipo") are not filler.
 */
export function isFillerWord(word: string): boolean {
  return FILLER.has(word) || (word.length >= 4 && LAUGHTER.test(word));
}
