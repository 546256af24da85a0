import { z } from 'zod';

/**
 * Zod schemas of the WhatsApp Cloud API webhook notification (Meta's documented wire format):
 *
 * `{object: "whatsapp_business_account", entry: [{id, changes: [{field: "messages", value: {messaging_product:
 * "whatsapp", metadata: {display_phone_number, phone_number_id}, contacts?, messages?, statuses?, errors?}}]}]}`.
 *
 * Unknown properties are accepted and dropped, so new fields Meta adds do not break the webhook. Changes of
 * other fields (template status updates, account alerts…) are accepted with an unchecked `value`.
 */

/** An error object as Meta puts it in `value.errors`, `messages[].errors` and `statuses[].errors`. */
export const webhookErrorSchema = z.object({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});

/** A message a customer sent (`value.messages[]`). Only the parts the assistant reads are typed. */
export const inboundMessageSchema = z
  .object({
    /** The sender's WhatsApp id (their phone number in international format, digits only). */
    from: z.string().min(1),
    /** `wamid.…`, unique per message; used for deduplication. */
    id: z.string().min(1),
    /** Unix seconds, as a string. */
    timestamp: z.string(),
    /** `text`, `image`, `audio`, `video`, `document`, `sticker`, `location`, `contacts`, `interactive`, `button`, `reaction`, `order`, `system`, `unsupported`… */
    type: z.string().min(1),
    text: z.object({ body: z.string() }).optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
      })
      .optional(),
    /** Quick-reply button of a template message. */
    button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
    context: z.object({ from: z.string().optional(), id: z.string().optional() }).optional(),
    errors: z.array(webhookErrorSchema).optional(),
  })
  .refine((message) => message.type !== 'text' || message.text !== undefined, {
    error: 'a text message needs a text.body',
    path: ['text'],
  });

/** A delivery status of a message the business sent (`value.statuses[]`). */
export const messageStatusSchema = z.object({
  id: z.string(),
  /** `sent`, `delivered`, `read`, `failed`… */
  status: z.string(),
  timestamp: z.string(),
  recipient_id: z.string(),
  errors: z.array(webhookErrorSchema).optional(),
});

/** The `value` of a change whose `field` is `messages`. */
export const messagesValueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ display_phone_number: z.string(), phone_number_id: z.string().min(1) }),
  contacts: z.array(z.object({ profile: z.object({ name: z.string().optional() }).optional(), wa_id: z.string() })).optional(),
  messages: z.array(inboundMessageSchema).optional(),
  statuses: z.array(messageStatusSchema).optional(),
  errors: z.array(webhookErrorSchema).optional(),
});

const messagesChangeSchema = z.object({ field: z.literal('messages'), value: messagesValueSchema });
const otherChangeSchema = z.object({
  field: z.string().refine((field) => field !== 'messages'),
  value: z.unknown(),
});

/** The whole notification Meta POSTs to the webhook. */
export const webhookPayloadSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      /** The WhatsApp Business Account id. */
      id: z.string(),
      changes: z.array(z.union([messagesChangeSchema, otherChangeSchema])),
    }),
  ),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
export type WebhookChange = WebhookPayload['entry'][number]['changes'][number];
export type MessagesChange = z.infer<typeof messagesChangeSchema>;
export type MessagesValue = z.infer<typeof messagesValueSchema>;
export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** Whether `change` is a `messages` change (its `value` has then been validated as {@link MessagesValue}). */
export function isMessagesChange(change: WebhookChange): change is MessagesChange {
  return change.field === 'messages';
}
