/**
 * `npm run -s -w @agendo/assistant bench:interpret`: how fast the understanding is. Prints the mean time per
 * message over 10,000 varied messages after a warm-up (the target is under 1 ms), and the time for one long
 * message of 1,024 to 8,192 characters (4,096 must stay under 20 ms, and the time must grow linearly).
 */
import { performance } from 'node:perf_hooks';
import { interpret } from './index.js';

const NOW = '2026-03-11T09:00:00-06:00';
const ZONE = 'America/Mexico_City';

/** Messages as customers type them: plain, with chat spellings, typos, corrections, regional words. */
const MESSAGES: readonly string[] = [
  'Hola, quiero reservar para mañana a las 3 PM',
  'kiero agendar el martes, no perdon, el miercoles a las 5',
  'reservame mañana a las 4, digo a las 5',
  'holaaa 👋 me das una sita pal miercoles a las 2 y media d la tarde?',
  'nesesito q me agenden mna a las 10:45 hrs xfa',
  '¿os queda algún hueco para mañana a las doce y cuarto?',
  'si tienen hueco el jueves a la una me agendan porfa',
  'córreme la cita pal jueves a las 4 y media',
  'muchas graciasss 🙏 q tengas buen dia',
  'resérvame tres horitas el domingo a mediodía',
  'cancelá mi turno del sábado',
  '¿qué citas tengo?',
  'sí, confirmo',
  'no, mejor el viernes a las 5',
  'entre las 3 y las 5 de la tarde del 20 de enero',
  'dentro de 2 horas',
  'quiero sacar turno para el martes a las 9 menos cuarto',
  'el lunes a las 4, no no, el martes',
  'resérvame una sesión de una hora el miércoles a las 8:20, bueno no, que sea de hora y media',
  'hay algo pa el vierne a la 1?',
  'tenés turno el 22/01 a las 19 hs?',
  'quiero cambiar mi cita del lunes al martes a las 6',
  'buenas tardes, ¿tienen disponibilidad esta noche a las 9?',
  'ayuda xfa, no entiendo nada 😵',
];

function meanMilliseconds(count: number): number {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const text = MESSAGES[i % MESSAGES.length] ?? '';
    // Vary the text a little so that no two consecutive calls see the same string.
    interpret(i % 3 === 0 ? text : `${text} ${i % 2 === 0 ? 'porfa' : 'gracias'}`, NOW, ZONE);
  }
  return (performance.now() - started) / count;
}

function longMessage(length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i += 1) text += `${MESSAGES[i % MESSAGES.length]} `;
  return text.slice(0, length);
}

function longMessageMilliseconds(length: number): number {
  const text = longMessage(length);
  const runs: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    const started = performance.now();
    interpret(text, NOW, ZONE);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? 0;
}

meanMilliseconds(2_000);
const mean = meanMilliseconds(10_000);
console.log(`mean per message over 10,000 messages: ${mean.toFixed(3)} ms (target < 1 ms)`);
for (const length of [1_024, 2_048, 4_096, 8_192]) {
  longMessageMilliseconds(length);
  const ms = longMessageMilliseconds(length);
  console.log(`one ${length}-character message: ${ms.toFixed(2)} ms${length === 4_096 ? ' (target < 20 ms)' : ''}`);
}
