/**
 * Generates `own-cases.jsonl`: messages composed from templates × values (Mexico, Spain, Colombia, Argentina,
 * Chile, Peru), each with the expectation COMPUTED here with Luxon from the case's parameters (the day it
 * names, the hour by the shared conventions, the zone's offset that day), independently of the parser.
 * Deterministic (seeded). Run: `npx tsx apps/assistant/test/understanding/cases/generate-cases.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';

interface Expected {
  intent: string;
  date?: string;
  start?: string;
  duration_minutes?: number;
}
interface Case {
  id: string;
  category: string;
  text: string;
  now: string;
  tz: string;
  expected: Expected;
}

// ---------- deterministic randomness ----------
let seed = 20260311;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

// ---------- the conventions, computed independently ----------
const ZONES = ['America/Mexico_City', 'Europe/Madrid', 'America/Bogota', 'America/Argentina/Buenos_Aires', 'America/Santiago', 'America/Lima'];
const WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const HOUR_WORDS = ['', 'una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];

/** A message's arrival: a random day in 2026, 07:30 local, in a random zone. */
function arrival(zone = pick(ZONES)): DateTime {
  const day = DateTime.fromObject({ year: 2026, month: 1, day: 5 }, { zone }).plus({ days: Math.floor(random() * 340) });
  return day.set({ hour: 7, minute: 30 });
}
function iso(moment: DateTime): string {
  return moment.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}
/** Next occurrence of an ISO weekday strictly after today. */
function nextWeekday(now: DateTime, weekday: number): DateTime {
  const ahead = (weekday - now.weekday + 7) % 7 || 7;
  return now.startOf('day').plus({ days: ahead });
}
/** Next date with this day of the month that is not past (today counts). */
function nextDayOfMonth(now: DateTime, day: number): DateTime {
  for (let months = 0; months < 13; months += 1) {
    const month = now.startOf('month').plus({ months });
    if (day <= (month.daysInMonth ?? 28)) {
      const date = month.set({ day });
      if (date >= now.startOf('day')) return date;
    }
  }
  throw new Error('no such day');
}
/** The shared convention for a bare hour: 1–7 afternoon, 8–11 morning, 12 noon. */
function bareHour(hour: number): number {
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}
function at(day: DateTime, hour: number, minute: number): DateTime {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: day.zone });
}

interface Day {
  text: string;
  date: (now: DateTime) => DateTime;
}
interface Clock {
  text: string;
  hour: number;
  minute: number;
}

function weekdayPhrase(weekday: number, spelled = WEEKDAYS[weekday - 1] ?? ''): Day {
  return { text: `el ${spelled}`, date: (now) => nextWeekday(now, weekday) };
}
function randomDay(): Day {
  const kind = Math.floor(random() * 5);
  if (kind === 0) return { text: 'mañana', date: (now) => now.startOf('day').plus({ days: 1 }) };
  if (kind === 1) return { text: 'pasado mañana', date: (now) => now.startOf('day').plus({ days: 2 }) };
  if (kind === 2) {
    const day = 1 + Math.floor(random() * 28);
    return { text: `el ${day}`, date: (now) => nextDayOfMonth(now, day) };
  }
  return weekdayPhrase(1 + Math.floor(random() * 7));
}
/** A clock time as people write it, with the hour it means. */
function randomClock(): Clock {
  const hour = 1 + Math.floor(random() * 11);
  const kind = Math.floor(random() * 8);
  switch (kind) {
    case 0:
      return { text: `a las ${hour}`, hour: bareHour(hour), minute: 0 };
    case 1:
      return { text: `a las ${hour} y media`, hour: bareHour(hour), minute: 30 };
    case 2:
      return { text: `a las ${hour} y cuarto`, hour: bareHour(hour), minute: 15 };
    case 3: {
      const h = hour === 1 ? 2 : hour;
      return { text: `a las ${h} menos cuarto`, hour: bareHour(h) - 1, minute: 45 };
    }
    case 4: {
      const h = Math.min(hour, 7);
      return { text: `a las ${h} de la tarde`, hour: h + 12, minute: 0 };
    }
    case 5: {
      const h = 6 + (hour % 6);
      return { text: `a las ${h} de la mañana`, hour: h, minute: 0 };
    }
    case 6: {
      const h = 13 + (hour % 8);
      const m = pick([0, 15, 30, 40, 45]);
      return { text: `a las ${h}:${String(m).padStart(2, '0')}`, hour: h, minute: m };
    }
    default: {
      const h = 2 + (hour % 10);
      return { text: `a las ${HOUR_WORDS[h]}`, hour: bareHour(h), minute: 0 };
    }
  }
}
function clockAt(hour: number): Clock {
  return { text: `a las ${hour}`, hour: bareHour(hour), minute: 0 };
}

