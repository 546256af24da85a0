import { describe, expect, it } from 'vitest';
import { markCorrections } from '../../src/understanding/correction-markers.js';
import { boundedEditDistance } from '../../src/understanding/edit-distance.js';
import { interpret } from '../../src/understanding/index.js';
import { MaskedText } from '../../src/understanding/masked-text.js';
import { normalizeText } from '../../src/understanding/normalize-text.js';
import { squeezeRepeatedLetters } from '../../src/understanding/repeated-letters.js';
import { spellingKey } from '../../src/understanding/spelling-key.js';
import { matchVocabulary, SPELLING_CONFIDENCE_FLOOR } from '../../src/understanding/tolerant-matching.js';

describe('edit distance', () => {
  it.each([
    ['viernes', 'viernes', 0],
    ['vierne', 'viernes', 1],
    ['jeuves', 'jueves', 1],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(boundedEditDistance(a, b, 3)).toBe(distance);
  });

  it('stops at limit + 1', () => {
    expect(boundedEditDistance('lunes', 'domingo', 1)).toBe(2);
    expect(boundedEditDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('spelling key', () => {
  it.each([
    ['biernes', 'viernes'],
    ['savado', 'sabado'],
    ['sita', 'cita'],
    ['kiero', 'quiero'],
    ['nesesito', 'necesito'],
    ['ajendar', 'agendar'],
    ['ora', 'hora'],
  ])('%s sounds like %s', (written, word) => {
    expect(spellingKey(written)).toBe(spellingKey(word));
  });

  it('keeps words that sound different apart', () => {
    expect(spellingKey('cuarto')).not.toBe(spellingKey('cuatro'));
    expect(spellingKey('mes')).not.toBe(spellingKey('mas'));
  });
});

describe('tolerant matching of the closed vocabulary', () => {
  it.each([
    ['sita', 'cita'],
    ['biernes', 'viernes'],
    ['vierne', 'viernes'],
    ['savado', 'sabado'],
    ['kiero', 'quiero'],
    ['nesesito', 'necesito'],
    ['miercole', 'miercoles'],
    ['jeuves', 'jueves'],
    ['sinco', 'cinco'],
    ['grasias', 'gracias'],
    ['nobiembre', 'noviembre'],
  ])('reads %s as %s', (written, read) => {
    expect(matchVocabulary(written)?.read).toBe(read);
  });

  it.each(['mes', 'mas', 'si', 'se', 'sea', 'mi', 'ver', 'vez', 'vienes', 'coche', 'cuando', 'cuanto', 'nuevo', 'ahora', 'medio', 'junto', 'entro', 'cambiala', 'reservamelo'])(
    'leaves the real word %s alone',
    (word) => {
      expect(matchVocabulary(word)).toBeNull();
    },
  );

  it('rates a match by sound above the floor and a two-edit match below it', () => {
    expect(matchVocabulary('biernes')?.confidence).toBeGreaterThanOrEqual(SPELLING_CONFIDENCE_FLOOR);
    expect(matchVocabulary('mierculis')?.confidence).toBeLessThan(SPELLING_CONFIDENCE_FLOOR);
    expect(interpret('el mierculis a las 5', '2026-03-11T09:00:00-06:00', 'America/Mexico_City').doubts).toEqual([{ kind: 'spelling', written: 'mierculis', read: 'miercoles' }]);
  });
});

describe('normalization', () => {
  it('squeezes stretched letters but keeps the doubles Spanish spells', () => {
    expect(squeezeRepeatedLetters('siii sii graciass holaaa perro llamar leer cree')).toBe('si si gracias hola perro llamar leer cree');
  });

  it.each([
    ['mñn a las 5 xfa', 'manana a las 5 por favor'],
    ['q onda, pal viernes porfa', 'que onda para el viernes por favor'],
    ['2 y media d la tarde 😅🙏', '2 y media de la tarde gracias'],
    ['oye jajaja una horita', 'una hora'],
    ['10:45 hrs', '10:45 hs'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeText(raw)).toBe(normalized);
  });

  it('marks self-corrections but not a refusal at the start or a contrast without a pause', () => {
    const words = (text: string) => text.replace(/[\s,]+/g, ' ').trim();
    expect(words(markCorrections('el lunes, no no, el martes'))).toBe('el lunes corrijo el martes');
    expect(words(markCorrections('a las 4, digo a las 5'))).toBe('a las 4 corrijo a las 5');
    expect(words(markCorrections('2 horas, no, mejor una hora, perdon, digo hora y media'))).toBe('2 horas corrijo una hora corrijo hora y media');
    expect(markCorrections('no, mejor el viernes')).toBe('no, mejor el viernes');
    expect(markCorrections('la del lunes, no la del martes')).toBe('la del lunes, no la del martes');
    expect(markCorrections('el lunes, si no, el martes')).toBe('el lunes, si no, el martes');
  });
});

describe('masked text', () => {
  it('reads the words before a position in constant time, consumed spans as "|"', () => {
    const text = new MaskedText(`${'x '.repeat(5000)}para el viernes a las 5`);
    text.consume(/viernes/g, () => true);
    const at = text.text.indexOf('a las');
    expect(text.wordsBefore(at, 2)).toEqual(['el', '|']);
  });
});
