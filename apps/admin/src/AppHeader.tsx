import { Link, useRouter } from './Router';

/** The top bar: brand, navigation ("Clientes", "Probar asistente") and "Cerrar sesión". */
export function AppHeader({ onLogout }: { onLogout: () => void }) {
  const { pathname } = useRouter();
  const current = (path: string) => (pathname === path ? 'page' : undefined);
  return (
    <header className="app-header">
      <span className="brand">Agendo</span>
      <nav aria-label="Navegación principal">
        <ul>
          <li>
            <Link to="/clientes" aria-current={current('/clientes')} data-testid="nav-clientes">
              Clientes
            </Link>
          </li>
          <li>
            <Link to="/probar" aria-current={current('/probar')} data-testid="nav-probar">
              Probar asistente
            </Link>
          </li>
        </ul>
      </nav>
      <button type="button" className="button-link" onClick={onLogout} data-testid="logout">
        Cerrar sesión
      </button>
    </header>
  );
}
