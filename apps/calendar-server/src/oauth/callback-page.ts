import { randomBytes } from 'node:crypto';
import type { CalendarPopupMessage } from '@agendo/contracts';

/** Every way an authorization can end, each with its Spanish page and HTTP status. */
export type CallbackOutcome =
  | { kind: 'connected'; customerId: string; email: string }
  | { kind: 'invalid_request' }
  | { kind: 'state_unknown' }
  | { kind: 'state_used' }
  | { kind: 'state_expired' }
  | { kind: 'state_revoked'; customerId: string }
  | { kind: 'access_denied'; customerId: string }
  | { kind: 'google_error'; customerId: string; error: string }
  | { kind: 'scope_missing'; customerId: string }
  | { kind: 'email_unverified'; customerId: string }
  | { kind: 'email_mismatch'; customerId: string; expected: string; actual: string }
  | { kind: 'exchange_failed'; customerId: string }
  | { kind: 'no_refresh_token'; customerId: string }
  | { kind: 'storage_unavailable' };

interface PageText {
  readonly status: number;
  readonly title: string;
  readonly body: string;
}

const RETRY = 'Vuelve a intentarlo desde el panel de administración con «Conectar», o pide al administrador un enlace nuevo.';

function text(outcome: CallbackOutcome): PageText {
  switch (outcome.kind) {
    case 'connected':
      return {
        status: 200,
        title: '¡Calendario conectado!',
        body: `La cuenta ${outcome.email} quedó conectada. El asistente ya puede consultar la disponibilidad y crear reservas. Puedes cerrar esta ventana.`,
      };
    case 'invalid_request':
      return { status: 400, title: 'Solicitud incompleta', body: `La respuesta de Google no trae los datos necesarios. No se guardó nada. ${RETRY}` };
    case 'state_unknown':
      return { status: 400, title: 'Enlace de autorización no válido', body: `No reconocemos este enlace de autorización. No se guardó nada. ${RETRY}` };
    case 'state_used':
      return { status: 409, title: 'Este enlace ya se utilizó', body: `Cada enlace de autorización sirve una sola vez. ${RETRY}` };
    case 'state_expired':
      return { status: 410, title: 'El enlace caducó', body: `El enlace de autorización venció antes de completarse. No se guardó nada. ${RETRY}` };
    case 'state_revoked':
      return {
        status: 410,
        title: 'Este enlace ya no es válido',
        body: 'El calendario de este cliente se desconectó, o el cliente se eliminó, después de crear este enlace. No se guardó nada. Si hay que conectar el calendario, pide al administrador un enlace nuevo.',
      };
    case 'access_denied':
      return { status: 403, title: 'Autorización cancelada', body: `No se concedió acceso a Google Calendar, así que no se guardó nada. ${RETRY}` };
    case 'google_error':
      return { status: 400, title: 'Google rechazó la autorización', body: `Google respondió con el error «${outcome.error}». No se guardó nada. ${RETRY}` };
    case 'scope_missing':
      return {
        status: 403,
        title: 'Falta el permiso del calendario',
        body: `Se autorizó la cuenta pero sin acceso a Google Calendar (se desmarcó alguna casilla del calendario). No se guardó nada. Vuelve a intentarlo y deja marcadas todas las casillas.`,
      };
    case 'email_unverified':
      return {
        status: 403,
        title: 'No pudimos verificar la cuenta',
        body: `Google no nos indicó el email de la cuenta autorizada (¿se desmarcó el permiso de email?). No se guardó nada. ${RETRY}`,
      };
    case 'email_mismatch':
      return {
        status: 403,
        title: 'La cuenta no coincide',
        body: `Autorizaste con ${outcome.actual}, pero este cliente está registrado con ${outcome.expected}. No se guardó nada. Inicia sesión en Google con ${outcome.expected} y vuelve a intentarlo, o corrige el email del cliente.`,
      };
    case 'exchange_failed':
      return { status: 400, title: 'No se pudo completar la autorización', body: `Google no aceptó el código de autorización (puede haber caducado). No se guardó nada. ${RETRY}` };
    case 'storage_unavailable':
      return {
        status: 503,
        title: 'No se pudo guardar la conexión',
        body: 'El servidor de calendario no puede escribir en su base de datos en este momento, así que la conexión no quedó guardada. Avisa al administrador y vuelve a intentarlo más tarde.',
      };
    case 'no_refresh_token':
      return {
        status: 502,
        title: 'Google no entregó acceso permanente',
        body: `Google no envió un token de actualización, sin el cual el acceso caduca en una hora. No se guardó nada. ${RETRY}`,
      };
  }
}

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The message a popup sends to the admin page that opened it (the contract's popup message). */
export function openerMessage(outcome: CallbackOutcome): CalendarPopupMessage {
  const customerId = 'customerId' in outcome ? outcome.customerId : undefined;
  if (outcome.kind === 'connected') return { type: 'agendo:calendar-connected', customer_id: outcome.customerId, email: outcome.email };
  return { type: 'agendo:calendar-error', reason: outcome.kind, message: text(outcome).title, ...(customerId ? { customer_id: customerId } : {}) };
}

/** A rendered callback page: status, HTML and the Content-Security-Policy that lets only its own script run. */
export interface CallbackPage {
  readonly status: number;
  readonly html: string;
  readonly csp: string;
}

/**
 * Renders the Spanish page shown at the end of an authorization. In a popup, it tells the opener
 * (only if it is `adminOrigin`) what happened, and closes itself after a success.
 */
export function renderCallbackPage(outcome: CallbackOutcome, adminOrigin: string): CallbackPage {
  const { status, title, body } = text(outcome);
  const nonce = randomBytes(16).toString('base64');
  const payload = JSON.stringify({ origin: adminOrigin, message: openerMessage(outcome), close: outcome.kind === 'connected' }).replace(/</g, '\\u003c');
  const ok = outcome.kind === 'connected';
  const html = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Agendo</title>
<style>
body{font-family:system-ui,sans-serif;background:#f5f6f8;color:#1d2330;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;max-width:30rem;padding:2rem;border-radius:12px;box-shadow:0 2px 12px #0002}
h1{font-size:1.4rem;margin-top:0;color:${ok ? '#146c2e' : '#a1260d'}}
</style>
</head>
<body>
<main role="${ok ? 'status' : 'alert'}" data-outcome="${outcome.kind}">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
</main>
<script nonce="${nonce}">
(function () {
  var r = ${payload};
  if (window.opener && !window.opener.closed) {
    try { window.opener.postMessage(r.message, r.origin); } catch (e) {}
    if (r.close) setTimeout(function () { window.close(); }, 1200);
  }
})();
</script>
</body>
</html>
`;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { status, html, csp };
}
