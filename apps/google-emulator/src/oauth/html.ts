const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([raw, escaped]) => [escaped, raw]));

/** Title shown on every page of the emulator. */
export const PAGE_TITLE = 'Agendo demo — Google (emulador)';

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Reverses {@link escapeHtml}. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => UNESCAPES[entity] ?? entity);
}

/** A complete Spanish HTML document with the emulator's look. `body` must already be escaped. */
export function htmlDocument(body: string): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(PAGE_TITLE)}</title>
<style>
body { font-family: system-ui, sans-serif; background: #f1f3f4; margin: 0; padding: 2rem 1rem; color: #202124; }
main { max-width: 28rem; margin: 0 auto; background: #fff; border-radius: 8px; padding: 1.5rem 2rem; box-shadow: 0 1px 3px #0003; }
h1 { font-size: 1rem; color: #5f6368; font-weight: 500; }
.notice { font-size: .8rem; color: #5f6368; border-left: 3px solid #fbbc04; padding-left: .5rem; }
.error { color: #d93025; }
label { display: block; margin: .5rem 0; }
input[type=text] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
fieldset { border: 1px solid #dadce0; border-radius: 4px; margin: 1rem 0; }
code { font-size: .75rem; color: #5f6368; display: block; margin-left: 1.5rem; word-break: break-all; }
.actions { display: flex; flex-direction: row-reverse; gap: .5rem; }
button { padding: .5rem 1.5rem; font-size: 1rem; border-radius: 4px; border: 1px solid #dadce0; background: #fff; cursor: pointer; }
button#approve { background: #1a73e8; color: #fff; border-color: #1a73e8; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(PAGE_TITLE)}</h1>
<p class="notice">Emulador local de Google para desarrollo y demos. No introduzcas credenciales reales.</p>
${body}
</main>
</body>
</html>
`;
}
