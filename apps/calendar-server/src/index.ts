export { buildApp, type AppDependencies } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { type RunningServer, startServer } from './server.js';
export { CALENDAR_SCOPES, REQUESTED_SCOPES } from './oauth/calendar-scopes.js';
