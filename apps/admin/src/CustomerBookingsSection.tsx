import { useApi } from './ApiContext';
import { formatDateTime } from './format-date-time';
import { useLoaded } from './useLoaded';

/** The calendar's error codes, as the admin reads them. */
const CALENDAR_ERRORS: Record<string, string> = {
  not_connected: 'El calendario del cliente no está conectado.',
  needs_reauth: 'El calendario del cliente requiere reconexión.',
};

/** "Próximas reservas": the bookings Agendo made for the customer in the next 90 days, from their calendar. */
export function CustomerBookingsSection({ customerId, timeZone }: { customerId: string; timeZone: string | null }) {
  const api = useApi();
  const { data, error, loading } = useLoaded(() => api.customerBookings(customerId), customerId);
  const calendarError = data?.calendar_error ? (CALENDAR_ERRORS[data.calendar_error] ?? `El calendario no respondió (${data.calendar_error}).`) : null;
  return (
    <section aria-labelledby="bookings-heading" data-testid="bookings-section">
      <h2 id="bookings-heading">Próximas reservas</h2>
      {error || calendarError ? (
        <p role="alert" className="error-text" data-testid="bookings-error">
          {error ?? calendarError}
        </p>
      ) : null}
      {data && data.bookings.length === 0 && !calendarError ? (
        <p className="muted" data-testid="bookings-empty">
          No hay reservas hechas por Agendo en los próximos 90 días.
        </p>
      ) : null}
      {data && data.bookings.length > 0 ? (
        <div className="table-wrap">
          <table aria-busy={loading} data-testid="bookings-table">
            <caption className="visually-hidden">Próximas reservas hechas por Agendo (90 días)</caption>
            <thead>
              <tr>
                <th scope="col">Empieza</th>
                <th scope="col">Termina</th>
                <th scope="col">Título</th>
              </tr>
            </thead>
            <tbody>
              {data.bookings.map((b) => (
                <tr key={b.booking_id} data-testid="booking-row">
                  <th scope="row">
                    <time dateTime={b.start}>{formatDateTime(b.start, timeZone)}</time>
                  </th>
                  <td>
                    <time dateTime={b.end}>{formatDateTime(b.end, timeZone)}</time>
                  </td>
                  <td>{b.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!data && loading ? <p role="status">Cargando reservas…</p> : null}
    </section>
  );
}
