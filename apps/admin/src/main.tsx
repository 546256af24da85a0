import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { FALLBACK_RUNTIME_CONFIG, loadRuntimeConfig, RuntimeConfigProvider } from './RuntimeConfig';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const container = root;

loadRuntimeConfig()
  .catch((err: unknown) => {
    console.error('No se pudo leer /config.json; sólo se aceptarán mensajes del origen de cada enlace de autorización.', err);
    return FALLBACK_RUNTIME_CONFIG;
  })
  .then((config) => {
    createRoot(container).render(
      <StrictMode>
        <RuntimeConfigProvider config={config}>
          <App />
        </RuntimeConfigProvider>
      </StrictMode>,
    );
  });
