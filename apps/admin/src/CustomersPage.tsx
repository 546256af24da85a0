import type { ConnectionStatus, Customer, CustomerPage, CustomerWithCalendar } from '@agendo/contracts';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useApi } from './ApiContext';
import { ApiError } from './api-client';
import { ConfirmDialog } from './ConfirmDialog';
import { CustomerForm, type SaveIntent } from './CustomerForm';
import { CustomerRow } from './CustomerRow';
import { timing } from './config';
import { LinkDialog } from './LinkDialog';
import { Pagination, pageCount } from './Pagination';
import { useCalendarConnections } from './useCalendarConnections';
import { useDebouncedValue } from './useDebouncedValue';

/** Rows per page (the API allows up to 100). */
export const PAGE_SIZE = 20;

type OpenDialog =
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly customer: CustomerWithCalendar }
  | { readonly kind: 'delete'; readonly customer: CustomerWithCalendar }
  | { readonly kind: 'disconnect'; readonly customer: CustomerWithCalendar };

interface Alert {
  readonly id: number;
  readonly text: string;
}

const expiry = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toLocaleString('es', { dateStyle: 'medium', timeStyle: 'short' });
};

/**
 * `/clientes`: the customer list (server-side search and pages), calendar status per row, and the
 * actions: connect (popup), copy a link for the customer, disconnect, edit, delete, try the assistant.
 */
