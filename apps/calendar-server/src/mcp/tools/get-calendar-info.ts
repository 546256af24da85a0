import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { formatDateTime } from '../tool-values.js';

const outputSchema = {
  customer_id: z.string(),
  email: z.string().describe('The Google account connected for this customer'),
  time_zone: z.string().describe('IANA time zone of the calendar; the default for every time argument'),
  now: z.string().describe('The current time in that time zone, RFC 3339'),
};

/** `get_calendar_info`: the calendar's time zone, the time now there, and the connected email. */
export function registerGetCalendarInfo(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_calendar_info',
    {
      title: 'Calendar info',
      description: "The customer's calendar time zone, the current time there, and the connected Google account.",
      inputSchema: {},
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    () =>
      runTool(async () => {
        const email = await ctx.tokens.email(ctx.customerId);
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        return toolResult(`Calendar of ${email}, time zone ${timeZone}.`, {
          customer_id: ctx.customerId,
          email,
          time_zone: timeZone,
          now: formatDateTime(new Date(), timeZone),
        });
      }),
  );
}
