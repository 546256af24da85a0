/** Hostnames that always mean this machine. */
const LOCAL_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Whether `host` (a listen address or hostname) names this machine only. */
export function isLocalHostname(host: string): boolean {
  return LOCAL_HOSTNAMES.includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The hostname of a `Host` header value (`name:port`, `[v6]:port`), lower-cased; undefined when malformed. */
export function hostnameOf(hostHeader: string): string | undefined {
  if (!URL.canParse(`http://${hostHeader}`)) return undefined;
  const { hostname, username, password, pathname } = new URL(`http://${hostHeader}`);
  if (username || password || pathname !== '/') return undefined;
  return hostname.toLowerCase();
}

/**
 * What a browser-reachable MCP endpoint accepts, against DNS rebinding (the MCP spec's security rule):
 * the `Host` names the server answers to, and the browser `Origin`s it serves.
 */
export interface RebindingPolicy {
  /** Hostnames (without port) accepted in `Host`. */
  readonly allowedHosts: ReadonlySet<string>;
  /** Origins accepted in `Origin`, besides local ones when the server listens locally. */
  readonly allowedOrigins: ReadonlySet<string>;
  /** The server listens on this machine only: a page on a local origin (another local port) may call it. */
  readonly localOriginsAllowed: boolean;
}

/**
 * The policy for a server listening on `listenHost`: `MCP_ALLOWED_HOSTS` when given, else the listen
 * host and the names of this machine (with `0.0.0.0`/`::` only the latter: name the public host in
 * `MCP_ALLOWED_HOSTS`). Local origins are allowed when the server listens locally.
 */
export function rebindingPolicy(listenHost: string, configuredHosts: readonly string[], configuredOrigins: readonly string[]): RebindingPolicy {
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  const defaults = [...LOCAL_HOSTNAMES, ...(wildcard ? [] : [listenHost])];
  const hosts = (configuredHosts.length > 0 ? configuredHosts : defaults).map((h) => hostnameOf(h) ?? h.toLowerCase());
  return {
    allowedHosts: new Set(hosts),
    allowedOrigins: new Set(configuredOrigins.map((o) => o.replace(/\/$/, ''))),
    localOriginsAllowed: isLocalHostname(listenHost),
  };
}

/** Why a request is refused, or undefined when it may proceed. */
export function rebindingRefusal(policy: RebindingPolicy, headers: { host?: string | undefined; origin?: string | undefined }): string | undefined {
  const hostname = headers.host === undefined ? undefined : hostnameOf(headers.host);
  if (hostname === undefined || !policy.allowedHosts.has(hostname)) return `Host ${headers.host ?? '(none)'} is not allowed (MCP_ALLOWED_HOSTS).`;
  if (headers.origin === undefined) return undefined;
  if (policy.allowedOrigins.has(headers.origin)) return undefined;
  if (policy.localOriginsAllowed && URL.canParse(headers.origin)) {
    const origin = new URL(headers.origin);
    if ((origin.protocol === 'http:' || origin.protocol === 'https:') && isLocalHostname(origin.hostname)) return undefined;
  }
  return `Origin ${headers.origin} is not allowed (MCP_ALLOWED_ORIGINS).`;
}
