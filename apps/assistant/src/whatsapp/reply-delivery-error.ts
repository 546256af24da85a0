/** Stable codes of {@link ReplyDeliveryError}. */
export type ReplyDeliveryErrorCode = 'whatsapp_reply_not_sent' | 'whatsapp_reply_refused' | 'whatsapp_reply_outcome_unknown';

/**
 * A reply to an inbound message could not be delivered through the Graph API. `retryable` says whether the
 * inbox worker should try the message again later (the replies not yet sent go out then; a reply whose
 * outcome is unknown never does).
 */
export class ReplyDeliveryError extends Error {
  override readonly name = 'ReplyDeliveryError';
  readonly code: ReplyDeliveryErrorCode;
  readonly retryable: boolean;

  constructor(code: ReplyDeliveryErrorCode, message: string) {
    super(message);
    this.code = code;
    this.retryable = code !== 'whatsapp_reply_refused';
  }
}
