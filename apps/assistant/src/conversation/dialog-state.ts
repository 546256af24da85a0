import { bookingSchema, intervalSchema } from '@agendo/contracts';
import { z } from 'zod';

const proposal = z.object({ start: z.string(), end: z.string(), key: z.string(), askedDurationMinutes: z.number().nullable() });

/**
 * Where a conversation stands between two messages. Persisted as JSON per customer, so a restart
 * mid-dialog loses nothing; anything unreadable counts as `idle`.
 */
export const dialogStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle'), lastBooking: z.object({ booking_id: z.string(), start: z.string(), at: z.string() }).optional() }),
  /** Asked for the missing day and/or time of a booking. */
  z.object({ kind: z.literal('awaiting_details'), date: z.string().nullable(), askedDurationMinutes: z.number().nullable() }),
  /**
   * Asked "¿Confirmas la reserva para …?"; a yes books `proposal` with its idempotency key. `unsure`:
   * a yes was already given and the calendar's answer was lost, so the event may exist; the next yes
   * (or asking for the same time again) retries with the same key.
   */
  z.object({ kind: z.literal('confirming_booking'), proposal, unsure: z.boolean().optional() }),
  /** Offered free slots; the user picks one ("la segunda", "a las 5"). */
  z.object({ kind: z.literal('choosing_slot'), options: z.array(intervalSchema), askedDurationMinutes: z.number().nullable() }),
  /** Several bookings matched a cancel or a move; the user picks one. */
  z.object({
    kind: z.literal('choosing_booking'),
    purpose: z.enum(['cancel', 'reschedule']),
    options: z.array(bookingSchema),
    newStart: z.string().nullable(),
  }),
  z.object({ kind: z.literal('confirming_cancel'), booking: bookingSchema }),
  /** Knows which booking to move, asked for the new day and time. */
  z.object({ kind: z.literal('awaiting_new_time'), booking: bookingSchema }),
  z.object({ kind: z.literal('confirming_reschedule'), booking: bookingSchema, start: z.string(), end: z.string() }),
]);

export type DialogState = z.infer<typeof dialogStateSchema>;
export type Proposal = z.infer<typeof proposal>;

export const IDLE: DialogState = { kind: 'idle' };
