import type { TokenDatabase } from '../db/token-database.js';

/**
 * The customers whose calendar is connected (and usable), to open their push channels at start.
 * Reads the token database's connection rows directly, without decrypting anything.
 */
export async function connectedCustomerIds(db: TokenDatabase): Promise<string[]> {
  const rows = await db.selectFrom('connections').select('customer_id').where('status', '=', 'connected').execute();
  return rows.map((r) => r.customer_id);
}
