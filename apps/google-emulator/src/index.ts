export { buildEmulator } from './app.js';
export { authenticateBearer, type BearerIdentity } from './bearer.js';
export { approveConsent, denyConsent, type ApproveConsentOptions } from './consent-browser.js';
export type { EmulatorClient, EmulatorOptions } from './options.js';
export type { ChannelStatus } from './push-channels.js';
export { seedCalendar, type SeedCalendarOptions, type SeedProgress, type SeedResult } from './seed-calendar.js';
export { startEmulator, type RunningEmulator } from './start-emulator.js';
export { StateFileError, type StateFileErrorCode } from './state-file-error.js';
export type { EmulatorState } from './state.js';
