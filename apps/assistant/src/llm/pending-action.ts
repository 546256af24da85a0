import { z } from 'zod';

/**
 * What the assistant asked the customer to confirm in its last reply, recorded by a `propose_*` tool.
 * Only this, with exactly these arguments, may be executed after the customer's yes; times are
 * RFC 3339 with the offset of the customer's zone.
 */
export const pendingActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('create'),
    start: z.string(),
    end: z.string(),
    title: z.string(),
    /** Bound to this proposal: executing it twice books once. */
    idempotencyKey: z.string(),
  }),
  z.object({
    kind: z.literal('change'),
    bookingId: z.string(),
    /** The booking's current start, to describe it. */
    fromStart: z.string(),
    start: z.string(),
    end: z.string(),
  }),
  z.object({
    kind: z.literal('cancel'),
    bookingId: z.string(),
    /** The booking's start, to describe it. */
    fromStart: z.string(),
  }),
]);

/** A recorded proposal awaiting the customer's yes. */
export type PendingAction = z.infer<typeof pendingActionSchema>;
