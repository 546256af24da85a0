import { customerIdSchema } from '@agendo/contracts';
import { z } from 'zod';

/** Path parameters of the per-customer routes. */
export const customerParamsSchema = z.object({ customer_id: customerIdSchema });
export type CustomerParams = z.infer<typeof customerParamsSchema>;

/** How long a state stays valid, by delivery. */
export const STATE_TTL_MS = { popup: 10 * 60_000, link: 7 * 24 * 3600_000 } as const;