const cases: Case[] = [];
function add(category: string, text: string, now: DateTime, expected: Expected): void {
  cases.push({ id: `${category}-${cases.filter((c) => c.category === category).length + 1}`, category, text, now: iso(now), tz: now.zoneName ?? 'UTC', expected });
}
function slot(intent: string, now: DateTime, day: Day, clock: Clock, duration?: number): Expected {
  const date = day.date(now);
  const start = at(date, clock.hour, clock.minute);
  return { intent, date: start.toISODate() ?? '', start: iso(start), ...(duration === undefined ? {} : { duration_minutes: duration }) };
}

const BOOK = ['quiero reservar', 'resérvame', 'quiero una cita', 'agéndame', 'me das una cita', 'necesito un turno', 'quisiera una cita', 'quiero agendar'];
const AVAILABILITY = ['¿tienes hueco', '¿hay lugar', '¿tienen disponible', '¿queda algo libre', '¿tenés turno'];

// ---------- corrections ----------
const MARKERS = ['no, perdón,', 'digo', 'mejor', 'bueno no,', 'perdón, quise decir', 'no no,', 'corrijo,', 'no,', 'perdona,', 'mejor dicho', 'o sea', 'no, mejor'];
for (let i = 0; i < 12; i += 1) {
  const now = arrival();
  const first = randomDay();
  const second = weekdayPhrase(1 + ((i * 3) % 7));
  const clock = randomClock();
  add('corrections', `${pick(BOOK)} ${first.text} ${clock.text}, ${MARKERS[i % MARKERS.length]} ${second.text}`, now, slot('book', now, second, clock));
}
for (let i = 0; i < 12; i += 1) {
  const now = arrival();
  const day = randomDay();
  const wrong = clockAt(1 + (i % 11));
  const right = randomClock();
  add('corrections', `${pick(BOOK)} ${day.text} ${wrong.text}, ${MARKERS[(i + 5) % MARKERS.length]} ${right.text}`, now, slot('book', now, day, right));
}
for (let i = 0; i < 8; i += 1) {
  const now = arrival();
  const day = randomDay();
  const clock = randomClock();
  const [firstLength, firstMinutes] = pick([
    ['una hora', 60],
    ['2 horas', 120],
    ['media hora', 30],
  ] as const);
  const [lastLength, lastMinutes] = pick([
    ['hora y media', 90],
    ['45 minutos', 45],
    ['3 horas', 180],
    ['una hora y cuarto', 75],
  ] as const);
  const text = `${pick(['resérvame', 'quiero reservar', 'agéndame'])} ${firstLength} ${day.text} ${clock.text}, ${pick(['no, mejor', 'bueno no, que sea de', 'perdón,', 'digo'])} ${lastLength}`;
  add('corrections', text, now, { ...slot('book', now, day, clock), duration_minutes: lastMinutes });
  void firstMinutes;
}
for (let i = 0; i < 6; i += 1) {
  const now = arrival();
  const first = randomDay();
  const second = weekdayPhrase(1 + ((i * 2 + 1) % 7));
  const wrong = clockAt(2 + i);
  const right = randomClock();
  add('corrections', `${pick(AVAILABILITY)} ${first.text} ${wrong.text}, no perdón, ${second.text}, digo, ${right.text}?`, now, slot('check_availability', now, second, right));
}
for (let i = 0; i < 4; i += 1) {
  const now = arrival();
  const wrong = weekdayPhrase(1 + i);
  const right = weekdayPhrase(5 + (i % 3));
  add(
    'corrections',
    `${pick(['cancela', 'anula', 'borra'])} mi cita del ${wrong.text.slice(3)}, ${pick(['perdón, la del', 'digo, la del', 'no, la del'])} ${right.text.slice(3)}`,
    now,
    { intent: 'cancel', date: right.date(now).toISODate() ?? '' },
  );
}

