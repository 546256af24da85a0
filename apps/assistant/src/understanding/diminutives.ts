/** Diminutives of the booking vocabulary and the word each one stands for. */
const DIMINUTIVES: Readonly<Record<string, string>> = {
  horita: 'hora',
  horitas: 'horas',
  horitita: 'hora',
  minutito: 'minuto',
  minutitos: 'minutos',
  cuartito: 'cuarto',
  mediita: 'media',
  tardecita: 'tarde',
  tardecitas: 'tardes',
  nochecita: 'noche',
  mananita: 'manana',
  mananitas: 'mananas',
  tempranito: 'temprano',
  tempranitito: 'temprano',
  citita: 'cita',
  turnito: 'turno',
  semanita: 'semana',
  diita: 'dia',
  diitas: 'dias',
  juevecito: 'jueves',
  lunecito: 'lunes',
  huequito: 'hueco',
  espacito: 'espacio',
  lugarcito: 'lugar',
};

/**
 * The plain word for a diminutive of the booking vocabulary ("una horita" is an hour, "2 horitas" two,
 * "en la tardecita" the afternoon, "un huequito" a free slot); other words are returned as they are.
 * "ahorita" (now, soon) is not a diminutive of "hora" and is left alone.
 */
export function undiminish(word: string): string {
  return DIMINUTIVES[word] ?? word;
}
