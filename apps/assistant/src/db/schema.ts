import type { Generated } from 'kysely';

/** customer_memory: who a customer is, and what the assistant has learned about them. */
export interface CustomersTable {
  customer_id: string;
  email: string;
  name: string | null;
  /** WhatsApp number: digits of E.164, no `+`. */
  phone: string | null;
  /** Overrides the calendar's time zone in conversations. */
  time_zone: string | null;
  /** Learned: the length the customer asks for. */
  preferred_duration_minutes: number | null;
  /** Lower-cased id, name, email and phone, for search. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

/** Learned: the latest bookings the assistant made for a customer. */
export interface CustomerBookingsTable {
  customer_id: string;
  booking_id: string;
  start: string;
  end: string;
  created_at: string;
}

/** A customer's conversation state, so a restart mid-dialog loses nothing. */
export interface DialogsTable {
  customer_id: string;
  state: string;
  updated_at: string;
}

/**
 * The durable WhatsApp inbox: each inbound message, stored before the webhook answers 200 and worked off
 * in `seq` order per sender. `message_id` is unique, so Meta's redelivery of a stored message adds nothing.
 */
export interface InboundMessagesTable {
  /** Arrival order. */
  seq: Generated<number>;
  /** `wamid.…`. */
  message_id: string;
  /** The sender's WhatsApp id (digits); `''` for ids carried over from the old `processed_messages`. */
  sender: string;
  /** Meta's message type: `text`, `image`, `interactive`… */
  type: string;
  /** The text to answer (capped at 4,096 characters); `null` for a message that has none (an image…). */
  body: string | null;
  received_at: string;
  status: 'pending' | 'processing' | 'done' | 'failed';
  /** Processing attempts started (counted at the claim, so a message that crashes the process runs out too). */
  attempts: Generated<number>;
  /** A `pending` message is not claimed before this time (retry backoff). */
  next_attempt_at: string;
  claimed_at: string | null;
  /**
   * A `processing` message belongs to the replica that claimed it until this time; the claimer renews it
   * while it works, so only a stopped replica's message is claimed again. `null` (a row of an older
   * version): reclaimable.
   */
  lease_expires_at: Generated<string | null>;
  finished_at: string | null;
  last_error: string | null;
}

/**
 * Each reply to an inbound message, recorded before it is sent and marked after, so no reply goes out twice:
 * `pending` (recorded, never tried), `sending` (handed to the Graph API; outcome unknown until marked),
 * `sent`, `unknown` (was `sending` when the process stopped, or the answer was lost: never re-sent), `failed`
 * (the Graph API refused it).
 */
export interface OutboundRepliesTable {
  message_id: string;
  ordinal: number;
  recipient: string;
  text: string;
  status: 'pending' | 'sending' | 'sent' | 'unknown' | 'failed';
  created_at: string;
  sent_at: string | null;
  /** `wamid.…` the Graph API gave the reply. */
  graph_message_id: string | null;
}

/** When each unknown number was last told it is not a customer (at most once per 24 h). */
export interface UnknownSenderNoticesTable {
  sender: string;
  notified_at: string;
}

/** Admin login sessions; only the token's SHA-256 is stored. */
export interface AdminSessionsTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/** Admin login throttle: the consecutive failed logins of each client address (shared by every replica). */
export interface LoginThrottleAddressesTable {
  /** The address, or its /64 for IPv6 (`clientKey`). */
  client_key: string;
  failures: number;
  last_failure_at: string;
}

/** Admin login throttle: each failed login of the last minute, whatever the address (the global cap). */
export interface LoginFailureLogTable {
  seq: Generated<number>;
  failed_at: string;
}

/** LLM mode: a customer's conversation with the model, one AI SDK `ModelMessage` per row, in `seq` order. */
export interface LlmMessagesTable {
  customer_id: string;
  seq: number;
  role: string;
  /** The message as JSON. */
  content: string;
  created_at: string;
}

/** LLM mode: the booking, change or cancellation the assistant last asked the customer to confirm. */
export interface LlmPendingActionsTable {
  customer_id: string;
  /** The recorded action as JSON. */
  action: string;
  proposed_at: string;
}

/** The assistant database's tables. */
export interface AssistantDatabaseSchema {
  customers: CustomersTable;
  customer_bookings: CustomerBookingsTable;
  dialogs: DialogsTable;
  inbound_messages: InboundMessagesTable;
  outbound_replies: OutboundRepliesTable;
  unknown_sender_notices: UnknownSenderNoticesTable;
  admin_sessions: AdminSessionsTable;
  login_throttle_addresses: LoginThrottleAddressesTable;
  login_failure_log: LoginFailureLogTable;
  llm_messages: LlmMessagesTable;
  llm_pending_actions: LlmPendingActionsTable;
}
