/** Persisted record of the inbound message ids already handled, so a replayed webhook does nothing. */
export interface ProcessedMessages {
  /** Records `messageId` (`wamid.…`); resolves to `true` the first time it is seen, `false` afterwards. */
  markIfNew(messageId: string): Promise<boolean>;
}
