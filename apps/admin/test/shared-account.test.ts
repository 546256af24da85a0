// @vitest-environment jsdom
// Item 3 of issue 9 (the admin's part): two customer IDs connected to one Google account book into one
// calendar, so the admin warns when an account is already connected for another customer — on the
// row, and when a connection completes.

import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

const CALENDAR_ORIGIN = 'http://localhost:60000';
const SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events.owned'];
const connected = (email: string, also: string[]) => ({ status: 'connected' as const, email, scopes: SCOPES, connected_at: '2026-01-01T10:00:00Z', also_connected_for: also });

describe('a Google account connected for several customers', () => {
  it('each row says which other customers share the account; other rows say nothing', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-456', {}, connected('compartida@gmail.com', ['cliente-123']));
    api.add('cliente-123', {}, connected('compartida@gmail.com', ['cliente-456', 'cliente-789']));
    api.add('cliente-solo', {}, connected('sola@gmail.com', []));
    api.add('cliente-nuevo');
    renderApp(api, '/clientes');

    const row = await screen.findByTestId('row-cliente-123');
    const warning = within(row).getByTestId('shared-account-cliente-123');
    expect(warning).toHaveTextContent('Esta cuenta de Google también está conectada para: cliente-456, cliente-789');
    expect(warning).toBeVisible();
    expect(within(screen.getByTestId('row-cliente-456')).getByTestId('shared-account-cliente-456')).toHaveTextContent(
      'Esta cuenta de Google también está conectada para: cliente-123',
    );
    expect(screen.queryByTestId('shared-account-cliente-solo')).not.toBeInTheDocument();
    expect(screen.queryByTestId('shared-account-cliente-nuevo')).not.toBeInTheDocument();
    // Part of the status cell, so the warning is read with the row's calendar status.
    expect(within(screen.getByTestId('status-cliente-123')).getByTestId('shared-account-cliente-123')).toBeInTheDocument();
  });

  it('an older calendar server without the field shows no warning', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-viejo', {}, { status: 'connected', email: 'v@gmail.com', scopes: SCOPES, connected_at: null });
    renderApp(api, '/clientes');
    expect(await screen.findByTestId('row-cliente-viejo')).toHaveTextContent('Conectado');
    expect(screen.queryByTestId('shared-account-cliente-viejo')).not.toBeInTheDocument();
  });

  it('connecting a calendar with an account already connected for another customer says so when it completes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const api = new FakeAdminApi();
    api.add('cliente-456', {}, connected('compartida@gmail.com', []));
    api.add('cliente-123', { email: 'compartida@gmail.com' });
    const popup = { closed: false, location: { href: 'about:blank' }, close: vi.fn(() => (popup.closed = true)), focus: vi.fn() };
    vi.stubGlobal(
      'open',
      vi.fn(() => popup),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId('connect-cliente-123'));
    await waitFor(() => expect(popup.location.href).toBe(api.authorizationUrl('cliente-123', 'popup')));

    api.connect('cliente-123', 'compartida@gmail.com');
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', { data: { type: 'agendo:calendar-connected', customer_id: 'cliente-123', email: 'compartida@gmail.com' }, origin: CALENDAR_ORIGIN }),
      );
    });
    await waitFor(() => expect(screen.getByTestId('status-cliente-123')).toHaveTextContent('Conectado'));
    expect(screen.getByTestId('page-status')).toHaveTextContent(
      'Calendario de cliente-123 conectado (compartida@gmail.com). Atención: esta cuenta de Google también está conectada para: cliente-456; sus reservas irán al mismo calendario.',
    );
    expect(screen.getByTestId('shared-account-cliente-123')).toHaveTextContent('Esta cuenta de Google también está conectada para: cliente-456');
  });
});
