import { ActivitySection } from './ActivitySection';
import { useApi } from './ApiContext';
import { badgeState, CalendarStatusBadge } from './CalendarStatusBadge';
import { ConversationSection } from './ConversationSection';
import { CustomerBookingsSection } from './CustomerBookingsSection';
import { formatDateTime } from './format-date-time';
import { RemindersSection } from './RemindersSection';
import { Link } from './Router';
import { useLoaded } from './useLoaded';

/** The path of a customer's page: `/clientes/<id>` (the id encoded). */
export function customerPagePath(customerId: string): string {
  return `/clientes/${encodeURIComponent(customerId)}`;
}

/**
 * `/clientes/:id`: what the assistant did for one customer — their data and calendar status, upcoming
 * bookings, conversation, reminders and activity log — each section loading on its own.
 */
export function CustomerPage({ customerId }: { customerId: string }) {
  const api = useApi();
  const { data: customer, error, loading } = useLoaded(() => api.getCustomer(customerId), customerId);
  const back = (
    <p>
      <Link to="/clientes" data-testid="back-to-customers">
        ← Volver a Clientes
      </Link>
    </p>
  );
  if (!customer) {
    return (
      <section data-testid="customer-page">
        {back}
        <h1>Cliente {customerId}</h1>
        {error ? (
          <p role="alert" className="error-text" data-testid="customer-error">
            {error}
          </p>
        ) : null}
        {loading ? <p role="status">Cargando…</p> : null}
      </section>
    );
  }
  const state = badgeState(customer.calendar, undefined);
  const zone = customer.time_zone;
  return (
    <div data-testid="customer-page">
      {back}
      <h1>{customer.name ? `${customer.name} (${customer.customer_id})` : `Cliente ${customer.customer_id}`}</h1>
      <section aria-labelledby="details-heading" data-testid="customer-details">
        <h2 id="details-heading">Datos del cliente</h2>
        <dl className="details">
          <dt>ID</dt>
          <dd className="mono">{customer.customer_id}</dd>
          <dt>Nombre</dt>
          <dd>{customer.name ?? '—'}</dd>
          <dt>Email</dt>
          <dd className="wrap-word">{customer.email}</dd>
          <dt>Teléfono (WhatsApp)</dt>
          <dd>{customer.phone ? `+${customer.phone}` : '—'}</dd>
          <dt>Zona horaria</dt>
          <dd>{customer.time_zone ?? 'La del calendario'}</dd>
          <dt>Cliente desde</dt>
          <dd>
            <time dateTime={customer.created_at}>{formatDateTime(customer.created_at, zone)}</time>
          </dd>
          <dt>Calendario</dt>
          <dd data-testid="customer-status" data-status={state}>
            <CalendarStatusBadge state={state} />
            {customer.calendar?.email ? <span className="calendar-email wrap-word"> {customer.calendar.email}</span> : null}
            {customer.calendar?.connected_at ? (
              <span>
                {' '}
                — conectado el <time dateTime={customer.calendar.connected_at}>{formatDateTime(customer.calendar.connected_at, zone)}</time>
              </span>
            ) : null}
          </dd>
        </dl>
      </section>
      <CustomerBookingsSection customerId={customer.customer_id} timeZone={zone} />
      <ConversationSection customerId={customer.customer_id} timeZone={zone} />
      <RemindersSection customerId={customer.customer_id} timeZone={zone} />
      <ActivitySection customerId={customer.customer_id} timeZone={zone} />
    </div>
  );
}