export function CustomersPage() {
  const api = useApi();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebouncedValue(query, timing.searchDebounceMs);
  const [view, setView] = useState({ q: '', page: 1 });
  const [reload, setReload] = useState(0);
  const [data, setData] = useState<CustomerPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [status, setStatus] = useState('');
  const [alerts, setAlerts] = useState<readonly Alert[]>([]);
  const alertSeq = useRef(0);

  const pushAlert = useCallback((text: string) => setAlerts((list) => [...list.slice(-4), { id: ++alertSeq.current, text }]), []);
  const patchCustomer = useCallback((customerId: string, patch: (c: CustomerWithCalendar) => CustomerWithCalendar) => {
    setData((d) => (d ? { ...d, items: d.items.map((c) => (c.customer_id === customerId ? patch(c) : c)) } : d));
  }, []);
  const setCalendar = useCallback((customerId: string, calendar: ConnectionStatus) => patchCustomer(customerId, (c) => ({ ...c, calendar })), [patchCustomer]);

  const connections = useCalendarConnections(api, { onCalendar: setCalendar, onStatus: setStatus, onAlert: pushAlert });

  useEffect(() => {
    setView((v) => (v.q === debouncedQuery ? v : { q: debouncedQuery, page: 1 }));
  }, [debouncedQuery]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` is a counter whose change means "fetch again"
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api.listCustomers({ q: view.q, page: view.page, pageSize: PAGE_SIZE }, controller.signal).then(
      (page) => {
        setData(page);
        setLoadError(null);
        setLoading(false);
        const last = pageCount(page.total, PAGE_SIZE);
        if (page.items.length === 0 && view.page > last) setView((v) => ({ ...v, page: last }));
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setLoading(false);
        if (err instanceof ApiError && err.status === 401) return;
        setLoadError(err instanceof ApiError ? err.message : 'No se pudo cargar la lista de clientes.');
      },
    );
    return () => controller.abort();
  }, [api, view, reload]);

  const closeDialog = useCallback(() => setDialog(null), []);

  const onSaved = (customer: Customer, intent: SaveIntent, popup: Window | null) => {
    if (dialog?.kind === 'edit') {
      const before = dialog.customer;
      patchCustomer(customer.customer_id, () => ({ ...customer, calendar: before.calendar }));
      setStatus(`Cliente ${customer.customer_id} actualizado.`);
      setDialog(null);
      return;
    }
    setDialog(null);
    setStatus(`Cliente ${customer.customer_id} creado.`);
    // New customers come first in the list: show page 1 without a filter.
    setQuery('');
    setView({ q: '', page: 1 });
    setReload((r) => r + 1);
    if (intent === 'connect') void connections.connect(customer.customer_id, null, popup);
  };

  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const linkDialog = connections.linkDialog;

  return (
    <section className="customers" aria-labelledby="customers-title">
      <div className="page-heading">
        <h1 id="customers-title">Clientes</h1>
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })} data-testid="add-customer">
          Agregar Cliente
        </button>
      </div>

      <div role="status" aria-live="polite" className="status-line" data-testid="page-status">
        {status}
      </div>
      <div role="alert" className="alerts" data-testid="page-alerts">
        {alerts.map((alert) => (
          <div key={alert.id} className="alert-item">
            <span>{alert.text}</span>
            <button type="button" className="small" onClick={() => setAlerts((list) => list.filter((a) => a.id !== alert.id))} aria-label="Cerrar aviso">
              ×
            </button>
          </div>
        ))}
      </div>

      <div className="toolbar">
        <div className="field search">
          <label htmlFor={searchId}>Buscar</label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="ID, nombre, email o teléfono"
            maxLength={100}
            data-testid="search"
          />
        </div>
      </div>

      {loadError ? (
        <p role="alert" className="error-text" data-testid="load-error">
          {loadError}{' '}
          <button type="button" className="small" onClick={() => setReload((r) => r + 1)}>
            Reintentar
          </button>
        </p>
      ) : null}

      <div className="table-wrap">
        <table aria-busy={loading} data-testid="customers-table">
          <caption className="visually-hidden">Lista de clientes{loading ? ' (cargando…)' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Nombre</th>
              <th scope="col">Email</th>
              <th scope="col">Teléfono</th>
              <th scope="col">Calendario</th>
              <th scope="col">Acciones</th>
            </tr>
          </thead>
          <tbody>
            {items.map((customer) => (
              <CustomerRow
                key={customer.customer_id}
                customer={customer}
                pending={connections.pending[customer.customer_id]}
                onConnect={(c) => void connections.connect(c.customer_id, c.calendar)}
                onCopyLink={(c) => void connections.copyLink(c.customer_id, c.calendar)}
                onDisconnect={(c) => setDialog({ kind: 'disconnect', customer: c })}
                onEdit={(c) => setDialog({ kind: 'edit', customer: c })}
                onDelete={(c) => setDialog({ kind: 'delete', customer: c })}
              />
            ))}
            {!loading && data && items.length === 0 ? (
              <tr>
                <td colSpan={6} className="empty" data-testid="empty">
                  {view.q ? `Ningún cliente coincide con «${view.q}».` : 'Todavía no hay clientes. Usa «Agregar Cliente».'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <Pagination page={data?.page ?? view.page} pageSize={PAGE_SIZE} total={total} onPage={(page) => setView((v) => ({ ...v, page }))} disabled={loading && !data} />

      {dialog?.kind === 'add' ? <CustomerForm onClose={closeDialog} onSaved={onSaved} /> : null}
      {dialog?.kind === 'edit' ? <CustomerForm customer={dialog.customer} onClose={closeDialog} onSaved={onSaved} /> : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={`¿Eliminar a ${dialog.customer.customer_id}?`}
          confirmLabel="Eliminar"
          testId="confirm-dialog"
          onClose={closeDialog}
          onConfirm={async () => {
            const id = dialog.customer.customer_id;
            const result = await api.deleteCustomer(id);
            connections.forget(id);
            setDialog(null);
            setStatus(`Cliente ${id} eliminado${result.calendar_disconnected ? ' y su calendario desconectado' : ''}.`);
            setReload((r) => r + 1);
          }}
        >
          <p>
            Se eliminará el cliente <strong>{dialog.customer.customer_id}</strong>
            {dialog.customer.name ? ` (${dialog.customer.name})` : ''}. También se desconectará su calendario de Google. Esta acción no se puede deshacer.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'disconnect' ? (
        <ConfirmDialog
          title={`¿Desconectar el calendario de ${dialog.customer.customer_id}?`}
          confirmLabel="Desconectar"
          testId="confirm-dialog"
          onClose={closeDialog}
          onConfirm={async () => {
            const id = dialog.customer.customer_id;
            await api.disconnectCalendar(id);
            connections.forget(id);
            const fresh = await api.calendarStatus(id).catch(() => null);
            setCalendar(id, fresh ?? { customer_id: id, status: 'not_connected', email: null, scopes: [], connected_at: null, also_connected_for: [] });
            setDialog(null);
            setStatus(`Calendario de ${id} desconectado.`);
          }}
        >
          <p>
            El asistente dejará de consultar y reservar en el calendario de <strong>{dialog.customer.customer_id}</strong>
            {dialog.customer.calendar?.email ? ` (${dialog.customer.calendar.email})` : ''}. Podrás volver a conectarlo cuando quieras.
          </p>
        </ConfirmDialog>
      ) : null}
      {linkDialog ? (
        <LinkDialog
          title={linkDialog.reason === 'blocked' ? 'Ventana emergente bloqueada' : `Enlace para ${linkDialog.customerId}`}
          intro={
            linkDialog.reason === 'blocked'
              ? 'El navegador bloqueó la ventana emergente. Abre este enlace:'
              : `Envía este enlace a ${linkDialog.customerId} para que autorice su calendario de Google:`
          }
          url={linkDialog.url}
          note={
            linkDialog.connected
              ? `¡Listo! El calendario de ${linkDialog.customerId} quedó conectado.`
              : [
                  linkDialog.reason === 'link' ? (linkDialog.copied ? 'Enlace copiado al portapapeles.' : 'No se pudo copiar automáticamente; cópialo desde aquí.') : null,
                  expiry(linkDialog.expiresAt) ? `Vence el ${expiry(linkDialog.expiresAt)}.` : null,
                ]
                  .filter(Boolean)
                  .join(' ')
          }
          onClose={connections.closeLinkDialog}
        />
      ) : null}
    </section>
  );
}
