// The Admin-Frontend's production entry: `node apps/admin/dist/server.js`.
import fs from 'node:fs';
import { startAdminServer } from './admin-server.js';
import { ConfigError, loadAdminConfig } from './config.js';

// `.env` in the working directory, when present; variables already set in the environment win.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadAdminConfig();
  const server = await startAdminServer(config);
  process.stdout.write(
    `${[
      `Agendo admin listening on ${server.url}`,
      `  serving: ${config.distDir}`,
      `  /api → ${config.assistantUrl}`,
      `  calendar origins: ${config.calendarOrigins.join(', ')}`,
    ].join('\n')}\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) process.stderr.write(`admin: cannot start.\n${err.message}\n`);
  else process.stderr.write(`admin: cannot start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
