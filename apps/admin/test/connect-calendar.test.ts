// @vitest-environment jsdom

import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

const CALENDAR_ORIGIN = 'http://localhost:60000';

/** A stand-in for the popup window `window.open` returns. */
function fakePopup() {
  const popup = { closed: false, location: { href: 'about:blank' }, close: vi.fn(() => (popup.closed = true)), focus: vi.fn() };
  return popup;
}

/** What the OAuth callback page posts to its opener. */
function post(data: unknown, origin = CALENDAR_ORIGIN) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin }));
  });
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('connecting a calendar', () => {
  let api: FakeAdminApi;
  let popup: ReturnType<typeof fakePopup>;
  let open: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    api = new FakeAdminApi();
    api.add('cliente-123', { name: 'Juan Pérez', email: 'juan@ejemplo.com' });
    popup = fakePopup();
    open = vi.fn(() => popup);
    vi.stubGlobal('open', open);
  });

  async function clickConnect(id = 'cliente-123') {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId(`connect-${id}`));
    await waitFor(() => expect(popup.location.href).toBe(api.authorizationUrl(id, 'popup')));
    return user;
  }

  it('opens the popup in the click, points it at Google, and the row turns "Conectado" on the callback message', async () => {
    await clickConnect();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('about:blank', 'agendo-oauth', 'width=520,height=680');
    expect(api.requestsTo('POST', '/api/admin/customers/cliente-123/calendar/connect')[0]?.body).toEqual({ delivery: 'popup' });
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectando…');
    expect(screen.getByTestId('page-status')).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('page-status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByTestId('page-status')).toHaveTextContent('Conectando el calendario de cliente-123…');

    api.connect('cliente-123', 'juan@ejemplo.com');
    post({ type: 'agendo:calendar-connected', customer_id: 'cliente-123', email: 'juan@ejemplo.com' });
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectado');
    expect(screen.getByTestId('calendar-email-cliente-123')).toHaveTextContent('juan@ejemplo.com');
    expect(screen.getByTestId('page-status')).toHaveTextContent('Calendario de cliente-123 conectado (juan@ejemplo.com).');
    expect(within(screen.getByTestId('row-cliente-123')).getByRole('button', { name: 'Reconectar' })).toBeInTheDocument();
    // No reload of the page or the list.
    expect(api.requestsTo('GET', '/api/admin/customers')).toHaveLength(1);

    // Polling stopped once connected.
    const polls = api.requestsTo('GET', '/api/admin/customers/cliente-123/calendar').length;
    await advance(10_000);
    expect(api.requestsTo('GET', '/api/admin/customers/cliente-123/calendar').length).toBeLessThanOrEqual(polls + 1);
  });

  it("ignores messages from another origin, about another customer, or not in the contract's shape", async () => {
    await clickConnect();
    post({ type: 'agendo:calendar-connected', customer_id: 'cliente-123', email: 'atacante@evil.test' }, 'https://evil.test');
    post({ type: 'agendo:calendar-connected', customer_id: 'cliente-123', email: 'atacante@evil.test' }, 'http://localhost:5173');
    post({ type: 'agendo:calendar-connected', customer_id: 'otro-cliente', email: 'otro@ejemplo.com' });
    post({ type: 'agendo:calendar-error', customer_id: 'cliente-123', reason: 'access_denied', message: 'Autorización cancelada' }, 'https://evil.test');
    post({ type: 'agendo:calendar-connected', customer_id: 'cliente-123', email: ['juan@ejemplo.com'] });
    post({ type: 'agendo:calendar-error', customer_id: 'cliente-123', message: 'Sin motivo' });
    await advance(0);
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectando…');
    expect(screen.queryByText(/atacante@evil\.test/)).not.toBeInTheDocument();
    expect(screen.getByTestId('page-alerts')).toBeEmptyDOMElement();

    post({ type: 'agendo:calendar-connected', customer_id: 'cliente-123', email: 'juan@ejemplo.com' });
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectado');
  });

  it('also notices the connection by polling the status every 2 s, without a message', async () => {
    await clickConnect();
    await advance(2_000);
    expect(api.requestsTo('GET', '/api/admin/customers/cliente-123/calendar').length).toBeGreaterThanOrEqual(1);
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectando…');

    api.connect('cliente-123', 'juan@gmail.com');
    await advance(2_000);
    await waitFor(() => expect(screen.getByTestId('status-cliente-123')).toHaveAttribute('data-status', 'connected'));
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectado');
    expect(screen.getByTestId('calendar-email-cliente-123')).toHaveTextContent('juan@gmail.com');
    expect(api.requestsTo('GET', '/api/admin/customers')).toHaveLength(1);
  });

  it('stops after one last poll when the popup is closed', async () => {
    await clickConnect();
    popup.closed = true;
    await advance(2_000);
    await waitFor(() => expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('No conectado'));
    expect(screen.getByTestId('page-status')).toHaveTextContent('Se cerró la ventana de autorización sin conectar el calendario de cliente-123.');
    const polls = api.requestsTo('GET', '/api/admin/customers/cliente-123/calendar').length;
    expect(polls).toBe(1);
    await advance(20_000);
    expect(api.requestsTo('GET', '/api/admin/customers/cliente-123/calendar')).toHaveLength(polls);
  });

  it('shows why when the callback reports an error', async () => {
    await clickConnect();
    post({ type: 'agendo:calendar-error', customer_id: 'cliente-123', reason: 'access_denied', message: 'Autorización cancelada' });
    expect(screen.getByTestId('page-alerts')).toHaveTextContent('No se conectó el calendario de cliente-123: Autorización cancelada');
    expect(screen.getByTestId('page-alerts')).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('No conectado');
  });

  it('shows the link in a dialog when the popup is blocked, and still notices the connection', async () => {
    open.mockReturnValue(null);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId('connect-cliente-123'));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('El navegador bloqueó la ventana emergente. Abre este enlace:');
    const link = within(dialog).getByRole('link', { name: api.authorizationUrl('cliente-123', 'popup') });
    expect(link).toHaveAttribute('href', api.authorizationUrl('cliente-123', 'popup'));
    expect(link).toHaveAttribute('target', '_blank');

    api.connect('cliente-123', 'juan@ejemplo.com');
    await advance(2_000);
    await waitFor(() => expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectado'));
    expect(dialog).toHaveTextContent('¡Listo! El calendario de cliente-123 quedó conectado.');
    await user.click(within(dialog).getByRole('button', { name: 'Cerrar' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('"Copiar enlace" copies a 7-day link, shows it, and watches the row until the customer connects', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId('copy-link-cliente-123'));

    const url = api.authorizationUrl('cliente-123', 'link');
    const dialog = await screen.findByRole('dialog', { name: 'Enlace para cliente-123' });
    expect(within(dialog).getByRole('link', { name: url })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Enlace copiado al portapapeles.');
    expect(await navigator.clipboard.readText()).toBe(url);
    expect(api.requestsTo('POST', '/api/admin/customers/cliente-123/calendar/connect')[0]?.body).toEqual({ delivery: 'link' });
    expect(open).not.toHaveBeenCalled();

    // The dialog can be closed: the pending link is still watched.
    await user.click(within(dialog).getByRole('button', { name: 'Cerrar' }));
    expect(screen.getByTestId('row-cliente-123')).toHaveTextContent('Esperando al cliente…');
    api.connect('cliente-123', 'juan@ejemplo.com');
    await advance(3_000);
    await waitFor(() => expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectado'));
    expect(screen.getByTestId('calendar-email-cliente-123')).toHaveTextContent('juan@ejemplo.com');
    expect(screen.getByTestId('row-cliente-123')).not.toHaveTextContent('Esperando al cliente…');
  });

  it('"Reconectar" of a connected calendar waits for a new connection, not the old one', async () => {
    api.connect('cliente-123', 'juan@ejemplo.com');
    await clickConnect();
    await advance(2_000);
    await advance(2_000);
    expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectando…');
    api.connect('cliente-123', 'juan@ejemplo.com');
    await advance(2_000);
    await waitFor(() => expect(screen.getByTestId('status-cliente-123')).toHaveAttribute('data-status', 'connected'));
  });

  it('"Conectar Calendario" in the form opens the popup during the click, creates the customer, then connects', async () => {
    const order: string[] = [];
    open.mockImplementation(() => {
      order.push('open');
      return popup;
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(api, '/clientes');
    // Record the order of the network calls too (renderApp installed the fake API as fetch).
    const fetch = api.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      order.push(`${init?.method ?? 'GET'} ${String(input).split('?')[0]}`);
      return fetch(input, init);
    });
    await user.click(await screen.findByTestId('add-customer'));
    const form = within(screen.getByRole('dialog', { name: 'Agregar Cliente' }));
    await user.type(form.getByLabelText('ID del Cliente'), 'cliente-nuevo');
    await user.type(form.getByLabelText('Email del Cliente'), 'nuevo@ejemplo.com');
    await user.click(form.getByRole('button', { name: 'Conectar Calendario' }));

    await waitFor(() => expect(popup.location.href).toBe(api.authorizationUrl('cliente-nuevo', 'popup')));
    const create = order.indexOf('POST /api/admin/customers');
    expect(order.indexOf('open')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('open')).toBeLessThan(create);
    expect(order.indexOf('POST /api/admin/customers/cliente-nuevo/calendar/connect')).toBeGreaterThan(create);
    await waitFor(() => expect(screen.getByTestId('status-cliente-nuevo')).toHaveTextContent('Conectando…'));

    api.connect('cliente-nuevo', 'nuevo@ejemplo.com');
    post({ type: 'agendo:calendar-connected', customer_id: 'cliente-nuevo', email: 'nuevo@ejemplo.com' });
    await waitFor(() => expect(screen.getByTestId('status-cliente-nuevo')).toHaveTextContent('Conectado'));
    expect(screen.getByTestId('calendar-email-cliente-nuevo')).toHaveTextContent('nuevo@ejemplo.com');
  });

  it('closes the popup and says why when the customer cannot be created', async () => {
    api.add('cliente-nuevo');
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId('add-customer'));
    const form = within(screen.getByRole('dialog', { name: 'Agregar Cliente' }));
    await user.type(form.getByLabelText('ID del Cliente'), 'cliente-nuevo');
    await user.type(form.getByLabelText('Email del Cliente'), 'nuevo@ejemplo.com');
    await user.click(form.getByRole('button', { name: 'Conectar Calendario' }));
    await waitFor(() => expect(form.getByLabelText('ID del Cliente')).toHaveAttribute('aria-invalid', 'true'));
    expect(popup.close).toHaveBeenCalled();
    expect(api.requests.some((r) => r.path.endsWith('/calendar/connect'))).toBe(false);
  });
});
