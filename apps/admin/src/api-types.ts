/** Whether a customer's Google Calendar is connected, as the calendar server tells. */
export type CalendarState = 'connected' | 'not_connected' | 'needs_reauth';

/** A customer's calendar connection (`GET /api/admin/customers/:id/calendar`). */
export interface CalendarStatus {
  readonly customer_id: string;
  readonly status: CalendarState;
  readonly email: string | null;
  readonly scopes: readonly string[];
  readonly connected_at: string | null;
  /** Other customers connected to the same Google account: they book into the same calendar. */
  readonly also_connected_for?: readonly string[];
}

/** A customer of customer_memory; `calendar` is null when the calendar server could not tell. */
export interface Customer {
  readonly customer_id: string;
  readonly email: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly time_zone: string | null;
  readonly preferred_duration_minutes: number | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly calendar: CalendarStatus | null;
}

/** One page of the customer list. */
export interface CustomerPage {
  readonly items: readonly Customer[];
  readonly total: number;
  readonly page: number;
  readonly page_size: number;
}

/** The body of "Agregar Cliente". */
export interface NewCustomer {
  readonly customer_id: string;
  readonly email: string;
  readonly name?: string;
  readonly phone?: string;
}

/** The body of an edit (the id is not editable). */
export interface CustomerChanges {
  readonly email?: string;
  readonly name?: string;
  readonly phone?: string;
}

/** How an authorization link reaches the customer: a popup in the admin's browser, or a link sent to them. */
export type Delivery = 'popup' | 'link';

/** An authorization link from `POST …/calendar/connect`. */
export interface AuthorizationLink {
  readonly authorization_url: string;
  readonly expires_at: string;
}
