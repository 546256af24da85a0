// Parsed by hand rather than with zod: the page reads this before anything else renders, and the check
// is one array of origins. (The page bundles zod anyway for the admin API's contracts.)

/**
 * What the Admin-Frontend's server hands the page at run time (`GET /config.json`), so that one build
 * runs against any calendar server: the origins whose OAuth callback page may `postMessage` to the admin.
 */
export interface AdminRuntimeConfig {
  /** Origins (`scheme://host[:port]`, no path) of the MCP Calendar Server's OAuth callback page. */
  readonly calendarOrigins: readonly string[];
}

/** Whether `value` is exactly an http(s) origin such as `http://localhost:60000` (no path, query or credentials). */
function isHttpOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
}

/**
 * Checks a value that crossed a process (the served JSON) and returns it typed. Throws an `Error`
 * saying what is wrong; extra fields are dropped.
 */
export function parseAdminRuntimeConfig(value: unknown): AdminRuntimeConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('admin runtime config: expected a JSON object');
  }
  const origins: unknown = (value as { calendarOrigins?: unknown }).calendarOrigins;
  if (!Array.isArray(origins)) throw new Error('admin runtime config: calendarOrigins must be an array of origins');
  const calendarOrigins = origins.map((origin: unknown, i) => {
    if (typeof origin !== 'string' || !isHttpOrigin(origin)) {
      throw new Error(`admin runtime config: calendarOrigins[${i}] must be an http(s) origin like http://localhost:60000`);
    }
    return origin;
  });
  return { calendarOrigins };
}
