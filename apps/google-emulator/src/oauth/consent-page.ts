import { escapeHtml, htmlDocument } from './html.js';
import { describeScope } from './scopes.js';

/** Path the consent form posts to. */
export const CONSENT_PATH = '/o/oauth2/v2/auth/consent';

/** What the consent page shows. */
export interface ConsentPageModel {
  /** Id of the server-side pending request, carried in the hidden `request` field. */
  requestId: string;
  clientId: string;
  email: string;
  scopes: readonly string[];
  checked: ReadonlySet<string>;
  error?: string;
}

/**
 * The consent page: an editable `#email`, one ticked `scope` checkbox per requested scope and the
 * `#approve` ("Permitir") and `#deny` ("Cancelar") submit buttons. Approve comes first in the
 * markup so that pressing Enter approves.
 */
export function renderConsentPage(model: ConsentPageModel): string {
  const scopeItems = model.scopes
    .map((scope, index) => {
      const checked = model.checked.has(scope) ? ' checked' : '';
      return `<label for="scope-${index}"><input type="checkbox" id="scope-${index}" name="scope" value="${escapeHtml(scope)}"${checked}> ${escapeHtml(describeScope(scope))}<code>${escapeHtml(scope)}</code></label>`;
    })
    .join('\n');
  const error = model.error === undefined ? '' : `<p id="error" class="error" role="alert">${escapeHtml(model.error)}</p>\n`;
  return htmlDocument(`<h2>Iniciar sesión con Google</h2>
<p>La aplicación <strong id="client-id">${escapeHtml(model.clientId)}</strong> quiere acceder a tu cuenta de Google.</p>
${error}<form id="consent" method="post" action="${CONSENT_PATH}">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<label for="email">Correo electrónico</label>
<input type="text" id="email" name="email" value="${escapeHtml(model.email)}" autocomplete="email" inputmode="email">
<fieldset>
<legend>Permisos solicitados</legend>
${scopeItems}
</fieldset>
<div class="actions">
<button type="submit" id="approve" name="action" value="approve">Permitir</button>
<button type="submit" id="deny" name="action" value="deny">Cancelar</button>
</div>
</form>`);
}
