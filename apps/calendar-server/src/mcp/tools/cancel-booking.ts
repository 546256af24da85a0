import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { bookingSchema } from '@agendo/calendar-contract';
import { bookingOut } from '../tool-values.js';

const inputSchema = { booking_id: z.string().min(1).max(1024) };
const outputSchema = {
  cancelled: z.boolean().describe('false when it was cancelled already'),
  time_zone: z.string(),
  booking: bookingSchema,
};

/** `cancel_booking`: cancels one of Agendo's bookings for this customer; repeating it is harmless. */
export function registerCancelBooking(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'cancel_booking',
    {
      title: 'Cancel booking',
      description: 'Cancels one of the bookings Agendo made for this customer. Other events cannot be cancelled.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(async () => {
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        const { booking, cancelled } = await ctx.bookings.cancelBooking(ctx.customerId, args.booking_id);
        return toolResult(cancelled ? 'Booking cancelled.' : 'Booking was already cancelled.', { cancelled, time_zone: timeZone, booking: bookingOut(booking, timeZone) });
      }),
  );
}
