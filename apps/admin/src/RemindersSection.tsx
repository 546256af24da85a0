import type { CustomerReminder } from '@agendo/contracts';
import { useApi } from './ApiContext';
import { formatDateTime } from './format-date-time';
import { useLoaded } from './useLoaded';

const STATUS: Record<CustomerReminder['status'], string> = {
  pending: 'Pendiente',
  sending: 'Enviándose',
  sent: 'Enviado',
  unknown: 'Sin confirmar',
  cancelled: 'No se envía',
  failed: 'Fallido',
};

/** "Recordatorios": the customer's WhatsApp reminders, sent and pending, latest booking first. */
export function RemindersSection({ customerId, timeZone }: { customerId: string; timeZone: string | null }) {
  const api = useApi();
  const { data, error, loading } = useLoaded(() => api.customerReminders(customerId), customerId);
  return (
    <section aria-labelledby="reminders-heading" data-testid="reminders-section">
      <h2 id="reminders-heading">Recordatorios</h2>
      {error ? (
        <p role="alert" className="error-text" data-testid="reminders-error">
          {error}
        </p>
      ) : null}
      {data && data.items.length === 0 ? (
        <p className="muted" data-testid="reminders-empty">
          No hay recordatorios.
        </p>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table aria-busy={loading} data-testid="reminders-table">
            <caption className="visually-hidden">Recordatorios por WhatsApp, enviados y pendientes</caption>
            <thead>
              <tr>
                <th scope="col">Reserva</th>
                <th scope="col">Estado</th>
                <th scope="col">Envío</th>
                <th scope="col">Mensaje</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.booking_id} data-testid="reminder-row" data-status={r.status}>
                  <th scope="row">
                    <time dateTime={r.booking_start}>{formatDateTime(r.booking_start, timeZone)}</time>
                  </th>
                  <td>{STATUS[r.status]}</td>
                  <td>
                    {r.sent_at ? (
                      <>
                        Enviado el <time dateTime={r.sent_at}>{formatDateTime(r.sent_at, timeZone)}</time>
                      </>
                    ) : (
                      <>
                        Previsto para el <time dateTime={r.due_at}>{formatDateTime(r.due_at, timeZone)}</time>
                      </>
                    )}
                  </td>
                  <td className="wrap-word">{r.text ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!data && loading ? <p role="status">Cargando recordatorios…</p> : null}
    </section>
  );
}