// ---------- chat spellings (accents, abbreviations, repeated letters, emoji) ----------
const PLAIN_WEEKDAYS = ['lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo'];
for (let i = 0; i < 30; i += 1) {
  const now = arrival();
  const clock = clockAt(1 + (i % 11));
  const variant = i % 10;
  const tomorrow: Day = { text: pick(['mñn', 'mna', 'manana', 'mñna']), date: (n) => n.startOf('day').plus({ days: 1 }) };
  const weekday = 1 + ((i * 5) % 7);
  const plainDay: Day = { text: `el ${PLAIN_WEEKDAYS[weekday - 1]}`, date: (n) => nextWeekday(n, weekday) };
  const palDay: Day = { text: `pal ${PLAIN_WEEKDAYS[weekday - 1]}`, date: (n) => nextWeekday(n, weekday) };
  const texts: Array<[string, Day, string]> = [
    [`holaaa 👋 kiero una cita ${tomorrow.text} ${clock.text} xfa`, tomorrow, 'book'],
    [`porfa una cita ${palDay.text} ${clock.text} 🙏😅`, palDay, 'book'],
    [`necesito q me agenden ${plainDay.text} ${clock.text} porfa`, plainDay, 'book'],
    [`tenes algo pa ${plainDay.text} ${clock.text}??`, plainDay, 'check_availability'],
    [`HOLA QUIERO RESERVAR ${plainDay.text.toUpperCase()} ${clock.text.toUpperCase()}`, plainDay, 'book'],
    [`reservame ${tomorrow.text} ${clock.text} x favor 👍`, tomorrow, 'book'],
    [`me das una cita ${plainDay.text} ${clock.text.replace('a las', 'a la')}`.replace('a la 1', 'a la 1').replace(/a la (\d+)/, 'a las $1'), plainDay, 'book'],
    [`buenasss, hay lugar ${tomorrow.text} ${clock.text}?? 🤔`, tomorrow, 'check_availability'],
    [`quiero turno pa ${plainDay.text.replace('el ', '')} ${clock.text} d la ${clock.hour >= 12 ? 'tarde' : 'manana'}`, plainDay, 'book'],
    [`agendame ${plainDay.text} ${clock.text} plis 🙏🙏`, plainDay, 'book'],
  ];
  const [text, day, intent] = texts[variant] as [string, Day, string];
  add('chat_spellings', text, now, slot(intent, now, day, clock));
}
for (const [text, hours] of [
  ['2 hrs', 120],
  ['1 hr', 60],
  ['3hs', 180],
  ['90 min', 90],
] as const) {
  const now = arrival();
  const day: Day = { text: 'mñn', date: (n) => n.startOf('day').plus({ days: 1 }) };
  add('chat_spellings', `reservame ${text} ${day.text} a las 10`, now, { ...slot('book', now, day, clockAt(10)), duration_minutes: hours });
}

