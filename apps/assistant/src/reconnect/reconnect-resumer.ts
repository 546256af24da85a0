/**
 * An engine that can pick a customer's request back up once their calendar is connected again (the
 * watcher calls it): under the customer's dialog lock it re-checks the request, sets the conversation to
 * the question, marks the link `resumed` and returns the message to send, or `undefined` when there is
 * nothing to resume (already done elsewhere, or no link waiting).
 */
export interface ReconnectResumer {
  resumeAfterReconnect(customerId: string): Promise<string | undefined>;
}
