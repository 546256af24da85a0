/** Emoji that carry a meaning in a booking chat, replaced by the word they stand for. */
const MEANINGFUL_EMOJI: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}\u{1F197}\u{1F64C}\u{1F91D}]/gu, ' ok '],
  [/[\u{1F44E}\u{274C}\u{1F6AB}\u{2716}\u{26D4}]/gu, ' no '],
  [/\u{1F64F}/gu, ' gracias '],
  [/\u{1F44B}/gu, ' hola '],
];

/** Chat shorthand, applied after accents are gone. */
const SHORTHAND: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:q|k)\b/g, 'que'],
  [/\bxq\b/g, 'porque'],
  [/\b(?:x|por)\s*fa(?:vor)?\b|\bporfa(?:vor)?\b|\bpls\b|\bplis\b/g, 'por favor'],
  [/\bno hay (?:problemas?|drama|lio|rollo)\b|\bno pasa nada\b|\bno problem\b/g, 'sin problema'],
  [/\bfinde\b/g, 'fin de semana'],
  [/\bmediodia\b|\bmedio dia\b/g, 'mediodia'],
  [/\bmedia noche\b/g, 'medianoche'],
];

/**
 * Canonical form of a chat message for matching: lower case, no accents (ñ becomes n), meaningful emoji as
 * words, "3 p. m." as "3 pm", "19hs" as "19 hs", "1º"/"2ª" as "1o"/"2a", stretched letters squeezed ("siii"),
 * punctuation turned into spaces (":" "/" "." "-" survive between digits), single spaces.
 */
export function normalizeText(raw: string): string {
  let text = raw.normalize('NFC').toLowerCase();
  for (const [pattern, word] of MEANINGFUL_EMOJI) text = text.replace(pattern, word);
  text = text.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]/gu, ' ');
  text = text.replace(/(\d)\s*[º°]/g, '$1o').replace(/(\d)\s*ª/g, '$1a');
  text = text.normalize('NFD').replace(/\p{M}/gu, '');
  text = text.replace(/(\d)\s*([ap])\s*\.?\s*m\b\.?/g, '$1 $2m');
  text = text.replace(/(\d)\s*(?:hrs?|hs|h)\.?(?![a-z0-9])/g, '$1 hs');
  text = text.replace(/([a-z])\1{2,}/g, '$1');
  text = text.replace(/[¿?¡!,;()"“”«»'’‘`…[\]{}*_~|<>=+°º]/g, ' ');
  text = text.replace(/(?<!\d)[.:/-]|[.:/-](?!\d)/g, ' ');
  for (const [pattern, replacement] of SHORTHAND) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim();
}
