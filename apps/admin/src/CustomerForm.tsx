import { type Customer, type CustomerWithCalendar, customerFieldMessages, customerIdMessages, MAX_REMINDER_LEAD_MINUTES } from '@agendo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useApi } from './ApiContext';
import { ApiError } from './api-client';
import { openAuthorizationPopup } from './ConnectCalendar';
import { Dialog } from './Dialog';
import { TextField } from './TextField';

type FieldName = 'customer_id' | 'email' | 'name' | 'phone' | 'reminder_lead_minutes';
const FIELD_ORDER: readonly FieldName[] = ['customer_id', 'email', 'name', 'phone', 'reminder_lead_minutes'];
const isFieldName = (key: string): key is FieldName => (FIELD_ORDER as readonly string[]).includes(key);

/** The reminder lead as typed: blank → null (the default), whole minutes 0–10080 → the number, else undefined (invalid). */
function typedLead(typed: string): number | null | undefined {
  const t = typed.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const minutes = Number(t);
  return minutes <= MAX_REMINDER_LEAD_MINUTES ? minutes : undefined;
}

/** What the form does once saved: just save, or save and start connecting the calendar. */
export type SaveIntent = 'save' | 'connect';

/** Props of {@link CustomerForm}. */
export interface CustomerFormProps {
  /** The customer being edited; absent for "Agregar Cliente". */
  readonly customer?: CustomerWithCalendar | undefined;
  readonly onClose: () => void;
  /**
   * Called after a successful save. With "Conectar Calendario", `popup` is the authorization window
   * opened during the click (null when the browser blocked it). `customer` is what was stored (without
   * the calendar status).
   */
  readonly onSaved: (customer: Customer, intent: SaveIntent, popup: Window | null) => void;
}

/**
 * "Agregar Cliente" / "Editar cliente" in a dialog. Required fields are checked here, but the API
 * is authoritative: its per-field messages (400, 409) are shown beside each field.
 */
export function CustomerForm({ customer, onClose, onSaved }: CustomerFormProps) {
  const api = useApi();
  const editing = customer !== undefined;
  const [values, setValues] = useState<Record<FieldName, string>>({
    customer_id: customer?.customer_id ?? '',
    email: customer?.email ?? '',
    name: customer?.name ?? '',
    phone: customer?.phone ?? '',
    reminder_lead_minutes: customer?.reminder_lead_minutes == null ? '' : String(customer.reminder_lead_minutes),
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const intent = useRef<SaveIntent>('save');
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed submit, focus the first field with an error.
  useEffect(() => {
    if (focusToken === 0) return;
    formRef.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }, [focusToken]);

  const set = (field: FieldName) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const wanted: SaveIntent = editing ? 'save' : intent.current;
    intent.current = 'save';
    const local: Partial<Record<FieldName, string>> = {};
    if (!editing && values.customer_id.trim() === '') local.customer_id = customerIdMessages.required;
    if (values.email.trim() === '') local.email = customerFieldMessages.emailRequired;
    const lead = typedLead(values.reminder_lead_minutes);
    if (lead === undefined) local.reminder_lead_minutes = customerFieldMessages.reminderLeadInvalid;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(null);
      setFocusToken((t) => t + 1);
      return;
    }
    // Opened now, while the click still counts as a user gesture; pointed at Google once the customer exists.
    const popup = wanted === 'connect' ? openAuthorizationPopup() : null;
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const saved = editing
        ? await api.updateCustomer(customer.customer_id, {
            email: values.email.trim(),
            name: values.name.trim(),
            phone: values.phone.trim(),
            reminder_lead_minutes: lead ?? null,
          })
        : await api.createCustomer({
            customer_id: values.customer_id.trim(),
            email: values.email.trim(),
            ...(values.name.trim() ? { name: values.name.trim() } : {}),
            ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
            ...(lead != null ? { reminder_lead_minutes: lead } : {}),
          });
      onSaved(saved, wanted, popup);
    } catch (err) {
      popup?.close();
      setBusy(false);
      if (!(err instanceof ApiError)) {
        setFormError('No se pudo guardar. Inténtalo de nuevo.');
        return;
      }
      const fieldErrors: Partial<Record<FieldName, string>> = {};
      const others: string[] = [];
      for (const [key, message] of Object.entries(err.fields)) {
        if (isFieldName(key) && !(editing && key === 'customer_id')) fieldErrors[key] = message;
        else others.push(message);
      }
      setErrors(fieldErrors);
      if (others.length > 0 || Object.keys(fieldErrors).length === 0) setFormError(others.length > 0 ? others.join(' ') : err.message);
      setFocusToken((t) => t + 1);
    }
  };

  return (
    <Dialog title={editing ? `Editar cliente ${customer.customer_id}` : 'Agregar Cliente'} onClose={onClose} testId="customer-form-dialog">
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="customer-form">
        <TextField
          label="ID del Cliente"
          name="customer_id"
          value={values.customer_id}
          onChange={set('customer_id')}
          error={errors.customer_id}
          readOnly={editing}
          aria-readonly={editing || undefined}
          required={!editing}
          autoComplete="off"
          hint={editing ? 'El ID no se puede cambiar.' : 'Letras, números y . _ + - @, sin espacios. Ejemplo: cliente-123'}
        />
        <TextField label="Email del Cliente" name="email" type="email" value={values.email} onChange={set('email')} error={errors.email} required autoComplete="off" />
        <TextField label="Nombre del Cliente" name="name" value={values.name} onChange={set('name')} error={errors.name} autoComplete="off" />
        <TextField
          label="Teléfono (WhatsApp)"
          name="phone"
          type="tel"
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
          autoComplete="off"
          hint="Con código de país, por ejemplo +52 55 1234 5678."
        />
        <TextField
          label="Recordatorio (minutos antes)"
          name="reminder_lead_minutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_REMINDER_LEAD_MINUTES}
          step={1}
          value={values.reminder_lead_minutes}
          onChange={set('reminder_lead_minutes')}
          error={errors.reminder_lead_minutes}
          autoComplete="off"
          hint="Vacío: el valor por defecto. 0: sin recordatorios."
          data-testid="form-reminder-lead"
        />
        <div role="alert" className="error-text" data-testid="form-error">
          {formError}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancelar
          </button>
          {editing ? (
            <button type="submit" className="primary" disabled={busy} data-testid="form-save">
              Guardar
            </button>
          ) : (
            <>
              <button type="submit" onClick={() => (intent.current = 'save')} disabled={busy} data-testid="form-save">
                Guardar
              </button>
              <button type="submit" className="primary" onClick={() => (intent.current = 'connect')} disabled={busy} data-testid="form-connect">
                Conectar Calendario
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
