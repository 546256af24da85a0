// @vitest-environment jsdom

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeAdminApi } from './fake-admin-api';
import { renderApp } from './setup-dom';

/** The message element an input points at with `aria-describedby` that holds `text`. */
function describedBy(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

async function openForm(api: FakeAdminApi) {
  const user = userEvent.setup();
  renderApp(api, '/clientes');
  await user.click(await screen.findByTestId('add-customer'));
  const dialog = screen.getByRole('dialog', { name: 'Agregar Cliente' });
  return { user, dialog, form: within(dialog) };
}

describe('"Agregar Cliente"', () => {
  it('has the four labelled fields, focuses the first, and checks the required ones before calling the API', async () => {
    const api = new FakeAdminApi();
    const { user, form } = await openForm(api);
    for (const label of ['ID del Cliente', 'Email del Cliente', 'Nombre del Cliente', 'Teléfono (WhatsApp)']) expect(form.getByLabelText(label)).toBeInTheDocument();
    expect(form.getByLabelText('ID del Cliente')).toHaveFocus();

    await user.click(form.getByRole('button', { name: 'Guardar' }));
    const id = form.getByLabelText('ID del Cliente');
    expect(id).toHaveAttribute('aria-invalid', 'true');
    expect(describedBy(id)).toContain('El ID del cliente es obligatorio.');
    expect(describedBy(form.getByLabelText('Email del Cliente'))).toContain('El email del cliente es obligatorio.');
    expect(id).toHaveFocus();
    expect(api.requestsTo('POST', '/api/admin/customers')).toHaveLength(0);
  });

  it("shows each field's error from a 400 beside that field", async () => {
    const api = new FakeAdminApi();
    const { user, form } = await openForm(api);
    await user.type(form.getByLabelText('ID del Cliente'), 'cliente 123');
    await user.type(form.getByLabelText('Email del Cliente'), 'no-es-un-email');
    await user.type(form.getByLabelText('Teléfono (WhatsApp)'), '12');
    await user.click(form.getByRole('button', { name: 'Guardar' }));

    const id = form.getByLabelText('ID del Cliente');
    await waitFor(() => expect(id).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(id)).toContain('El ID del cliente solo puede tener letras, números y . _ + - @ (sin espacios).');
    const email = form.getByLabelText('Email del Cliente');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(describedBy(email)).toContain('Escribe un email válido, por ejemplo cliente@ejemplo.com.');
    const phone = form.getByLabelText('Teléfono (WhatsApp)');
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(describedBy(phone)).toContain('Escribe el número de WhatsApp con código de país');
    expect(form.getByLabelText('Nombre del Cliente')).not.toHaveAttribute('aria-invalid');
    expect(api.requestsTo('POST', '/api/admin/customers')).toHaveLength(1);

    // Fixing a field clears its error.
    await user.clear(email);
    expect(email).not.toHaveAttribute('aria-invalid');
  });

  it('shows the 409 duplicate message beside "ID del Cliente"', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-123');
    const { user, form } = await openForm(api);
    await user.type(form.getByLabelText('ID del Cliente'), 'cliente-123');
    await user.type(form.getByLabelText('Email del Cliente'), 'otro@ejemplo.com');
    await user.click(form.getByRole('button', { name: 'Guardar' }));

    const id = form.getByLabelText('ID del Cliente');
    await waitFor(() => expect(id).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(id)).toContain('Ya existe un cliente con el ID «cliente-123».');
    expect(form.getByLabelText('Email del Cliente')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('dialog', { name: 'Agregar Cliente' })).toBeInTheDocument();
  });

  it('"Guardar" creates the customer and shows it first in the list', async () => {
    const api = new FakeAdminApi();
    api.add('viejo');
    const open = vi.fn(() => null);
    vi.stubGlobal('open', open);
    const { user, form } = await openForm(api);
    await user.type(form.getByLabelText('ID del Cliente'), 'cliente-nuevo');
    await user.type(form.getByLabelText('Email del Cliente'), 'Nuevo@Ejemplo.com');
    await user.type(form.getByLabelText('Nombre del Cliente'), 'Nuevo Cliente');
    await user.type(form.getByLabelText('Teléfono (WhatsApp)'), '+52 55 1234 5678');
    await user.click(form.getByRole('button', { name: 'Guardar' }));

    const row = await screen.findByTestId('row-cliente-nuevo');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getAllByTestId(/^row-/)[0]).toBe(row);
    expect(within(row).getByText('nuevo@ejemplo.com')).toBeInTheDocument();
    expect(screen.getByTestId('status-cliente-nuevo')).toHaveTextContent('No conectado');
    expect(api.requestsTo('POST', '/api/admin/customers')[0]?.body).toEqual({
      customer_id: 'cliente-nuevo',
      email: 'Nuevo@Ejemplo.com',
      name: 'Nuevo Cliente',
      phone: '+52 55 1234 5678',
    });
    expect(open).not.toHaveBeenCalled();
    expect(api.requests.some((r) => r.path.endsWith('/calendar/connect'))).toBe(false);
  });
});

describe('"Recordatorio (minutos antes)"', () => {
  it('is an optional labelled number field with its hint; a bad value is refused beside it; a good one is sent', async () => {
    const api = new FakeAdminApi();
    const { user, form } = await openForm(api);
    const lead = form.getByLabelText('Recordatorio (minutos antes)');
    expect(lead).toBe(form.getByTestId('form-reminder-lead'));
    expect(lead).not.toBeRequired();
    expect(describedBy(lead)).toContain('Vacío: el valor por defecto. 0: sin recordatorios.');

    await user.type(form.getByLabelText('ID del Cliente'), 'cliente-rec');
    await user.type(form.getByLabelText('Email del Cliente'), 'rec@ejemplo.com');
    await user.type(lead, '20000');
    await user.click(form.getByRole('button', { name: 'Guardar' }));
    expect(lead).toHaveAttribute('aria-invalid', 'true');
    expect(describedBy(lead)).toContain('entre 0 y 10080');
    expect(lead).toHaveFocus();
    expect(api.requestsTo('POST', '/api/admin/customers')).toHaveLength(0);

    await user.clear(lead);
    await user.type(lead, '0');
    await user.click(form.getByRole('button', { name: 'Guardar' }));
    await screen.findByTestId('row-cliente-rec');
    expect(api.requestsTo('POST', '/api/admin/customers')[0]?.body).toMatchObject({ customer_id: 'cliente-rec', reminder_lead_minutes: 0 });
  });

  it('editing shows the stored lead, and emptying the field sends null (back to the default)', async () => {
    const api = new FakeAdminApi();
    api.add('cliente-1', { reminder_lead_minutes: 120 });
    const user = userEvent.setup();
    renderApp(api, '/clientes');
    await user.click(await screen.findByTestId('edit-cliente-1'));
    const dialog = within(screen.getByRole('dialog', { name: 'Editar cliente cliente-1' }));
    const lead = dialog.getByLabelText('Recordatorio (minutos antes)');
    expect(lead).toHaveValue(120);
    await user.clear(lead);
    await user.click(dialog.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requestsTo('PATCH', '/api/admin/customers/cliente-1')[0]?.body).toMatchObject({ reminder_lead_minutes: null });
    expect(api.customers.find((c) => c.customer_id === 'cliente-1')?.reminder_lead_minutes).toBeNull();
  });
});
