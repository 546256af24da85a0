/**
 * A guarded or proposal tool said no: nothing reached the calendar. The model receives the message
 * (in Spanish, like everything it relays) as the tool's error result.
 */
export class ToolRefusal extends Error {
  override readonly name = 'ToolRefusal';
}
