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

/** WhatsApp message ids already handled (replayed webhooks do nothing). */
export interface ProcessedMessagesTable {
  message_id: string;
  received_at: string;
}

/** Admin login sessions; only the token's SHA-256 is stored. */
export interface AdminSessionsTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
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
  processed_messages: ProcessedMessagesTable;
  admin_sessions: AdminSessionsTable;
  llm_messages: LlmMessagesTable;
  llm_pending_actions: LlmPendingActionsTable;
}
