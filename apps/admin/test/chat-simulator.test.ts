// @vitest-environment jsdom

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

const bubbles = () =>
  within(screen.getByTestId('chat-messages'))
    .queryAllByRole('listitem')
    .filter((li) => li.dataset.testid?.startsWith('message-'));
const transcript = () => bubbles().map((li) => `${li.dataset.testid === 'message-customer' ? 'C' : 'A'}: ${li.textContent?.replace(/^(Cliente|Asistente): /, '')}`);

describe('/probar — "Probar asistente"', () => {
  it('chats as the customer from ?cliente=<id>: each message is sent and the replies come back in order', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-123', { name: 'Juan Pérez' });
    api.chatReply = (_id, text) => (text === 'Hola' ? ['¡Hola, Juan!', '¿En qué te ayudo?'] : [`Entendido: ${text}`]);
    // The first answer is slow: the second message's reply must still come after it.
    const releaseHola = api.holdChat('Hola');
    const user = userEvent.setup();
    renderApp(api, '/probar?cliente=cliente-123');

    expect(await screen.findByRole('heading', { name: 'Probar asistente' })).toBeInTheDocument();
    const message = await screen.findByLabelText('Mensaje');
    expect(screen.getByTestId('chat-messages')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByLabelText('Cliente')).toHaveValue('cliente-123');

    await user.type(message, 'Hola{Enter}');
    await user.type(message, 'Quiero una cita mañana a las 10');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    expect(message).toHaveValue('');
    expect(screen.getByText('El asistente está escribiendo…')).toBeInTheDocument();
    expect(transcript()).toEqual(['C: Hola', 'C: Quiero una cita mañana a las 10']);

    releaseHola();
    await waitFor(() => expect(bubbles()).toHaveLength(5));
    expect(screen.queryByText('El asistente está escribiendo…')).not.toBeInTheDocument();
    expect(transcript()).toEqual(['C: Hola', 'C: Quiero una cita mañana a las 10', 'A: ¡Hola, Juan!', 'A: ¿En qué te ayudo?', 'A: Entendido: Quiero una cita mañana a las 10']);
    expect(bubbles()[0]).toHaveClass('bubble-customer');
    expect(bubbles()[2]).toHaveClass('bubble-assistant');
    expect(api.requestsTo('POST', '/api/admin/chat').map((r) => r.body)).toEqual([
      { customer_id: 'cliente-123', text: 'Hola' },
      { customer_id: 'cliente-123', text: 'Quiero una cita mañana a las 10' },
    ]);
  });

  it('picks a customer from the suggestions and keeps each conversation while on the page', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-a', { name: 'Ana' });
    api.add('cliente-b', { name: 'Beto' });
    const user = userEvent.setup();
    renderApp(api, '/probar');

    const picker = await screen.findByLabelText('Cliente');
    expect(screen.queryByLabelText('Mensaje')).not.toBeInTheDocument();
    await user.type(picker, 'ana');
    // The suggestions come from the server's search.
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['cliente-a Ana · cliente-a@ejemplo.com']));
    expect(api.requestsTo('GET', '/api/admin/customers').some((r) => r.query.get('q') === 'ana')).toBe(true);
    await user.click(screen.getByRole('option', { name: /cliente-a/ }));
    expect(window.location.search).toBe('?cliente=cliente-a');
    await user.type(screen.getByLabelText('Mensaje'), 'Hola, soy Ana{Enter}');
    await waitFor(() => expect(transcript()).toEqual(['C: Hola, soy Ana', 'A: Recibí: Hola, soy Ana']));

    // Switch to another customer with the keyboard: a fresh conversation.
    await user.clear(picker);
    await user.type(picker, 'beto');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['cliente-b Beto · cliente-b@ejemplo.com']));
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(window.location.search).toBe('?cliente=cliente-b'));
    expect(bubbles()).toHaveLength(0);
    await user.type(screen.getByLabelText('Mensaje'), 'Soy Beto{Enter}');
    await waitFor(() => expect(transcript()).toEqual(['C: Soy Beto', 'A: Recibí: Soy Beto']));

    // Back to Ana: her conversation is still there.
    await user.clear(picker);
    await user.type(picker, 'cliente-a');
    await user.click(await screen.findByRole('option', { name: /cliente-a/ }));
    await waitFor(() => expect(transcript()).toEqual(['C: Hola, soy Ana', 'A: Recibí: Hola, soy Ana']));
  });

  it('says so when the customer in the URL does not exist', async () => {
    const api = new FakeAdminApi();
    renderApp(api, '/probar?cliente=nadie');
    expect(await screen.findByText('No existe el cliente «nadie».')).toBeInTheDocument();
    expect(screen.queryByLabelText('Mensaje')).not.toBeInTheDocument();
  });

  it('"Probar" in the customer list opens the simulator for that customer', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-123', { name: 'Juan Pérez' });
    const user = userEvent.setup();
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId('try-cliente-123'));
    expect(await screen.findByRole('heading', { name: 'Probar asistente' })).toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/probar?cliente=cliente-123');
    expect(await screen.findByLabelText('Mensaje')).toBeInTheDocument();
  });
});
