import { unescapeHtml } from './html.js';

/** Choices of the simulated user in {@link approveConsent}. */
export interface ApproveConsentOptions {
  /** Email to type; defaults to the prefilled one (`login_hint`). */
  email?: string;
  /** Scopes to untick before approving. */
  uncheckScopes?: readonly string[];
}

interface ConsentForm {
  action: string;
  request: string;
  email: string;
  checkedScopes: string[];
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
    if (match[1] !== undefined) found.set(match[1], unescapeHtml(match[2] ?? ''));
  }
  return found;
}

function parseConsentForm(html: string, pageUrl: string): ConsentForm {
  const formTag = /<form\b[^>]*>/.exec(html)?.[0];
  const action = formTag === undefined ? undefined : attributes(formTag).get('action');
  if (action === undefined) throw new Error('Consent page has no form');
  const form: ConsentForm = { action: new URL(action, pageUrl).toString(), request: '', email: '', checkedScopes: [] };
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const input = attributes(tag);
    const name = input.get('name');
    const value = input.get('value') ?? '';
    if (name === 'request') form.request = value;
    if (name === 'email') form.email = value;
    if (name === 'scope' && input.has('checked')) form.checkedScopes.push(value);
  }
  return form;
}

async function submitConsent(authUrl: string, decide: (form: ConsentForm) => URLSearchParams): Promise<string> {
  const page = await fetch(authUrl, { redirect: 'manual' });
  const early = page.headers.get('location');
  if (page.status >= 300 && page.status < 400 && early !== null) return new URL(early, authUrl).toString();
  const html = await page.text();
  if (page.status !== 200) throw new Error(`Authorization page answered ${page.status}: ${html.slice(0, 500)}`);

  const form = parseConsentForm(html, authUrl);
  const response = await fetch(form.action, { method: 'POST', body: decide(form), redirect: 'manual' });
  const location = response.headers.get('location');
  if (location === null) throw new Error(`Consent form answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return new URL(location, form.action).toString();
}

/**
 * Plays the user's browser: opens `authUrl`, fills the consent form and presses "Permitir".
 * Returns the redirect URL (the client's callback with `code`, `state` and `scope`). If the
 * authorization request itself redirects with an error, returns that redirect.
 */
export async function approveConsent(authUrl: string, options: ApproveConsentOptions = {}): Promise<string> {
  return submitConsent(authUrl, (form) => {
    const email = options.email ?? form.email;
    if (email === '') throw new Error('No email to approve with: pass {email} or a login_hint');
    const fields = new URLSearchParams({ request: form.request, email, action: 'approve' });
    for (const scope of form.checkedScopes) {
      if (!options.uncheckScopes?.includes(scope)) fields.append('scope', scope);
    }
    return fields;
  });
}

/** Plays the user's browser pressing "Cancelar"; returns the redirect URL (with `error=access_denied`). */
export async function denyConsent(authUrl: string): Promise<string> {
  return submitConsent(authUrl, (form) => new URLSearchParams({ request: form.request, email: form.email, action: 'deny' }));
}
