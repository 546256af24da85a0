/** Chat abbreviations of whole words, after accents are gone ("mñn" is then "mnn"). */
const WORDS: Readonly<Record<string, string>> = {
  mnn: 'manana',
  mn: 'manana',
  mna: 'manana',
  mnna: 'manana',
  mnana: 'manana',
  mana: 'manana',
  manan: 'manana',
  xfa: 'por favor',
  xfavor: 'por favor',
  xfis: 'por favor',
  porfa: 'por favor',
  porfi: 'por favor',
  porfis: 'por favor',
  porfavor: 'por favor',
  plis: 'por favor',
  pliss: 'por favor',
  pls: 'por favor',
  plz: 'por favor',
  xfi: 'por favor',
  q: 'que',
  k: 'que',
  ke: 'que',
  qe: 'que',
  xq: 'porque',
  pq: 'porque',
  pk: 'porque',
  porq: 'porque',
  xk: 'porque',
  pa: 'para',
  xa: 'para',
  pal: 'para el',
  pra: 'para',
  d: 'de',
  dl: 'del',
  x: 'por',
  tb: 'tambien',
  tmb: 'tambien',
  tbn: 'tambien',
  tmbn: 'tambien',
  hr: 'hora',
  hra: 'hora',
  hras: 'horas',
  hrs: 'horas',
  bn: 'bien',
  dnd: 'donde',
  kien: 'quien',
  dsp: 'despues',
  dps: 'despues',
  oy: 'hoy',
  ai: 'hay',
  grax: 'gracias',
  grcs: 'gracias',
  grs: 'gracias',
  grasias: 'gracias',
  gracis: 'gracias',
  graxias: 'gracias',
  thx: 'gracias',
  ty: 'gracias',
  prox: 'proximo',
  sem: 'semana',
  msj: 'mensaje',
  vdd: 'verdad',
  salu2: 'saludos',
  lun: 'lunes',
  mie: 'miercoles',
  mier: 'miercoles',
  jue: 'jueves',
  vie: 'viernes',
  sab: 'sabado',
  dom: 'domingo',
  finde: 'fin de semana',
};

/**
 * Expands the abbreviations people type in chat, whole words only: "mñn"/"mna" → "mañana", "xfa"/"porfa" → "por
 * favor", "q"/"k" → "que", "pa"/"pal" → "para"/"para el", "d" → "de", "x" → "por", "hrs" → "horas", "vie" →
 * "viernes". Works on accent-free lower-case words; returns the words it was given when none apply.
 */
export function expandChatAbbreviation(word: string): string {
  return WORDS[word] ?? word;
}

/**
 * Rewrites the multi-word and punctuated chat forms that must be read before punctuation is removed:
 * "pa'l" → "para el", "x favor" → "por favor", "p/" → "para".
 */
export function expandPunctuatedAbbreviations(text: string): string {
  return text
    .replace(/\bpa['’]\s*l\b/g, 'para el')
    .replace(/\bpa['’](?=\s)/g, 'para')
    .replace(/\b(?:x|por)\s+fa(?:vor)?\b/g, 'por favor')
    .replace(/(?<![a-z0-9])p\/(?=\s|[a-z])/g, 'para ');
}