// ---------- misspellings of the closed vocabulary ----------
function misspell(word: string, kind: number): string {
  switch (kind % 5) {
    case 0:
      return word.includes('v') ? word.replace('v', 'b') : word.includes('b') ? word.replace('b', 'v') : word.replace(/s$/, 'z');
    case 1:
      return word.length > 5 ? word.slice(0, -1) : word.replace(/s$/, 'z');
    case 2:
      return word.replace(/es$/, 'ez').replace(/o$/, 'o');
    case 3: {
      const i = Math.floor(word.length / 2);
      return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
    }
    default:
      return word
        .replace(/c([ei])/, 's$1')
        .replace('z', 's')
        .replace(/^qu/, 'k');
  }
}
for (let i = 0; i < 28; i += 1) {
  const now = arrival();
  const weekday = 1 + (i % 7);
  const written = misspell(PLAIN_WEEKDAYS[weekday - 1] ?? '', Math.floor(i / 7) + i);
  const day: Day = { text: `el ${written}`, date: (n) => nextWeekday(n, weekday) };
  const clock = randomClock();
  const lead = pick(['kiero una sita', 'nesesito una cita', 'quiero reserbar', 'me ajendas', 'kiero reservar', 'necesito un turno', 'reservame']);
  add('misspellings', `${lead} ${day.text} ${clock.text}`, now, slot('book', now, day, clock));
}
for (const [text, hour] of [
  ['a las sinco', 17],
  ['a las dose', 12],
  ['a las onse', 11],
  ['a las nuebe', 9],
  ['a las trez', 15],
  ['a las cuatroo', 16],
] as const) {
  const now = arrival();
  const day: Day = { text: 'mañana', date: (n) => n.startOf('day').plus({ days: 1 }) };
  add('misspellings', `quiero una cita ${day.text} ${text}`, now, slot('book', now, day, { text, hour, minute: 0 }));
}
for (const [text, intent] of [
  ['kanselar mi cita', 'cancel'],
  ['quiero kambiar mi cita', 'reschedule'],
  ['grasias', 'thanks'],
  ['ola', 'greeting'],
  ['ayudaa porfa', 'help'],
] as const) {
  add('misspellings', text, arrival(), { intent });
}

// ---------- real words that must stay themselves ----------
for (let i = 0; i < 20; i += 1) {
  const now = arrival();
  const day = weekdayPhrase(1 + (i % 7));
  const clock = randomClock();
  const templates: Array<[string, string]> = [
    [`¿cuándo tienes libre ${day.text} ${clock.text}?`, 'check_availability'],
    [`ahora sí, quiero reservar ${day.text} ${clock.text}`, 'book'],
    [`una vez más: quiero una cita ${day.text} ${clock.text}`, 'book'],
    [`¿hay algo más ${day.text} ${clock.text}?`, 'check_availability'],
    [`si es posible, resérvame ${day.text} ${clock.text}`, 'book'],
    [`¿vienes ${day.text}? quiero una cita ${clock.text}`, 'book'],
    [`este mes quiero una cita, ${day.text} ${clock.text}`, 'book'],
    [`se puede reservar ${day.text} ${clock.text}?`, 'check_availability'],
    [`a ver, quiero otra cita ${day.text} ${clock.text}`, 'book'],
    [`para mí, una cita ${day.text} ${clock.text}`, 'book'],
  ];
  const [text, intent] = templates[i % templates.length] as [string, string];
  add('guarded_words', text, now, slot(intent, now, day, clock));
}
for (const [text, intent] of [
  ['¿cuándo es mi cita?', 'list'],
  ['quiero ver mis citas', 'list'],
  ['¿cuánto cuesta?', 'unknown'],
  ['nueva cita por favor', 'book'],
  ['mejor no', 'deny'],
] as const) {
  add('guarded_words', text, arrival(), { intent });
}

