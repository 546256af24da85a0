import { useState } from 'react';
import { useApi } from './ApiContext';
import { formatDateTime } from './format-date-time';
import { HistoryPagination } from './HistoryPagination';
import { useLoaded } from './useLoaded';

const PAGE_SIZE = 20;
const CHANNELS = { whatsapp: 'WhatsApp', chat: 'Probar asistente' } as const;
const AUTHORS = { in: 'Cliente', out: 'Asistente' } as const;

/** "Conversación": the customer's last 100 messages both ways, newest first, 20 a page. */
export function ConversationSection({ customerId, timeZone }: { customerId: string; timeZone: string | null }) {
  const api = useApi();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoaded(() => api.customerConversation(customerId, page, PAGE_SIZE), `${customerId}:${page}`);
  return (
    <section aria-labelledby="conversation-heading" data-testid="conversation-section">
      <h2 id="conversation-heading">Conversación</h2>
      {error ? (
        <p role="alert" className="error-text" data-testid="conversation-error">
          {error}
        </p>
      ) : null}
      {data && data.total === 0 ? (
        <p className="muted" data-testid="conversation-empty">
          Todavía no hay mensajes.
        </p>
      ) : null}
      {data && data.total > 0 ? (
        <>
          <div className="table-wrap">
            <table aria-busy={loading} data-testid="conversation-table">
              <caption className="visually-hidden">Últimos {data.total} mensajes, del más reciente al más antiguo</caption>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">De</th>
                  <th scope="col">Canal</th>
                  <th scope="col">Mensaje</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.id} data-testid="conversation-message" data-direction={m.direction}>
                    <td className="nowrap">
                      <time dateTime={m.at}>{formatDateTime(m.at, timeZone)}</time>
                    </td>
                    <td>{AUTHORS[m.direction]}</td>
                    <td>{CHANNELS[m.channel]}</td>
                    <td className="wrap-word">{m.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <HistoryPagination label="Páginas de la conversación" testId="conversation" page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} disabled={loading} />
        </>
      ) : null}
      {!data && loading ? <p role="status">Cargando conversación…</p> : null}
    </section>
  );
}
