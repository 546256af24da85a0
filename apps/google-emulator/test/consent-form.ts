/** Test-side reading and submission of the consent page, written independently of src/oauth/consent-browser.ts. */

export interface ConsentPage {
  status: number;
  html: string;
  requestId: string;
  email: string;
  scopes: { value: string; checked: boolean }[];
}

function decode(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : decode(value);
}

/** GETs the authorization URL and reads the consent form. */
export async function openConsentPage(authUrl: string): Promise<ConsentPage> {
  const response = await fetch(authUrl, { redirect: 'manual' });
  const html = await response.text();
  const inputs = [...html.matchAll(/<input\b[^>]*>/g)].map((match) => match[0]);
  const requestTag = inputs.find((tag) => attribute(tag, 'name') === 'request');
  const emailTag = inputs.find((tag) => attribute(tag, 'id') === 'email');
  return {
    status: response.status,
    html,
    requestId: requestTag === undefined ? '' : (attribute(requestTag, 'value') ?? ''),
    email: emailTag === undefined ? '' : (attribute(emailTag, 'value') ?? ''),
    scopes: inputs.filter((tag) => attribute(tag, 'name') === 'scope').map((tag) => ({ value: attribute(tag, 'value') ?? '', checked: /\schecked\b/.test(tag) })),
  };
}

/** POSTs the consent form as a browser would, without following the redirect. */
export async function submitConsentForm(baseUrl: string, fields: { request: string; email: string; scopes: string[]; action: 'approve' | 'deny' | string }): Promise<Response> {
  const body = new URLSearchParams({ request: fields.request, email: fields.email, action: fields.action });
  for (const scope of fields.scopes) body.append('scope', scope);
  return fetch(`${baseUrl}/o/oauth2/v2/auth/consent`, { method: 'POST', body, redirect: 'manual' });
}

/** Opens the consent page and approves it, unticking `uncheck`; returns the callback's query parameters. */
export async function approveInConsentPage(baseUrl: string, authUrl: string, options: { email?: string; uncheck?: string[] } = {}): Promise<URLSearchParams> {
  const page = await openConsentPage(authUrl);
  if (page.status !== 200) throw new Error(`consent page status ${page.status}`);
  const response = await submitConsentForm(baseUrl, {
    request: page.requestId,
    email: options.email ?? page.email,
    scopes: page.scopes.filter((scope) => scope.checked && !options.uncheck?.includes(scope.value)).map((scope) => scope.value),
    action: 'approve',
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null) throw new Error(`consent answered ${response.status}`);
  return new URL(location).searchParams;
}
