import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `/api` is proxied in development: the assistant service, which serves the admin API. */
const assistantUrl = process.env.ASSISTANT_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: assistantUrl } },
  },
  preview: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: assistantUrl } },
  },
});
