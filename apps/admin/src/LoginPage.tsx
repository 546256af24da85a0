import { type FormEvent, useId, useState } from 'react';
import { useApi } from './ApiContext';
import { ApiError } from './api-client';

/** "Agendo — Panel de administración": the password form; shows the API's Spanish error (401, 429). */
export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') {
      setError('Escribe la contraseña.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.login(password);
      onLoggedIn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'No se pudo iniciar sesión. Inténtalo de nuevo.');
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Agendo — Panel de administración</h1>
        <div className="field">
          <label htmlFor={inputId}>Contraseña</label>
          <input
            id={inputId}
            type="password"
            name="password"
            autoComplete="current-password"
            // biome-ignore lint/a11y/noAutofocus: the login page's only field; focusing it is what a user expects
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            data-testid="login-password"
          />
        </div>
        <div id={errorId} role="alert" className="error-text" data-testid="login-error">
          {error}
        </div>
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? 'Entrando…' : 'Entrar'}
        </button>
      </form>
    </main>
  );
}
