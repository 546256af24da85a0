import type { SenderDirectory } from '../../src/whatsapp/sender-directory.js';

/** Customers in memory; a WhatsApp id matches a customer's `customer_id` or their phone (digits only). */
export class InMemorySenderDirectory implements SenderDirectory {
  readonly #customers: { customerId: string; phone?: string }[];

  constructor(customers: { customerId: string; phone?: string }[]) {
    this.#customers = customers;
  }

  async findBySender(waId: string): Promise<{ customerId: string } | undefined> {
    const customer = this.#customers.find((candidate) => candidate.customerId === waId || candidate.phone?.replace(/\D/g, '') === waId);
    return customer === undefined ? undefined : { customerId: customer.customerId };
  }
}
