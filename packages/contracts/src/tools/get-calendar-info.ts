import { z } from 'zod';
import { defineCalendarTool } from './calendar-tool.js';
import { dateTimeOutput, timeZoneOutput } from './date-time.js';

/** `get_calendar_info`: the calendar's time zone, the time now there, and the connected Google account. */
export const getCalendarInfoTool = defineCalendarTool({
  name: 'get_calendar_info',
  title: 'Calendar info',
  description: "The customer's calendar time zone, the current time there, and the connected Google account.",
  inputSchema: z.object({}),
  outputSchema: z.object({
    customer_id: z.string().describe('The customer whose calendar this is (from X-Customer-Id)'),
    email: z.string().describe('The Google account connected for this customer'),
    time_zone: timeZoneOutput,
    now: dateTimeOutput('The current time in that time zone'),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
});
