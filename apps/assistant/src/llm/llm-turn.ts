import type { CalendarToolError } from '../calendar/calendar-port.js';
import type { Customer } from '../customers/customer-store.js';
import type { PendingAction } from './pending-action.js';

/** A proposal made during this turn, and the question that states it to the customer. */
export interface TurnProposal {
  readonly action: PendingAction;
  readonly question: string;
}

/** One customer message being answered by the model: what the tools may see and record. */
export interface LlmTurn {
  readonly customer: Customer;
  readonly now: Date;
  readonly timeZone: string;
  /** The proposal stated in the previous reply: the only thing a yes may execute. */
  readonly previous: PendingAction | undefined;
  /** Whether this message is the customer's explicit yes to `previous`. */
  readonly confirmed: boolean;
  /** The proposal recorded now, to be stated in this reply and confirmed in the next message. */
  proposal: TurnProposal | undefined;
  /** A calendar failure (disconnected, revoked, unreachable) that ends the turn with a plain reply. */
  calendarProblem: CalendarToolError | undefined;
}
