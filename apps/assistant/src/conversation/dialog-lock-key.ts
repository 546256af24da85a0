/**
 * The lock under which a customer's conversation moves one turn (load state, act, save), the same key
 * for both engines: one turn at a time per customer, across every replica on PostgreSQL.
 */
export function dialogLockKey(customerId: string): string {
  return `dialog:${customerId}`;
}
