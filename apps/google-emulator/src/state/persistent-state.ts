import type { EmulatorClient } from '../options.js';
import { EmulatorState } from './state.js';
import { serializeStateDocument } from './state-document.js';
import { StateFile, type StateFileOptions } from './state-file.js';

/** An {@link EmulatorState} kept in a state file. */
export interface PersistentState {
  state: EmulatorState;
  file: StateFile;
  /** Writes what is not written yet and stops saving; throws a `StateFileError` if that write fails. */
  close(): Promise<void>;
}

/**
 * Opens the state kept at `path` (for `npm start`'s demo, so that connected customers and their
 * bookings survive a restart): starts from the file's content if it exists (with a new signing key
 * and nothing else if not), and saves every change back to it, coalesced and atomically. Throws a
 * `StateFileError` if the file exists but is unreadable, corrupt or of another format version.
 */
export function openPersistentState(clients: readonly EmulatorClient[], path: string, options: Omit<StateFileOptions, 'render'> = {}): PersistentState {
  let state: EmulatorState | undefined;
  const file = new StateFile(path, {
    ...options,
    render: () => {
      if (state === undefined) throw new Error('state file written before the state was restored');
      return serializeStateDocument(state.snapshot());
    },
  });
  const restore = file.read();
  state = new EmulatorState(clients, { ...(restore === undefined ? {} : { restore }), onChange: () => file.markDirty() });
  // A new file is written at once, so the signing key (and any error writing there) shows up now.
  if (restore === undefined) file.markDirty();
  return { state, file, close: () => file.close() };
}
