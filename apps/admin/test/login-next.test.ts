// @vitest-environment jsdom
// Item 12 of issue 9: `/login?next=/\evil.example` threw an uncaught page error (history.pushState to
// another origin). Only same-origin paths are honoured as the post-login destination; anything else
// goes to /clientes.

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { safeNextPath } from '../src/Router';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

const HOSTILE = [
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  'https://evil.example',
  'javascript:alert(1)',
  '/%5Cevil.example',
  '/%2F/evil.example',
  ' /clientes',
  '/\t/evil.example',
  '/\n/evil.example',
  'http:/evil.example',
  '/login?next=//evil.example',
  '',
];

/** Uncaught errors while the page runs (React rethrows effect errors as window errors in jsdom). */
function collectPageErrors(): Error[] {
  const errors: Error[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error as Error);
  window.addEventListener('error', onError);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return errors;
}

describe('/login?next=', () => {
  it.each(HOSTILE)('logging in with next=%j goes to /clientes on this origin, without a page error', async (next) => {
    const errors = collectPageErrors();
    const api = new FakeAdminApi();
    api.loggedIn = false;
    api.add('cliente-1');
    const user = userEvent.setup();
    const origin = window.location.origin;
    renderApp(api, `/login?next=${encodeURIComponent(next)}`);

    await user.type(await screen.findByLabelText('Contraseña'), 'secreto{Enter}');
    expect(await screen.findByRole('heading', { name: 'Clientes' })).toBeInTheDocument();
    expect(window.location.origin).toBe(origin);
    expect(window.location.pathname).toBe('/clientes');
    expect(errors).toEqual([]);
  });

  it.each(HOSTILE)('an admin already logged in who opens /login?next=%j lands on /clientes', async (next) => {
    const errors = collectPageErrors();
    const api = new FakeAdminApi();
    api.add('cliente-1');
    renderApp(api, `/login?next=${encodeURIComponent(next)}`);
    expect(await screen.findByRole('heading', { name: 'Clientes' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/clientes');
    expect(errors).toEqual([]);
  });

  it('a same-origin path with its query is honoured', async () => {
    const api = new FakeAdminApi();
    api.loggedIn = false;
    api.add('cliente-1');
    const user = userEvent.setup();
    renderApp(api, `/login?next=${encodeURIComponent('/probar?cliente=cliente-1')}`);
    await user.type(await screen.findByLabelText('Contraseña'), 'secreto{Enter}');
    await vi.waitFor(() => expect(window.location.pathname).toBe('/probar'));
    expect(window.location.search).toBe('?cliente=cliente-1');
  });

  it('safeNextPath keeps same-origin paths and refuses everything else', () => {
    for (const next of HOSTILE) expect(safeNextPath(next), JSON.stringify(next)).toBe('/clientes');
    expect(safeNextPath(null)).toBe('/clientes');
    expect(safeNextPath('/clientes?q=ana#x')).toBe('/clientes?q=ana#x');
    expect(safeNextPath('/probar?cliente=a%2Fb')).toBe('/probar?cliente=a%2Fb');
  });
});
