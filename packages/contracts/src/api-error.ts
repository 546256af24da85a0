import { z } from 'zod';

/** One bad field of a request: its dotted path (`''` when the rule is about the whole body) and what is wrong. */
export const requestIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
/** One entry of an `invalid_request`'s `issues`. */
export type RequestIssue = z.infer<typeof requestIssueSchema>;

/**
 * Every 4xx/5xx JSON body of the assistant's admin API and the calendar server's REST routes: a stable
 * `error` code and a `message` (Spanish, shown to the admin). `fields` maps a field to its message (what
 * the admin's form shows beside each field); `issues` lists every bad field in order (what programs read).
 */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  issues: z.array(requestIssueSchema).optional(),
});
/** An error answer. */
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** The one 400 of both services for a body, query or path parameter that fails its schema. */
export const invalidRequestSchema = apiErrorSchema.extend({
  error: z.literal('invalid_request'),
  fields: z.record(z.string(), z.string()),
  issues: z.array(requestIssueSchema),
});
/** A 400 `invalid_request` body. */
export type InvalidRequestBody = z.infer<typeof invalidRequestSchema>;

/** Where `fields` puts an issue about the whole body (a JSON array instead of an object, a cross-field rule). */
export const WHOLE_BODY_FIELD = '_';

/**
 * Builds the `invalid_request` body from a schema's issues (zod's `error.issues`): one `fields` entry per
 * field (its first message), every issue in `issues`, and a message that says them all.
 */
export function invalidRequestBody(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): InvalidRequestBody {
  const list = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const fields: Record<string, string> = {};
  for (const issue of list) fields[issue.path || WHOLE_BODY_FIELD] ??= issue.message;
  return { error: 'invalid_request', message: `Revisa los datos: ${Object.values(fields).join(' ')}`, fields, issues: list };
}
