import type { ActivityActor, ActivityKind } from '@agendo/contracts';
import { useState } from 'react';
import { useApi } from './ApiContext';
import { formatDateTime } from './format-date-time';
import { HistoryPagination } from './HistoryPagination';
import { useLoaded } from './useLoaded';

const PAGE_SIZE = 20;
const KINDS: Record<ActivityKind, string> = {
  connected: 'Calendario conectado',
  disconnected: 'Calendario desconectado',
  booked: 'Reserva creada',
  moved: 'Reserva cambiada',
  cancelled: 'Reserva cancelada',
  reminded: 'Recordatorio enviado',
};
const ACTORS: Record<ActivityActor, string> = { admin: 'Administrador', customer: 'Cliente', assistant: 'Asistente' };

/** "Actividad": the customer's audit log (connections, bookings, reminders), by whom and when, newest first. */
export function ActivitySection({ customerId, timeZone }: { customerId: string; timeZone: string | null }) {
  const api = useApi();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoaded(() => api.customerActivity(customerId, page, PAGE_SIZE), `${customerId}:${page}`);
  return (
    <section aria-labelledby="activity-heading" data-testid="activity-section">
      <h2 id="activity-heading">Actividad</h2>
      {error ? (
        <p role="alert" className="error-text" data-testid="activity-error">
          {error}
        </p>
      ) : null}
      {data && data.total === 0 ? (
        <p className="muted" data-testid="activity-empty">
          Todavía no hay actividad.
        </p>
      ) : null}
      {data && data.total > 0 ? (
        <>
          <div className="table-wrap">
            <table aria-busy={loading} data-testid="activity-table">
              <caption className="visually-hidden">Registro de actividad, de lo más reciente a lo más antiguo</caption>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Qué</th>
                  <th scope="col">Quién</th>
                  <th scope="col">Reserva</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.id} data-testid="activity-row" data-kind={e.kind}>
                    <td className="nowrap">
                      <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
                    </td>
                    <td>{KINDS[e.kind]}</td>
                    <td>{ACTORS[e.actor]}</td>
                    <td>{e.booking_start ? <time dateTime={e.booking_start}>{formatDateTime(e.booking_start, timeZone)}</time> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <HistoryPagination label="Páginas de la actividad" testId="activity" page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} disabled={loading} />
        </>
      ) : null}
      {!data && loading ? <p role="status">Cargando actividad…</p> : null}
    </section>
  );
}
