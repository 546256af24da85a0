import { DateTime } from 'luxon';
import { deterministicEventId } from '../calendar/event-id.js';
import type { EventDateTimeResource } from '../calendar/event-time.js';
import { SeededRandom } from './seeded-random.js';

/** A Google Event body the seeder inserts. */
export interface SeedEvent {
  id: string;
  summary: string;
  description?: string;
  location?: string;
  start: EventDateTimeResource;
  end: EventDateTimeResource;
  transparency?: 'opaque' | 'transparent';
  extendedProperties: { private: Record<string, string> };
}

/** The events planned for one day. */
export interface SeedDay {
  date: string;
  events: SeedEvent[];
}

/** What to plan: `days` days from `from` (`YYYY-MM-DD`), wall times in `timeZone`. */
export interface SeedPlanOptions {
  seed: number;
  from: string;
  days: number;
  timeZone: string;
}

const MEETINGS = [
  { summary: 'Reunión con proveedor', location: 'Oficina' },
  { summary: 'Dentista', location: 'Clínica dental Sonrisas, Calle Mayor 12' },
  { summary: 'Llamada con cliente' },
  { summary: 'Revisión de presupuesto' },
  { summary: 'Reunión de equipo', location: 'Sala 2' },
  { summary: 'Médico', location: 'Centro de salud' },
  { summary: 'Entrevista de trabajo' },
  { summary: 'Formación interna', location: 'Sala de formación' },
  { summary: 'Visita a obra' },
  { summary: 'Reunión con el banco', location: 'Sucursal del banco' },
  { summary: 'Reunión con la gestoría' },
  { summary: 'Taller del coche' },
  { summary: 'Clase de inglés' },
  { summary: 'Recoger a los niños' },
] as const;
const BIRTHDAYS = ['Cumpleaños de Lucía', 'Cumpleaños de Javier', 'Santo de Carmen'] as const;
const ALL_DAY_BUSY = ['Congreso sectorial', 'Viaje a Barcelona', 'Feria comercial'] as const;
const DURATIONS = [30, 60, 60, 90] as const;
/** Meetings start on the half hour from 9:00 and end by 19:00. */
const DAY_START_MINUTES = 9 * 60;
const DAY_END_MINUTES = 19 * 60;

/** Collects one day's events, keeping meetings from overlapping. */
class DayPlanner {
  readonly events: SeedEvent[] = [];
  readonly date: DateTime;
  readonly random: SeededRandom;
  readonly options: SeedPlanOptions;
  readonly #busy: [number, number][] = [];

  constructor(date: DateTime, random: SeededRandom, options: SeedPlanOptions) {
    this.date = date;
    this.random = random;
    this.options = options;
  }

  #tags(): Record<string, string> {
    return { agendo_seed: String(this.options.seed) };
  }

  #id(): string {
    return deterministicEventId(`${this.options.seed}:${this.date.toISODate()}:${this.events.length}`);
  }

  #wallTime(minutes: number): EventDateTimeResource {
    const local = this.date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
    return { dateTime: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: this.options.timeZone };
  }

  /** An all-day event of `days` days from this day, or from `first` (with the given `id`) when it began earlier. */
  allDay(summary: string, days: number, transparent: boolean, first: { date: DateTime; id: string } | undefined = undefined): void {
    const start = first?.date ?? this.date;
    this.events.push({
      id: first?.id ?? this.#id(),
      summary,
      start: { date: start.toISODate() ?? '' },
      end: { date: start.plus({ days }).toISODate() ?? '' },
      ...(transparent ? { transparency: 'transparent' as const } : {}),
      extendedProperties: { private: this.#tags() },
    });
  }

  timed(summary: string, startMinutes: number, minutes: number, extra: Partial<SeedEvent> = {}): void {
    this.events.push({
      id: this.#id(),
      summary,
      ...extra,
      start: this.#wallTime(startMinutes),
      end: this.#wallTime(startMinutes + minutes),
      extendedProperties: { private: this.#tags() },
    });
  }

  /** Places a meeting in a free business-hour slot; gives up after a few tries on a full day. */
  meeting(): void {
    const minutes = this.random.pick(DURATIONS);
    const slots = (DAY_END_MINUTES - DAY_START_MINUTES - minutes) / 30;
    for (let attempt = 0; attempt < 8; attempt++) {
      const start = DAY_START_MINUTES + 30 * this.random.int(0, slots);
      const end = start + minutes;
      if (this.#busy.some(([from, to]) => start < to && end > from)) continue;
      this.#busy.push([start, end]);
      const unused = MEETINGS.filter((meeting) => !this.events.some((event) => event.summary === meeting.summary));
      const { summary, ...where } = this.random.pick(unused);
      this.timed(summary, start, minutes, where);
      return;
    }
  }
}

/** The weekdays (1 = Monday) of the vacation in the week of `date`, if that week has one; per seed and week. */
function vacationOfWeek(seed: number, date: DateTime): { first: number; last: number } | undefined {
  const random = new SeededRandom(`${seed}:${date.weekYear}-W${date.weekNumber}:vacation`);
  if (!random.chance(0.25)) return undefined;
  const first = random.int(1, 5);
  return { first, last: first + random.int(0, Math.min(2, 5 - first)) };
}

/**
 * Realistic busy events for a demo calendar. Each day depends only on the seed and its date (and
 * vacations on the seed and the week), so the same seed gives the same events and ids, and
 * overlapping runs plan the same days alike.
 */
export function planSeedEvents(options: SeedPlanOptions): SeedDay[] {
  const first = DateTime.fromISO(options.from, { zone: options.timeZone });
  if (!first.isValid) throw new Error(`Invalid start date: ${options.from}`);
  const plan: SeedDay[] = [];
  for (let offset = 0; offset < options.days; offset++) {
    const date = first.plus({ days: offset });
    const random = new SeededRandom(`${options.seed}:${date.toISODate()}`);
    const day = new DayPlanner(date, random, options);
    const vacation = vacationOfWeek(options.seed, date);
    if (date.weekday >= 6) {
      if (random.chance(0.2)) day.allDay(random.pick(BIRTHDAYS), 1, true);
    } else if (vacation !== undefined && date.weekday >= vacation.first && date.weekday <= vacation.last) {
      // Planned on its first day, or on the first day seeded when the run starts in the middle of it.
      if (date.weekday === vacation.first || offset === 0) {
        const start = date.minus({ days: date.weekday - vacation.first });
        const id = deterministicEventId(`${options.seed}:${start.toISODate()}:vacation`);
        day.allDay('Vacaciones', vacation.last - vacation.first + 1, false, { date: start, id });
      }
    } else if (random.chance(0.04)) {
      day.allDay(random.pick(ALL_DAY_BUSY), 1, false);
    } else {
      if (random.chance(0.1)) day.allDay('Trabajo desde casa', 1, true);
      const meetings = random.int(1, 5);
      for (let index = 0; index < meetings; index++) day.meeting();
      if (random.chance(0.3)) {
        day.timed('Recordatorio: enviar facturas', 8 * 60 + 30, 15, {
          transparency: 'transparent',
          description: 'Solo un recordatorio; no bloquea la agenda.',
        });
      }
    }
    plan.push({ date: date.toISODate() ?? options.from, events: day.events });
  }
  return plan;
}
