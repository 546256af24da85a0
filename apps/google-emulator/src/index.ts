export { buildEmulator } from './app.js';
export { authenticateBearer, type BearerIdentity } from './oauth/bearer.js';
export { approveConsent, denyConsent, type ApproveConsentOptions } from './oauth/consent-browser.js';
export type { EmulatorClient, EmulatorOptions } from './options.js';
export type { ChannelStatus } from './calendar/push-channels.js';
export { seedCalendar, type SeedCalendarOptions, type SeedProgress, type SeedResult } from './seed/seed-calendar.js';
export { startEmulator, type RunningEmulator } from './start-emulator.js';
export { StateFileError, type StateFileErrorCode } from './state/state-file-error.js';
export type { EmulatorState } from './state/state.js';
