// @vitest-environment jsdom

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

const ZONE = 'America/Mexico_City';

/** Juan, connected, with one booking, a short conversation, a pending reminder and three log entries. */
function juan(): FakeAdminApi {
  const api = new FakeAdminApi();
  api.add('cli-otro');
  api.add('cliente-123', { name: 'Juan Pérez', phone: '5215512345678', time_zone: ZONE }, { status: 'connected', email: 'juan@gmail.com', connected_at: '2026-03-01T16:00:00Z' });
  api.bookings.set('cliente-123', [
    { booking_id: 'ev1', start: '2026-03-04T15:00:00-06:00', end: '2026-03-04T16:00:00-06:00', title: 'Reserva con Peluquería Sol', status: 'confirmed' },
  ]);
  api.addMessages('cliente-123', [
    { direction: 'in', text: 'Hola, quiero reservar para mañana a las 3 PM' },
    { direction: 'out', text: '¿Confirmas la reserva para mañana miércoles 4 de marzo a las 15:00?' },
    { direction: 'in', text: 'Sí, confirmo', channel: 'whatsapp' },
    { direction: 'out', text: '¡Reserva confirmada!', channel: 'whatsapp' },
  ]);
  api.reminders.set('cliente-123', [
    { booking_id: 'ev1', booking_start: '2026-03-04T15:00:00-06:00', due_at: '2026-03-03T21:00:00.000Z', status: 'pending', sent_at: null, text: null, last_error: null },
  ]);
  api.addActivity('cliente-123', { kind: 'connected', actor: 'admin', at: '2026-03-01T16:00:00.000Z' });
  api.addActivity('cliente-123', { kind: 'booked', actor: 'customer', booking_id: 'ev1', booking_start: '2026-03-04T15:00:00-06:00', at: '2026-03-02T15:03:00.000Z' });
  api.addActivity('cliente-123', { kind: 'reminded', actor: 'assistant', booking_id: 'ev1', booking_start: '2026-03-04T15:00:00-06:00', at: '2026-03-03T21:00:00.000Z' });
  return api;
}

