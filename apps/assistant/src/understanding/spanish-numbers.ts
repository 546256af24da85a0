/** Spanish number words (accents already stripped) that always mean a number in a booking message. */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  cero: 0,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiun: 21,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  noventa: 90,
};

const TENS = new Set(['treinta', 'cuarenta', 'cincuenta']);
const ONE_WORDS = new Set(['un', 'una', 'uno']);

/** Words after which "un/una/uno" is the number one rather than an article ("una hora", "un dia"). */
const UNIT_WORDS = new Set(['hora', 'horas', 'hs', 'h', 'minuto', 'minutos', 'min', 'mins', 'semana', 'semanas', 'dia', 'dias', 'mes', 'meses']);

const MONTH_WORD = /^(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)$/;

function unitValue(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (ONE_WORDS.has(word)) return 1;
  const value = NUMBER_WORDS[word];
  return value !== undefined && value >= 1 && value <= 9 ? value : undefined;
}

/**
 * Rewrites number words as digits in normalized text: "las tres y cuarto" → "las 3 y cuarto",
 * "treinta y cinco" → "35", "una hora" → "1 hora", "un par de horas" → "2 horas", "el uno de marzo" →
 * "el 1 de marzo". "un/una" stay words elsewhere (articles; "a la una" is read by the time parser).
 */
export function numberWordsToDigits(text: string): string {
  const words = text.replace(/\bun par de\b/g, '2').split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    if (TENS.has(word) && next === 'y') {
      const unit = unitValue(words[i + 2]);
      if (unit !== undefined) {
        out.push(String((NUMBER_WORDS[word] ?? 0) + unit));
        i += 2;
        continue;
      }
    }
    if (ONE_WORDS.has(word)) {
      const isNumber = (next !== undefined && UNIT_WORDS.has(next)) || (word === 'uno' && (words[i - 1] === 'el' || (next === 'de' && MONTH_WORD.test(words[i + 2] ?? ''))));
      out.push(isNumber ? '1' : word);
      continue;
    }
    const value = NUMBER_WORDS[word];
    out.push(value === undefined ? word : String(value));
  }
  return out.join(' ');
}
