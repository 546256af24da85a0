import type { CustomerWithCalendar } from '@agendo/contracts';
import { badgeState, CalendarStatusBadge } from './CalendarStatusBadge';
import { customerPagePath } from './CustomerPage';
import { Link } from './Router';
import { SharedAccountWarning } from './SharedAccountWarning';
import type { PendingKind } from './useCalendarConnections';

/** What a row's action buttons do. */
export interface CustomerRowActions {
  readonly onConnect: (customer: CustomerWithCalendar) => void;
  readonly onCopyLink: (customer: CustomerWithCalendar) => void;
  readonly onDisconnect: (customer: CustomerWithCalendar) => void;
  readonly onEdit: (customer: CustomerWithCalendar) => void;
  readonly onDelete: (customer: CustomerWithCalendar) => void;
}

/** Props of {@link CustomerRow}. */
export interface CustomerRowProps extends CustomerRowActions {
  readonly customer: CustomerWithCalendar;
  readonly pending: PendingKind | undefined;
}

/** One customer in the table: id (a link to their page), name, email, phone, calendar status and actions. */
export function CustomerRow({ customer, pending, onConnect, onCopyLink, onDisconnect, onEdit, onDelete }: CustomerRowProps) {
  const id = customer.customer_id;
  const calendar = customer.calendar;
  const state = badgeState(calendar, pending);
  const idCell = `cid-${id}`;
  const connected = calendar?.status === 'connected' || calendar?.status === 'needs_reauth';
  return (
    <tr data-testid={`row-${id}`}>
      <th scope="row" id={idCell} className="mono nowrap">
        <Link to={customerPagePath(id)} data-testid={`open-${id}`} title="Ver la página del cliente">
          {id}
        </Link>
      </th>
      <td>{customer.name ?? <span className="muted">—</span>}</td>
      <td className="wrap-word">{customer.email}</td>
      <td>{customer.phone ? `+${customer.phone}` : <span className="muted">—</span>}</td>
      <td data-testid={`status-${id}`} data-status={state}>
        <CalendarStatusBadge state={state} />
        {calendar?.email && state !== 'connecting' ? (
          <div className="calendar-email wrap-word" data-testid={`calendar-email-${id}`}>
            {calendar.email}
          </div>
        ) : null}
        {state !== 'connecting' ? <SharedAccountWarning customerId={id} calendar={calendar} /> : null}
        {pending === 'link' ? <div className="hint">Esperando al cliente…</div> : null}
      </td>
      <td>
        <div className="row-actions">
          <button type="button" className="small primary" onClick={() => onConnect(customer)} aria-describedby={idCell} data-testid={`connect-${id}`}>
            {connected ? 'Reconectar' : 'Conectar'}
          </button>
          <button type="button" className="small" onClick={() => onCopyLink(customer)} aria-describedby={idCell} data-testid={`copy-link-${id}`}>
            Copiar enlace
          </button>
          {connected ? (
            <button type="button" className="small" onClick={() => onDisconnect(customer)} aria-describedby={idCell} data-testid={`disconnect-${id}`}>
              Desconectar
            </button>
          ) : null}
          <button type="button" className="small" onClick={() => onEdit(customer)} aria-describedby={idCell} data-testid={`edit-${id}`}>
            Editar
          </button>
          <Link to={`/probar?cliente=${encodeURIComponent(id)}`} className="small button-like" aria-describedby={idCell} data-testid={`try-${id}`}>
            Probar
          </Link>
          <button type="button" className="small danger-outline" onClick={() => onDelete(customer)} aria-describedby={idCell} data-testid={`delete-${id}`}>
            Eliminar
          </button>
        </div>
      </td>
    </tr>
  );
}
