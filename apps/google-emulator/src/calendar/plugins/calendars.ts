import type { FastifyPluginAsync } from 'fastify';
import { CALENDAR_METADATA_SCOPES } from '../../oauth/scopes.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { calendarAccount, checkCalendarId } from '../calendar-access.js';

/** `GET /calendars/:calendarId` (endpoint name `calendar.calendars.get`): the primary calendar's id and time zone. */
export const calendarsPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.get<{ Params: { calendarId: string } }>('/calendars/:calendarId', { config: { endpoint: 'calendar.calendars.get', errorStyle: 'calendar' } }, async (request) => {
    const email = calendarAccount(state, request.headers.authorization, CALENDAR_METADATA_SCOPES);
    checkCalendarId(request.params.calendarId, email);
    const calendar = state.calendars.calendarOf(email);
    return {
      kind: 'calendar#calendar',
      etag: `"${calendar.revision}"`,
      id: calendar.email,
      summary: calendar.email,
      timeZone: calendar.timeZone,
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    };
  });
};
