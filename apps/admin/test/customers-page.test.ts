// @vitest-environment jsdom

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

describe('/clientes', () => {
  it('shows each calendar status in Spanish, with the connected email under it', async () => {
    const api = new FakeAdminApi();
    api.add('cli-nuevo', { name: 'Ana' });
    api.add('cli-ok', { name: 'Juan Pérez', phone: '525512345678' }, { status: 'connected', email: 'juan@gmail.com', connected_at: '2026-01-01T00:00:00Z' });
    api.add('cli-reauth', {}, { status: 'needs_reauth', email: 'viejo@gmail.com' });
    api.add('cli-caido');
    api.calendarDown.add('cli-caido');
    renderApp(api, '/');

    const table = await screen.findByRole('table', { name: /Lista de clientes/ });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(5));
    expect(window.location.pathname).toBe('/clientes');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['ID', 'Nombre', 'Email', 'Teléfono', 'Calendario', 'Acciones']);

    expect(screen.getByTestId('status-cli-ok')).toHaveTextContent('Conectado');
    expect(screen.getByTestId('calendar-email-cli-ok')).toHaveTextContent('juan@gmail.com');
    expect(screen.getByTestId('status-cli-nuevo')).toHaveTextContent('No conectado');
    expect(screen.getByTestId('status-cli-reauth')).toHaveTextContent('Requiere reconexión');
    expect(screen.getByTestId('status-cli-caido')).toHaveTextContent('Desconocido');

    const ok = within(screen.getByTestId('row-cli-ok'));
    expect(ok.getByText('Juan Pérez')).toBeInTheDocument();
    expect(ok.getByText('+525512345678')).toBeInTheDocument();
    expect(ok.getByRole('button', { name: 'Reconectar' })).toBeInTheDocument();
    expect(ok.getByRole('button', { name: 'Desconectar' })).toBeInTheDocument();
    expect(ok.getByRole('link', { name: 'Probar' })).toHaveAttribute('href', '/probar?cliente=cli-ok');
    const nuevo = within(screen.getByTestId('row-cli-nuevo'));
    expect(nuevo.getByRole('button', { name: 'Conectar' })).toBeInTheDocument();
    expect(nuevo.queryByRole('button', { name: 'Desconectar' })).not.toBeInTheDocument();
    expect(within(screen.getByTestId('row-cli-reauth')).getByRole('button', { name: 'Reconectar' })).toBeInTheDocument();
  });

  it('pages through the customers on the server, 20 at a time', async () => {
    const api = new FakeAdminApi();
    for (let i = 1; i <= 45; i++) api.add(`c-${String(i).padStart(2, '0')}`);
    const user = userEvent.setup();
    renderApp(api, '/clientes');

    expect(await screen.findByTestId('row-c-45')).toBeInTheDocument();
    expect(screen.getByTestId('page-info')).toHaveTextContent('Página 1 de 3');
    expect(screen.getByTestId('customers-total')).toHaveTextContent('45 clientes');
    expect(screen.getAllByTestId(/^row-/)).toHaveLength(20);
    expect(screen.getByRole('button', { name: 'Anterior' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Siguiente' }));
    expect(await screen.findByTestId('row-c-25')).toBeInTheDocument();
    expect(screen.queryByTestId('row-c-45')).not.toBeInTheDocument();
    expect(screen.getByTestId('page-info')).toHaveTextContent('Página 2 de 3');

    await user.click(screen.getByRole('button', { name: 'Siguiente' }));
    expect(await screen.findByTestId('row-c-01')).toBeInTheDocument();
    expect(screen.getAllByTestId(/^row-/)).toHaveLength(5);
    expect(screen.getByRole('button', { name: 'Siguiente' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Anterior' }));
    expect(await screen.findByTestId('row-c-25')).toBeInTheDocument();

    // Only one page is ever asked for at a time.
    const lists = api.requestsTo('GET', '/api/admin/customers');
    expect(lists.map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '2']);
    expect(lists.every((r) => r.query.get('page_size') === '20')).toBe(true);
  });

  it('searches on the server after the admin stops typing', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-123', { name: 'Juan Pérez' });
    api.add('otro', { name: 'María López' });
    for (let i = 0; i < 25; i++) api.add(`relleno-${i}`);
    const user = userEvent.setup();
    renderApp(api, '/clientes');
    expect(await screen.findByTestId('row-relleno-24')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Siguiente' }));
    await screen.findByText('Página 2 de 2');
    await user.type(screen.getByLabelText('Buscar'), 'pérez');
    expect(await screen.findByTestId('row-cliente-123')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId(/^row-/)).toHaveLength(1));
    expect(screen.getByTestId('page-info')).toHaveTextContent('Página 1 de 1');

    const searches = api.requestsTo('GET', '/api/admin/customers').filter((r) => r.query.has('q'));
    // Debounced: one request for the whole word, not one per key, and back on page 1.
    expect(searches.map((r) => [r.query.get('q'), r.query.get('page')])).toEqual([['pérez', '1']]);
  });

  it('deletes a customer after a confirmation that says the calendar is disconnected too', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-1', {}, { status: 'connected', email: 'a@gmail.com', connected_at: '2026-01-01T00:00:00Z' });
    api.add('cliente-2');
    const user = userEvent.setup();
    renderApp(api, '/clientes');

    await user.click(await screen.findByTestId('delete-cliente-1'));
    const dialog = screen.getByRole('dialog', { name: '¿Eliminar a cliente-1?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveTextContent('También se desconectará su calendario');
    expect(within(dialog).getByRole('button', { name: 'Cancelar' })).toHaveFocus();

    // Escape closes without deleting and gives focus back.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('delete-cliente-1')).toHaveFocus();
    expect(api.requestsTo('DELETE', '/api/admin/customers/cliente-1')).toHaveLength(0);

    await user.click(screen.getByTestId('delete-cliente-1'));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Eliminar' }));
    await waitFor(() => expect(screen.queryByTestId('row-cliente-1')).not.toBeInTheDocument());
    expect(screen.getByTestId('row-cliente-2')).toBeInTheDocument();
    expect(screen.getByTestId('page-status')).toHaveTextContent('Cliente cliente-1 eliminado y su calendario desconectado.');
  });

  it('disconnects a calendar after confirming, and the row shows "No conectado"', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-1', {}, { status: 'connected', email: 'a@gmail.com', connected_at: '2026-01-01T00:00:00Z' });
    const user = userEvent.setup();
    renderApp(api, '/clientes');

    await user.click(await screen.findByTestId('disconnect-cliente-1'));
    await user.click(within(screen.getByRole('dialog', { name: '¿Desconectar el calendario de cliente-1?' })).getByRole('button', { name: 'Desconectar' }));
    await waitFor(() => expect(screen.getByTestId('status-cliente-1')).toHaveTextContent('No conectado'));
    expect(screen.queryByTestId('calendar-email-cliente-1')).not.toBeInTheDocument();
    expect(api.requestsTo('DELETE', '/api/admin/customers/cliente-1/calendar')).toHaveLength(1);
  });

  it('edits a customer without letting the id change', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-1', { name: 'Ana' });
    const user = userEvent.setup();
    renderApp(api, '/clientes');

    await user.click(await screen.findByTestId('edit-cliente-1'));
    const dialog = within(screen.getByRole('dialog', { name: 'Editar cliente cliente-1' }));
    expect(dialog.getByLabelText('ID del Cliente')).toHaveAttribute('readonly');
    await user.clear(dialog.getByLabelText('Nombre del Cliente'));
    await user.type(dialog.getByLabelText('Nombre del Cliente'), 'Ana María');
    await user.click(dialog.getByRole('button', { name: 'Guardar' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(screen.getByTestId('row-cliente-1')).getByText('Ana María')).toBeInTheDocument();
    const patch = api.requestsTo('PATCH', '/api/admin/customers/cliente-1');
    expect(patch).toHaveLength(1);
    expect(patch[0]?.body).not.toHaveProperty('customer_id');
  });
});
