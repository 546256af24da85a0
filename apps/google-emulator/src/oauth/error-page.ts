import { escapeHtml, htmlDocument } from './html.js';

/** Google-like error page shown instead of redirecting (e.g. `Error 400: redirect_uri_mismatch`). */
export function renderErrorPage(title: string, message: string): string {
  return htmlDocument(`<h2 id="error-title">${escapeHtml(title)}</h2>
<p id="error-message" class="error">${escapeHtml(message)}</p>`);
}