/** The body rows of a table, each as its cells' text (row headers included). */
const rowsOf = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('/clientes/:id', () => {
  it('is linked from the customer list, and goes back to it', async () => {
    const api = juan();
    const user = userEvent.setup();
    renderApp(api, '/clientes');
    const link = await screen.findByTestId('open-cliente-123');
    expect(link).toHaveAttribute('href', '/clientes/cliente-123');
    await user.click(link);
    expect(window.location.pathname).toBe('/clientes/cliente-123');
    expect(await screen.findByRole('heading', { level: 1, name: 'Juan Pérez (cliente-123)' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /Volver a Clientes/ }));
    expect(window.location.pathname).toBe('/clientes');
    expect(await screen.findByTestId('row-cli-otro')).toBeInTheDocument();
  });

  it("shows the customer's data, calendar status, bookings, conversation, reminders and activity, in Spanish", async () => {
    renderApp(juan(), '/clientes/cliente-123');
    const details = await screen.findByTestId('customer-details');
    expect(within(details).getByText('+5215512345678')).toBeInTheDocument();
    expect(screen.getByTestId('customer-status')).toHaveAttribute('data-status', 'connected');
    expect(screen.getByTestId('customer-status')).toHaveTextContent('Conectado juan@gmail.com');

    for (const name of ['Datos del cliente', 'Próximas reservas', 'Conversación', 'Recordatorios', 'Actividad']) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }

    await screen.findByTestId('bookings-table');
    expect(screen.getByRole('table', { name: /Próximas reservas hechas por Agendo/ })).toBeInTheDocument();
    expect(rowsOf('bookings-table')).toEqual([['4 mar 2026, 15:00', '4 mar 2026, 16:00', 'Reserva con Peluquería Sol']]);

    await screen.findByTestId('conversation-table');
    // Newest first, with who wrote it and where, at the customer's time (15:00 UTC is 9:00 in Mexico City).
    expect(rowsOf('conversation-table')).toEqual([
      ['2 mar 2026, 9:03', 'Asistente', 'WhatsApp', '¡Reserva confirmada!'],
      ['2 mar 2026, 9:02', 'Cliente', 'WhatsApp', 'Sí, confirmo'],
      ['2 mar 2026, 9:01', 'Asistente', 'Probar asistente', '¿Confirmas la reserva para mañana miércoles 4 de marzo a las 15:00?'],
      ['2 mar 2026, 9:00', 'Cliente', 'Probar asistente', 'Hola, quiero reservar para mañana a las 3 PM'],
    ]);
    expect(screen.queryByTestId('conversation-next')).not.toBeInTheDocument();

    await screen.findByTestId('reminders-table');
    expect(rowsOf('reminders-table')).toEqual([['4 mar 2026, 15:00', 'Pendiente', 'Previsto para el 3 mar 2026, 15:00', '—']]);

    await screen.findByTestId('activity-table');
    expect(rowsOf('activity-table')).toEqual([
      ['3 mar 2026, 15:00', 'Recordatorio enviado', 'Asistente', '4 mar 2026, 15:00'],
      ['2 mar 2026, 9:03', 'Reserva creada', 'Cliente', '4 mar 2026, 15:00'],
      ['1 mar 2026, 10:00', 'Calendario conectado', 'Administrador', '—'],
    ]);
  });

  it('pages the conversation, 20 messages at a time, up to the last 100', async () => {
    const api = juan();
    api.addMessages(
      'cliente-123',
      Array.from({ length: 146 }, (_, i) => ({ direction: 'in' as const, text: `mensaje ${i + 1}` })),
    );
    const user = userEvent.setup();
    renderApp(api, '/clientes/cliente-123');
    await screen.findByTestId('conversation-table');
    expect(screen.getAllByTestId('conversation-message')).toHaveLength(20);
    expect(screen.getAllByTestId('conversation-message')[0]).toHaveTextContent('mensaje 146');
    expect(screen.getByTestId('conversation-page-info')).toHaveTextContent('Página 1 de 5');
    expect(screen.getByRole('navigation', { name: 'Páginas de la conversación' })).toBeInTheDocument();

    for (let i = 0; i < 4; i++) await user.click(screen.getByTestId('conversation-next'));
    await waitFor(() => expect(screen.getByTestId('conversation-page-info')).toHaveTextContent('Página 5 de 5'));
    await waitFor(() => expect(screen.getAllByTestId('conversation-message').at(-1)).toHaveTextContent('mensaje 47'));
    expect(screen.getByTestId('conversation-next')).toBeDisabled();
    expect(api.requests.filter((r) => r.path === '/api/admin/customers/cliente-123/conversation').map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('says when the calendar cannot list the bookings, and when there is nothing yet', async () => {
    const api = new FakeAdminApi();
    api.add('cli-nuevo', { time_zone: ZONE });
    api.bookingsError.set('cli-nuevo', 'not_connected');
    renderApp(api, '/clientes/cli-nuevo');
    expect(await screen.findByTestId('bookings-error')).toHaveTextContent('El calendario del cliente no está conectado.');
    expect(await screen.findByTestId('conversation-empty')).toHaveTextContent('Todavía no hay mensajes.');
    expect(await screen.findByTestId('reminders-empty')).toHaveTextContent('No hay recordatorios.');
    expect(await screen.findByTestId('activity-empty')).toHaveTextContent('Todavía no hay actividad.');
    expect(screen.getByTestId('customer-status')).toHaveTextContent('No conectado');
  });

  it('says the customer does not exist', async () => {
    renderApp(new FakeAdminApi(), '/clientes/nadie');
    expect(await screen.findByTestId('customer-error')).toHaveTextContent('No existe el cliente «nadie».');
    expect(screen.getByRole('link', { name: /Volver a Clientes/ })).toHaveAttribute('href', '/clientes');
  });
});
