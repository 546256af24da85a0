export { buildEmulator } from './app.js';
export type { ChannelStatus } from './calendar/push-channels.js';
export { authenticateBearer, type BearerIdentity } from './oauth/bearer.js';
export { type ApproveConsentOptions, approveConsent, denyConsent } from './oauth/consent-browser.js';
export type { EmulatorClient, EmulatorOptions } from './options.js';
export { type SeedCalendarOptions, type SeedProgress, type SeedResult, seedCalendar } from './seed/seed-calendar.js';
export { type RunningEmulator, startEmulator } from './start-emulator.js';
export type { EmulatorState } from './state/state.js';
export { StateFileError, type StateFileErrorCode } from './state/state-file-error.js';
