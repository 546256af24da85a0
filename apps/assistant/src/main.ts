import fs from 'node:fs';
import { redactUrl } from '@agendo/database';
import { AssistantConfigError, loadAssistantConfig } from './config.js';
import { AssistantDatabaseError } from './db/assistant-database.js';
import { startAssistant } from './server.js';
import { parseWhatsAppConfig, WhatsAppConfigError } from './whatsapp/index.js';

// `.env` in the working directory, when present, fills in what the real environment does not set.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadAssistantConfig();
  const whatsapp = parseWhatsAppConfig(process.env);
  const assistant = await startAssistant(config, { whatsapp });
  process.stdout.write(
    [
      `Agendo assistant listening on ${assistant.url}`,
      `  engine: ${config.llm ? `LLM ${config.llm.model} at ${config.llm.baseUrl}` : 'embedded Spanish engine'}`,
      `  MCP Calendar Server: ${config.mcpServerUrl}`,
      `  WhatsApp webhook: ${whatsapp ? `${assistant.url}/webhooks/whatsapp (replies via ${whatsapp.apiBaseUrl}/${whatsapp.apiVersion})` : 'off (no WHATSAPP_* set)'}`,
      `  database: ${config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)} (schema assistant)` : config.dbPath}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    assistant.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  const known = err instanceof AssistantConfigError || err instanceof WhatsAppConfigError || err instanceof AssistantDatabaseError;
  process.stderr.write(`assistant: cannot start.\n${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
}
