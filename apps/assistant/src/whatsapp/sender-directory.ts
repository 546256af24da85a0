/** Finds the customer behind a WhatsApp number. */
export interface SenderDirectory {
  /**
   * The customer whose `customer_id` or `phone` is the WhatsApp id `waId` (international number,
   * digits only, as Meta sends it in `messages[].from`), or `undefined` for an unknown number.
   */
  findBySender(waId: string): Promise<{ customerId: string } | undefined>;
}
