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
  /** Minutes before each booking its WhatsApp reminder goes out; `null`: `REMINDER_LEAD_MINUTES`; 0: none. */
  reminder_lead_minutes?: number | null;
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

/**
 * The WhatsApp reminder of each booking the assistant made: `pending` until `due_at`, then `sending` (claimed
 * by one replica), `sent`; `unknown` (was `sending` when the process stopped: never re-sent), `cancelled` (the
 * booking was cancelled, or reminders are off), `failed` (could not be sent in time).
 */
export interface RemindersTable {
  id: Generated<number>;
  customer_id: string;
  booking_id: string;
  /** The booking's start as the calendar gave it (RFC 3339 with offset). */
  booking_start: string;
  /** When to send it (`toISOString()`, so it compares as text). */
  due_at: string;
  status: 'pending' | 'sending' | 'sent' | 'unknown' | 'cancelled' | 'failed';
  /** Claims so far (a calendar or Graph API failure puts it back to `pending`, a bounded number of times). */
  attempts: Generated<number>;
  claimed_at: string | null;
  sent_at: string | null;
  graph_message_id: string | null;
  /** The text the customer read (the template rendered), once sent. */
  text: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Reconnecting from the chat: the single-use link last sent to a customer whose calendar answered
 * `needs_reauth`/`not_connected` (at most one a day), the request that failed, and how its resumption went:
 * `waiting` (the link is out; the watcher polls the connection until `expires_at`), `resumed` (connected:
 * the proposal is in `resume_message`, not yet delivered), `delivered` (the customer got it).
 */
export interface ReconnectLinksTable {
  customer_id: string;
  sent_at: string;
  /** When the link stops working (7 days): the watcher stops here. */
  expires_at: string;
  /** The request to pick back up, as JSON (`PendingRequest`); `null` when the failure was not a booking. */
  pending: string | null;
  status: 'waiting' | 'resumed' | 'delivered';
  /** The watcher asks the calendar server again at this time (backoff). */
  next_check_at: string;
  checks: Generated<number>;
  resume_message: string | null;
  resumed_at: string | null;
}

/**
 * Every message of a customer's conversation both ways (`in`: the customer's, `out`: the assistant's
 * replies), over WhatsApp or the admin's chat simulator: the admin's customer page shows the last 100.
 */
export interface ConversationMessagesTable {
  id: Generated<number>;
  customer_id: string;
  direction: 'in' | 'out';
  channel: 'whatsapp' | 'chat';
  text: string;
  at: string;
}

/** The audit log of what happened to each customer (connected, booked, reminded…), by whom and when. */
export interface ActivityLogTable {
  id: Generated<number>;
  customer_id: string;
  kind: 'connected' | 'disconnected' | 'booked' | 'moved' | 'cancelled' | 'reminded';
  actor: 'admin' | 'customer' | 'assistant';
  booking_id: string | null;
  booking_start: string | null;
  at: string;
}

/** The assistant database's tables. */
export interface AssistantDatabaseSchema {
  conversation_messages: ConversationMessagesTable;
  activity_log: ActivityLogTable;
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
  reconnect_links: ReconnectLinksTable;
  reminders: RemindersTable;
}