// ---------- conditional "si" vs a yes ----------
for (let i = 0; i < 16; i += 1) {
  const now = arrival();
  const day = randomDay();
  const clock = randomClock();
  const templates: Array<[string, string]> = [
    [`si me puede dar una cita ${day.text} ${clock.text} se lo agradezco`, 'book'],
    [`si hay lugar ${day.text} ${clock.text} me avisas?`, 'check_availability'],
    [`si tienen hueco ${day.text} ${clock.text} me agendan porfa`, 'book'],
    [`si tienes disponible ${day.text} ${clock.text}, avísame`, 'check_availability'],
    [`si se puede ${day.text} ${clock.text} resérvame`, 'book'],
    [`si queda algo ${day.text} ${clock.text} me apartas un lugar`, 'book'],
    [`si me pueden atender ${day.text} ${clock.text} mejor`, 'check_availability'],
    [`si me das una cita ${day.text} ${clock.text} te lo agradezco`, 'book'],
  ];
  const [text, intent] = templates[i % templates.length] as [string, string];
  add('conditional_si', text, now, slot(intent, now, day, clock));
}
for (const text of ['si', 'sii', 'siii', 'Sí', 'si porfa', 'si, gracias', 'siiii 👍', 'sí, confirmo', 'si claro', 'si, perfecto']) {
  add('conditional_si', text, arrival(), { intent: 'confirm' });
}

// ---------- diminutives ----------
for (let i = 0; i < 20; i += 1) {
  const now = arrival();
  const day = randomDay();
  const clock = randomClock();
  const [length, minutes] = pick([
    ['una horita', 60],
    ['2 horitas', 120],
    ['media horita', 30],
    ['tres horitas', 180],
    ['un par de horitas', 120],
    ['dos horitas', 120],
  ] as const);
  if (i % 4 === 3) {
    add('diminutives', `resérvame ${length} ${day.text} a mediodía`, now, slot('book', now, day, { text: 'a mediodía', hour: 12, minute: 0 }, minutes));
  } else {
    add('diminutives', `${pick(['necesito', 'quiero', 'agéndame', 'resérvame'])} ${length} ${day.text} ${clock.text}`, now, slot('book', now, day, clock, minutes));
  }
}

// ---------- regional verbs ----------
const MOVE = [
  'córreme la cita',
  'corre mi turno',
  'pasa mi reserva',
  'mueve mi cita',
  'cambia mi turno',
  'adelanta mi cita',
  'atrasa mi cita',
  'quiero pasar la reserva',
  'muéveme la cita',
  'pásame el turno',
];
for (let i = 0; i < 20; i += 1) {
  const now = arrival();
  const weekday = 1 + (i % 7);
  const day: Day = { text: `${pick(['al', 'para el', 'pal'])} ${WEEKDAYS[weekday - 1]}`, date: (n) => nextWeekday(n, weekday) };
  const clock = randomClock();
  add('regional_verbs', `${MOVE[i % MOVE.length]} ${day.text} ${clock.text}`, now, slot('reschedule', now, day, clock));
}
const BOOK_REGIONAL = [
  'quiero agendar',
  'apártame un lugar',
  'quiero sacar turno',
  'quisiera pedir hora',
  'me gustaría pedir hora',
  'quiero apartar',
  'quiero sacar una cita',
  'quiero coger cita',
];
for (let i = 0; i < 12; i += 1) {
  const now = arrival();
  const day = randomDay();
  const clock = randomClock();
  add('regional_verbs', `${BOOK_REGIONAL[i % BOOK_REGIONAL.length]} para ${day.text.replace(/^el /, 'el ')} ${clock.text}`, now, slot('book', now, day, clock));
}

// ---------- thanks ----------
for (const text of [
  'mil gracias',
  'muy amable',
  'graciass',
  'muchas gracias 🙏',
  'gracias!!',
  'muy amable, gracias',
  'se agradece',
  'muchísimas gracias',
  'graciasss 😊',
  'mil gracias, muy amable',
  'ok, gracias',
  'gracias, nos vemos',
  'qué amable, gracias',
  'muchas graciasss q tengas buen dia',
]) {
  add('thanks', text, arrival(), { intent: 'thanks' });
}
for (let i = 0; i < 10; i += 1) {
  const now = arrival();
  const day = randomDay();
  const clock = randomClock();
  const templates: Array<[string, string]> = [
    [`resérvame ${day.text} ${clock.text}, gracias`, 'book'],
    [`¿tienes hueco ${day.text} ${clock.text}? gracias`, 'check_availability'],
    [`una cita ${day.text} ${clock.text} 🙏`, 'book'],
    [`quiero reservar ${day.text} ${clock.text}, mil gracias`, 'book'],
    [`agéndame ${day.text} ${clock.text}, gracias de antemano`, 'book'],
  ];
  const [text, intent] = templates[i % templates.length] as [string, string];
  add('thanks', text, now, slot(intent, now, day, clock));
}

