import { type AnchorHTMLAttributes, createContext, type MouseEvent, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/** The current location and a way to change it (History API). */
export interface RouterState {
  readonly pathname: string;
  readonly search: string;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterState | null>(null);

const current = () => ({ pathname: window.location.pathname, search: window.location.search });

/** A tiny history-based router: provides the location to {@link useRouter} and {@link Link}. */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(current);

  useEffect(() => {
    const onPopState = () => setLocation(current());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(current());
  }, []);

  const value = useMemo(() => ({ ...location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** The router state; only inside {@link RouterProvider}. */
export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter must be used inside <RouterProvider>');
  return router;
}

/** Redirects to `to` once rendered. */
export function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

/** An `<a>` that navigates inside the app without reloading (modified clicks keep the browser's behaviour). */
export function Link({ to, onClick, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { navigate } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || rest.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

const AFTER_LOGIN = '/clientes';

/** Whitespace, control characters and backslashes: browsers drop or turn them into `/` in URLs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it must find
const AMBIGUOUS = /[\\\s\u0000-\u001f\u007f]/;

/**
 * The post-login destination from `?next=`: only a path of this same origin (one leading `/`, no
 * `//` or `/\`, raw or percent-encoded, no scheme, no whitespace or control characters, and resolving
 * to this origin); anything else — or the login page itself — is `/clientes`. A foreign URL would make
 * `history.pushState` throw, or send the admin elsewhere.
 */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || AMBIGUOUS.test(next)) return AFTER_LOGIN;
  const rawPath = next.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return AFTER_LOGIN;
  }
  if (path.startsWith('//') || AMBIGUOUS.test(path)) return AFTER_LOGIN;
  const origin = window.location.origin;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return AFTER_LOGIN;
  }
  if (url.origin !== origin || url.pathname.startsWith('/login')) return AFTER_LOGIN;
  return url.pathname + url.search + url.hash;
}
