import { z } from 'zod';

/** Examples of accepted time arguments: with an offset, in UTC, and a local time read in the calendar's zone. */
const INPUT_EXAMPLES = ['2027-01-15T15:00:00+01:00', '2027-01-15T14:00:00Z', '2027-01-15T15:00'];

/**
 * A time argument of a calendar tool. A string (not `z.iso.datetime`): the server parses it itself, so
 * that a local time without offset is read in the calendar's zone and every refusal says exactly what
 * is wrong (a spring-forward gap, hour 24, an offset beyond ±14:00) as an `invalid_argument` for the field.
 * The JSON Schema says `format: "date-time"` and gives examples.
 */
export function dateTimeInput(what: string) {
  return z
    .string()
    .max(100)
    .describe(
      `${what}. RFC 3339 date-time such as 2027-01-15T15:00:00+01:00 (offsets within ±14:00, no 24:00, seconds optional); ` +
        "without an offset it is read in the calendar's time zone (see get_calendar_info).",
    )
    .meta({ format: 'date-time', examples: INPUT_EXAMPLES });
}

/** A time in a tool's answer: RFC 3339 with the offset in force in the calendar's time zone at that instant. */
export function dateTimeOutput(what: string) {
  return z
    .string()
    .describe(`${what}. RFC 3339 date-time with the offset of the calendar's time zone at that instant.`)
    .meta({ format: 'date-time', examples: ['2027-01-15T15:00:00+01:00'] });
}

/** The `time_zone` field every tool answer carries. */
export const timeZoneOutput = z
  .string()
  .describe("IANA time zone of the customer's calendar (e.g. Europe/Madrid); every time in the answer carries its offset.")
  .meta({ examples: ['Europe/Madrid'] });