// ---------- relative dates ----------
for (let i = 0; i < 24; i += 1) {
  const now = arrival();
  const kind = i % 8;
  const weekday = 1 + (i % 7);
  const day = 1 + ((i * 7) % 28);
  const month = (i * 5) % 12;
  const rows: Array<[string, DateTime]> = [
    ['mañana', now.startOf('day').plus({ days: 1 })],
    ['pasado mañana', now.startOf('day').plus({ days: 2 })],
    [`el ${WEEKDAYS[weekday - 1]}`, nextWeekday(now, weekday)],
    [`el próximo ${WEEKDAYS[weekday - 1]}`, nextWeekday(now, weekday)],
    [`el ${day}`, nextDayOfMonth(now, day)],
    [
      `el ${day} de ${MONTHS[month]}`,
      (() => {
        const d = now.startOf('day').set({ month: month + 1, day });
        return d < now.startOf('day') ? d.plus({ years: 1 }) : d;
      })(),
    ],
    [`en ${2 + (i % 5)} días`, now.startOf('day').plus({ days: 2 + (i % 5) })],
    [`el ${WEEKDAYS[weekday - 1]} que viene`, nextWeekday(now, weekday)],
  ];
  const [text, date] = rows[kind] as [string, DateTime];
  add('relative_dates', `quiero una cita ${text} a las 10`, now, { intent: 'book', date: date.toISODate() ?? '', start: iso(at(date, 10, 0)) });
}

// ---------- clock times ----------
const CLOCK_ROWS: Array<[string, number, number]> = [
  ['a las 3', 15, 0],
  ['a las 9', 9, 0],
  ['a las 12', 12, 0],
  ['a las 3 PM', 15, 0],
  ['a las 10 am', 10, 0],
  ['a las 15:00', 15, 0],
  ['a las 19 hs', 19, 0],
  ['a las siete de la tarde', 19, 0],
  ['a las 8 de la noche', 20, 0],
  ['a la una y media', 13, 30],
  ['a las once y cuarto', 11, 15],
  ['a las 6 menos cuarto', 17, 45],
  ['a mediodía', 12, 0],
  ['a las 7:30 de la mañana', 7, 30],
  ['a las 4 y 20', 16, 20],
  ['a las 10:45', 10, 45],
  ['a las 5 p. m.', 17, 0],
  ['a las 9 de la mañana', 9, 0],
  ['a las doce y media', 12, 30],
  ['a las 16h', 16, 0],
  ['a las 2 de la tarde', 14, 0],
  ['a las 11', 11, 0],
  ['a las 6', 18, 0],
  ['a las 20:15', 20, 15],
];
for (const [text, hour, minute] of CLOCK_ROWS) {
  const now = arrival();
  const day: Day = { text: 'mañana', date: (n) => n.startOf('day').plus({ days: 1 }) };
  add('clock_times', `reservame mañana ${text}`, now, slot('book', now, day, { text, hour, minute }));
}

