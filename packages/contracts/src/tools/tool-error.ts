import { z } from 'zod';
import { intervalSchema } from './interval.js';

/** The stable codes of a calendar tool error (`error.code`): what the caller can act on. */
export const calendarErrorCodes = [
  'not_connected',
  'needs_reauth',
  'not_found',
  'already_exists',
  'gone',
  'slot_unavailable',
  'invalid_argument',
  'rate_limited',
  'google_unavailable',
  'google_error',
] as const;
/** One of {@link calendarErrorCodes}. */
export type CalendarErrorCode = (typeof calendarErrorCodes)[number];

/** One bad field of an `invalid_argument` error. */
export const toolErrorIssueSchema = z.object({
  path: z.string().describe('The field, dotted for nested ones (working_hours.start); empty when the rule is about the whole call'),
  message: z.string().describe('What is wrong with it and, where possible, what to send instead'),
});
/** One entry of `details.issues`. */
export type ToolErrorIssue = z.infer<typeof toolErrorIssueSchema>;

/** The machine-readable part of a tool error, besides its code and message. */
export const toolErrorDetailsSchema = z.object({
  issues: z.array(toolErrorIssueSchema).optional().describe('invalid_argument: one entry per bad field'),
  conflicts: z.array(intervalSchema).optional().describe('slot_unavailable: the busy intervals overlapping the asked time'),
});
/** `error.details`. */
export type ToolErrorDetails = z.infer<typeof toolErrorDetailsSchema>;

/**
 * A calendar tool's error payload: the JSON of the text block of every `isError` result. Not in
 * `structuredContent`: it must match the tool's output schema, which describes a success (and the
 * official client validates it even on errors).
 */
export const toolErrorSchema = z.object({
  error: z.object({
    code: z.enum(calendarErrorCodes).describe('Stable code to act on'),
    message: z.string().describe('What happened and what to do, in words that can be relayed to the customer'),
    details: toolErrorDetailsSchema.optional().describe('Machine-readable specifics (bad fields, conflicts)'),
  }),
});
/** A parsed tool error payload. */
export type ToolErrorPayload = z.infer<typeof toolErrorSchema>;
/** The `error` object of a {@link ToolErrorPayload}. */
export type ToolError = ToolErrorPayload['error'];
