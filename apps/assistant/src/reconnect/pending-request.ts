import { z } from 'zod';

/**
 * The booking a customer asked for when their calendar answered `needs_reauth`/`not_connected`: the slot
 * (absolute instants) and the length they asked for, so that once they reconnect the assistant checks it
 * again and asks "¿Confirmas la reserva para …?" instead of making them start over.
 */
export const pendingRequestSchema = z.object({
  start: z.string(),
  end: z.string(),
  askedDurationMinutes: z.number().nullable(),
});

/** A {@link pendingRequestSchema} value. */
export type PendingRequest = z.infer<typeof pendingRequestSchema>;

/** Reads a stored request; anything unreadable counts as none (the customer is then asked afresh). */
export function parsePendingRequest(json: string | null): PendingRequest | null {
  if (json === null) return null;
  try {
    const parsed = pendingRequestSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
