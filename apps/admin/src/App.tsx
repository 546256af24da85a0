import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiProvider } from './ApiContext';
import { AppHeader } from './AppHeader';
import { createAdminApi } from './api-client';
import { ChatSimulator } from './ChatSimulator';
import { CustomerPage } from './CustomerPage';
import { CustomersPage } from './CustomersPage';
import { LoginPage } from './LoginPage';
import { Redirect, RouterProvider, safeNextPath, useRouter } from './Router';

type Session = 'checking' | 'in' | 'out';

/** The whole admin app: router, API client, session and routes. */
export function App() {
  return (
    <RouterProvider>
      <Routes />
    </RouterProvider>
  );
}

function Routes() {
  const { pathname, search, navigate } = useRouter();
  const [session, setSession] = useState<Session>('checking');
  const here = useRef('');
  here.current = pathname + search;

  const api = useMemo(
    () =>
      createAdminApi({
        onUnauthorized: () => {
          setSession('out');
          if (!here.current.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here.current)}`, { replace: true });
        },
      }),
    [navigate],
  );

  useEffect(() => {
    let live = true;
    api.session().then(
      (authenticated) => live && setSession(authenticated ? 'in' : 'out'),
      () => live && setSession('out'),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const next = safeNextPath(new URLSearchParams(search).get('next'));
  const onLoggedIn = useCallback(() => {
    setSession('in');
    navigate(next, { replace: true });
  }, [navigate, next]);

  const onLogout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setSession('out');
    navigate('/login', { replace: true });
  }, [api, navigate]);

  let page;
  if (pathname === '/login') {
    page = session === 'in' ? <Redirect to={next} /> : <LoginPage onLoggedIn={onLoggedIn} />;
  } else if (session === 'checking') {
    page = (
      <p className="loading" role="status">
        Cargando…
      </p>
    );
  } else if (session === 'out') {
    page = <Redirect to={`/login?next=${encodeURIComponent(pathname + search)}`} />;
  } else {
    page = (
      <>
        <AppHeader onLogout={onLogout} />
        <main className="page">{routeFor(pathname)}</main>
      </>
    );
  }
  return <ApiProvider api={api}>{page}</ApiProvider>;
}

/** `/clientes/<id>`: the customer's id, or null (a malformed escape is no customer). */
function customerIdIn(pathname: string): string | null {
  const match = /^\/clientes\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function routeFor(pathname: string) {
  const customerId = customerIdIn(pathname);
  if (customerId !== null) return <CustomerPage key={customerId} customerId={customerId} />;
  switch (pathname) {
    case '/':
      return <Redirect to="/clientes" />;
    case '/clientes':
      return <CustomersPage />;
    case '/probar':
      return <ChatSimulator />;
    default:
      return (
        <section>
          <h1>Página no encontrada</h1>
          <p>La dirección {pathname} no existe en el panel.</p>
        </section>
      );
  }
}
