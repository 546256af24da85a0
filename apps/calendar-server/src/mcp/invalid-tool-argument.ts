import type { ToolErrorIssue } from '@agendo/contracts';
import { CalendarError } from '../calendar/calendar-error.js';

/**
 * An `invalid_argument` tool error that knows its bad fields: schema failures (one issue per zod
 * issue) and the server's own checks of a field (a time in a DST gap, a range too long). The fields go
 * to `error.details.issues`, so a caller (or a model) can fix exactly those.
 */
export class InvalidToolArgument extends CalendarError {
  readonly issues: readonly ToolErrorIssue[];

  constructor(issues: readonly ToolErrorIssue[]) {
    super('invalid_argument', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.issues = issues;
  }

  /** One bad field. */
  static field(path: string, message: string): InvalidToolArgument {
    return new InvalidToolArgument([{ path, message }]);
  }

  /** The issues of a failed zod parse, one per bad field (path dotted: `working_hours.start`). */
  static fromZod(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): InvalidToolArgument {
    return new InvalidToolArgument(issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
}
