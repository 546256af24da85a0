export { type AppDependencies, buildApp } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { CALENDAR_SCOPES, REQUESTED_SCOPES } from './oauth/calendar-scopes.js';
export { type RunningServer, startServer } from './server.js';
