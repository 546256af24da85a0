/** Letters that Spanish legitimately doubles inside a word ("perro", "llamar", "acción", "leer", "zoológico", "innovar"). */
const LEGIT_DOUBLES = new Set(['r', 'l', 'c', 'e', 'o', 'n']);

/**
 * Squeezes letters stretched for emphasis, as chat writes them: three or more of a letter become one
 * ("siii" → "si", "holaaa" → "hola"); a doubled letter other than "e" at the end of a word becomes one
 * ("graciass", "sii", "buenoo"; "cree" stays); a doubled letter Spanish never doubles becomes one anywhere ("graacias"). Doubles that
 * Spanish spells ("perro", "llamar", "leer") stay. Digits are untouched. Expects lower-case, accent-free text.
 */
export function squeezeRepeatedLetters(text: string): string {
  return text
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/([a-df-z])\1(?![a-z])/g, '$1')
    .replace(/([a-z])\1/g, (pair: string, letter: string) => (LEGIT_DOUBLES.has(letter) ? pair : letter));
}