// ---------- time zones and DST ----------
const DST_DAYS: Array<[string, string]> = [
  ['Europe/Madrid', '2026-03-28'],
  ['Europe/Madrid', '2026-10-24'],
  ['America/Santiago', '2026-04-04'],
  ['America/Santiago', '2026-09-05'],
  ['America/New_York', '2026-03-07'],
  ['America/New_York', '2026-10-31'],
  ['America/Mexico_City', '2026-04-04'],
  ['America/Bogota', '2026-03-28'],
  ['America/Argentina/Buenos_Aires', '2026-10-03'],
  ['Europe/Madrid', '2027-03-27'],
  ['America/Lima', '2026-11-14'],
  ['Atlantic/Canary', '2026-03-28'],
];
for (const [zone, eve] of DST_DAYS) {
  const now = DateTime.fromISO(`${eve}T18:00`, { zone });
  const day: Day = { text: 'mañana', date: (n) => n.startOf('day').plus({ days: 1 }) };
  const clock = pick([clockAt(5), clockAt(10), { text: 'a las 12:30', hour: 12, minute: 30 }]);
  add('time_zones_dst', `quiero reservar mañana ${clock.text}`, now, slot('book', now, day, clock));
  const weekday = 1 + Math.floor(random() * 7);
  const later = weekdayPhrase(weekday);
  const clock2 = randomClock();
  add('time_zones_dst', `¿hay lugar ${later.text} ${clock2.text}?`, now, slot('check_availability', now, later, clock2));
}

// ---------- durations ----------
const LENGTHS: Array<[string, number]> = [
  ['una hora', 60],
  ['media hora', 30],
  ['hora y media', 90],
  ['2 horas', 120],
  ['45 minutos', 45],
  ['90 minutos', 90],
  ['1h30', 90],
  ['una hora y cuarto', 75],
  ['tres horas', 180],
  ['30 minutos', 30],
  ['dos horas y media', 150],
  ['20 minutos', 20],
];
for (const [text, minutes] of LENGTHS) {
  const now = arrival();
  const day = randomDay();
  const clock = randomClock();
  add('durations', `quiero reservar ${text} ${day.text} ${clock.text}`, now, slot('book', now, day, clock, minutes));
  const later = randomDay();
  add('durations', `¿tienes ${text} libre ${later.text} ${clockAt(10).text}?`, now, slot('check_availability', now, later, clockAt(10), minutes));
}

// ---------- relative offsets ----------
for (const [text, minutes] of [
  ['dentro de 2 horas', 120],
  ['en 30 minutos', 30],
  ['en una hora', 60],
  ['dentro de 45 minutos', 45],
  ['en 3 horas', 180],
  ['dentro de hora y media', 90],
] as const) {
  const now = arrival().set({ minute: 7 });
  const start = now.plus({ minutes });
  add('relative_offsets', `¿puedo ir ${text}?`, now, { intent: 'check_availability', date: start.toISODate() ?? '', start: iso(start) });
}

// ---------- intents ----------
const INTENTS: Array<[string, string]> = [
  ['¿qué citas tengo?', 'list'],
  ['mis reservas', 'list'],
  ['cancela mi cita', 'cancel'],
  ['ya no quiero la cita', 'cancel'],
  ['quiero cambiar mi cita', 'reschedule'],
  ['hola', 'greeting'],
  ['buenas tardes', 'greeting'],
  ['ayuda', 'help'],
  ['¿cómo funciona esto?', 'help'],
  ['no, gracias', 'deny'],
  ['nop', 'deny'],
  ['mejor otro día', 'deny'],
  ['dale', 'confirm'],
  ['vale', 'confirm'],
  ['perfecto', 'confirm'],
  ['asdfgh', 'unknown'],
  ['¿cuáles son mis turnos?', 'list'],
  ['anulá mi turno', 'cancel'],
  ['reprograma mi cita', 'reschedule'],
  ['ok', 'confirm'],
];
for (const [text, intent] of INTENTS) add('intents', text, arrival(), { intent });

const out = path.join(import.meta.dirname, 'own-cases.jsonl');
writeFileSync(out, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
const counts = new Map<string, number>();
for (const c of cases) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
console.log(`${cases.length} cases → ${out}`);
for (const [category, count] of counts) console.log(`  ${category}: ${count}`);
