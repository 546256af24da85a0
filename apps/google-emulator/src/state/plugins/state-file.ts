import type { FastifyPluginAsync } from 'fastify';
import type { StateFile } from '../state-file.js';

/** Options of {@link stateFilePlugin}. */
export interface StateFilePluginOptions {
  file: StateFile;
}

/**
 * `GET /state-file` under `/__emulator`, present only when the state is kept in a file: its path,
 * how many times it was written, when last, and whether a change or an error is pending — to see
 * that the demo's state is being saved, and to check that writes are coalesced.
 */
export const stateFilePlugin: FastifyPluginAsync<StateFilePluginOptions> = async (app, { file }) => {
  app.get('/state-file', async () => file.status());
};
