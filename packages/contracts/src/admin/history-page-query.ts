import { z } from 'zod';

/**
 * Query of the customer page's growing lists (`GET /api/admin/customers/:id/conversation` and `…/activity`):
 * which page, newest first. One page size for both, so the admin's pagination reads the same everywhere.
 */
export const historyPageQuerySchema = z.object({
  page: z.coerce.number({ error: 'page debe ser un número.' }).int().min(1, 'page empieza en 1.').default(1),
  page_size: z.coerce.number({ error: 'page_size debe ser un número.' }).int().min(1).max(100, 'page_size puede ser como máximo 100.').default(20),
});
/** That query as the assistant reads it (defaults applied). */
export type HistoryPageQuery = z.output<typeof historyPageQuerySchema>;
