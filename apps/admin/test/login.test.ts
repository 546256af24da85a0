// @vitest-environment jsdom

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

describe('/login', () => {
  it('shows the API error for a wrong password, then logs in and goes where the admin was heading', async () => {
    const api = new FakeAdminApi();
    api.loggedIn = false;
    api.add('cliente-1');
    const user = userEvent.setup();
    renderApp(api, '/clientes');

    // Not logged in: sent to the login page, remembering /clientes.
    expect(await screen.findByRole('heading', { name: 'Agendo — Panel de administración' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/login');

    await user.type(screen.getByLabelText('Contraseña'), 'equivocada');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Contraseña incorrecta.');
    expect(screen.getByLabelText('Contraseña')).toHaveAttribute('aria-invalid', 'true');
    expect(api.requestsTo('POST', '/api/admin/login').at(-1)?.body).toEqual({ password: 'equivocada' });

    await user.clear(screen.getByLabelText('Contraseña'));
    await user.type(screen.getByLabelText('Contraseña'), 'secreto');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(await screen.findByRole('heading', { name: 'Clientes' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/clientes');
    expect(await screen.findByTestId('row-cliente-1')).toBeInTheDocument();
  });

  it('shows the 429 message when there were too many attempts', async () => {
    const api = new FakeAdminApi();
    api.loggedIn = false;
    api.tooManyAttempts = 'Demasiados intentos fallidos. Espera 15 minuto(s) y vuelve a intentarlo.';
    const user = userEvent.setup();
    renderApp(api, '/login');

    await user.type(await screen.findByLabelText('Contraseña'), 'secreto');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Demasiados intentos fallidos. Espera 15 minuto(s) y vuelve a intentarlo.');
    expect(window.location.pathname).toBe('/login');
  });

  it('goes back to the login page when the session expires, and returns to the same page after logging in', async () => {
    const api = new FakeAdminApi();
    for (let i = 1; i <= 25; i++) api.add(`c-${i}`);
    const user = userEvent.setup();
    renderApp(api, '/clientes');
    expect(await screen.findByTestId('row-c-25')).toBeInTheDocument();

    api.loggedIn = false;
    await user.click(screen.getByRole('button', { name: 'Siguiente' }));
    expect(await screen.findByLabelText('Contraseña')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/clientes');

    await user.type(screen.getByLabelText('Contraseña'), 'secreto{Enter}');
    expect(await screen.findByRole('heading', { name: 'Clientes' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/clientes');
  });

  it('logs out from the header', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-1');
    const user = userEvent.setup();
    renderApp(api, '/clientes');
    expect(await screen.findByTestId('row-cliente-1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cerrar sesión' }));
    expect(await screen.findByLabelText('Contraseña')).toBeInTheDocument();
    expect(api.requestsTo('POST', '/api/admin/logout')).toHaveLength(1);
    expect(window.location.pathname).toBe('/login');
  });
});
