import type { FastifyPluginAsync } from 'fastify';
import { FREEBUSY_SCOPES } from '../../oauth/scopes.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { calendarAccount } from '../calendar-access.js';
import { parseFreeBusyRequest, queryFreeBusy } from '../free-busy.js';

/** `POST /freeBusy` (endpoint name `calendar.freebusy.query`): merged busy intervals of the primary calendar. */
export const freebusyPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.post('/freeBusy', { config: { endpoint: 'calendar.freebusy.query', errorStyle: 'calendar' } }, async (request) => {
    const email = calendarAccount(state, request.headers.authorization, FREEBUSY_SCOPES);
    const freeBusy = parseFreeBusyRequest(request.body);
    return queryFreeBusy(freeBusy, email, state.calendars.calendarOf(email));
  });
};
