import { type ExclusiveLocks, InProcessLocks } from '@agendo/database';
import { generateText, isStepCount, type ModelMessage, type ToolSet } from 'ai';
import { DateTime } from 'luxon';
import type { ActivityLog } from '../activity/activity-log.js';
import { CalendarToolError } from '../calendar/calendar-port.js';
import { CalendarToolsClient } from '../calendar/calendar-tools-client.js';
import type { CustomerTimeZones } from '../calendar/customer-time-zones.js';
import type { McpToolClient } from '../calendar/mcp-tool-client.js';
import type { ConversationEngine } from '../conversation/conversation-engine.js';
import { dialogLockKey } from '../conversation/dialog-lock-key.js';
import { replies } from '../conversation/replies.js';
import type { CustomerStore } from '../customers/customer-store.js';
import { reconnectReplies } from '../reconnect/reconnect-replies.js';
import type { ReconnectResumer } from '../reconnect/reconnect-resumer.js';
import { isReconnectable, type Reconnection } from '../reconnect/reconnection.js';
import type { BookingReminders } from '../reminders/booking-reminders.js';
import { interpret } from '../understanding/index.js';
import { calendarTools } from './calendar-tools.js';
import { confirmsPending } from './confirmation.js';
import { guardedTools } from './guarded-tools.js';
import { interpretationHint } from './interpretation-hint.js';
import type { LlmHistoryStore } from './llm-history-store.js';
import type { ChatModel } from './llm-model.js';
import { llmSystemPrompt } from './llm-system-prompt.js';
import type { LlmTurn } from './llm-turn.js';
import type { PendingActionStore } from './pending-action-store.js';
import { proposalTools } from './proposal-tools.js';
import { toReplyMessages } from './reply-messages.js';

/** What the LLM engine needs around it. */
export interface LlmAssistantOptions {
  readonly model: ChatModel;
  readonly customers: CustomerStore;
  readonly history: LlmHistoryStore;
  readonly pending: PendingActionStore;
  /** The MCP Calendar Server's tools: the typed client, or a connection to wrap in one (owned by the caller, who closes it). */
  readonly mcp: CalendarToolsClient | McpToolClient;
  readonly timeZones: CustomerTimeZones;
  readonly businessName: string;
  /** Model steps (calls) per message, tool round-trips included. */
  readonly maxSteps?: number;
  /** The current time (tests pin it). */
  readonly clock?: () => Date;
  /**
   * Runs each customer's turns one at a time: the database's locks, so across replicas on PostgreSQL two
   * messages of one customer never both act on one proposal (default: in this process only).
   */
  readonly locks?: ExclusiveLocks;
  /** Told about failures the customer only sees as an apology (the model's API down, …). */
  readonly onError?: (err: unknown) => void;
  /** Reconnecting from the chat: a link of their own on `needs_reauth`/`not_connected` (absent: only the explanation). */
  readonly reconnection?: Reconnection;
  /** The activity log: bookings the customer confirmed, moved and cancelled are recorded there. */
  readonly activity?: Pick<ActivityLog, 'record'>;
  /** The WhatsApp reminders of the bookings made, moved and cancelled here (the activity is recorded by the tools). */
  readonly reminders?: Pick<BookingReminders, 'booked' | 'moved' | 'cancelled'>;
}

const DEFAULT_MAX_STEPS = 6;
const MODEL_TIMEOUT_MS = 120_000;

const texts = {
  unknownCustomer: 'No encuentro tu ficha de cliente. Contacta con el negocio para que te registren.',
  modelUnavailable: 'Perdona, ahora mismo no puedo responderte. Inténtalo de nuevo en unos minutos.',
  emptyAnswer: 'Perdona, no he podido completar tu petición. ¿Me lo repites con otras palabras?',
};

/**
 * The LLM mode of the assistant (a {@link ConversationEngine}, for the admin chat and WhatsApp): an
 * OpenAI-compatible chat model with the MCP Calendar Server's tools for the customer, a Spanish system
 * prompt and the customer's persisted history, in a multi-step tool loop whose final text is the reply.
 *
 * Booking, moving and cancelling are guarded in code (`proposal-tools.ts`, `guarded-tools.ts`): the
 * model must first record a proposal, whose exact question ends the reply; on the next message, and
 * only when it is an explicit yes, that recorded action (and nothing else) reaches the calendar.
 * Messages of one customer are answered one at a time.
 */
export class LlmAssistant implements ConversationEngine, ReconnectResumer {
  readonly #o: LlmAssistantOptions;
  readonly #calendar: CalendarToolsClient;
  readonly #locks: ExclusiveLocks;

  constructor(options: LlmAssistantOptions) {
    this.#o = options;
    this.#calendar = options.mcp instanceof CalendarToolsClient ? options.mcp : new CalendarToolsClient(options.mcp);
    this.#locks = options.locks ?? new InProcessLocks();
  }

  /** The replies to one message from a customer, in order. */
  reply(customerId: string, text: string): Promise<string[]> {
    return this.#locks.run(dialogLockKey(customerId), () => this.#reply(customerId, text));
  }

  async #reply(customerId: string, text: string): Promise<string[]> {
    const customer = await this.#o.customers.get(customerId);
    if (!customer) return [texts.unknownCustomer];
    const now = (this.#o.clock ?? (() => new Date()))();
    const timeZone = await this.#o.timeZones.of(customer);
    const previous = await this.#o.pending.load(customerId, now);
    const interpretation = interpret(text, DateTime.fromJSDate(now, { zone: timeZone }).toISO() ?? now.toISOString(), timeZone);
    const turn: LlmTurn = {
      customer,
      now,
      timeZone,
      previous,
      confirmed: previous !== undefined && confirmsPending(interpretation, previous, timeZone),
      proposal: undefined,
      calendarProblem: undefined,
    };
    const userMessage: ModelMessage = { role: 'user', content: text };

    let tools: ToolSet;
    try {
      tools = await this.#tools(turn);
    } catch (err) {
      if (!(err instanceof CalendarToolError)) throw err;
      return this.#finish(turn, [userMessage], [await this.#calendarProblem(turn, err)], false);
    }

    let result;
    try {
      result = await generateText({
        model: this.#o.model,
        instructions: llmSystemPrompt({ businessName: this.#o.businessName, customer, timeZone, now, hint: interpretationHint(interpretation, timeZone) }),
        messages: [...(await this.#o.history.load(customerId)), userMessage],
        tools,
        toolCallConcurrency: 1,
        stopWhen: [isStepCount(this.#o.maxSteps ?? DEFAULT_MAX_STEPS), () => turn.calendarProblem !== undefined],
        maxRetries: 1,
        timeout: MODEL_TIMEOUT_MS,
      });
    } catch (err) {
      this.#o.onError?.(err);
      return this.#finish(turn, [userMessage], [texts.modelUnavailable], false);
    }

    const exchange: ModelMessage[] = [userMessage, ...result.responseMessages];
    if (turn.calendarProblem) return this.#finish(turn, exchange, [await this.#calendarProblem(turn, turn.calendarProblem)], false);

    const out = toReplyMessages(result.text);
    const added: string[] = [];
    // The proposal must be stated word for word: it is what the customer's next "sí" will execute.
    if (turn.proposal && !result.text.includes(turn.proposal.question)) added.push(turn.proposal.question);
    if (out.length === 0 && added.length === 0) added.push(texts.emptyAnswer);
    return this.#finish(turn, exchange, [...out, ...added], true, added);
  }

  /**
   * Persists the exchange and the proposal the reply states (only when `keepProposal`: a reply that
   * does not state it must not let a later "sí" execute it), and returns the replies. `added` are
   * replies the model did not write; they join the history as an assistant message.
   */
  async #finish(turn: LlmTurn, exchange: ModelMessage[], out: string[], keepProposal: boolean, added: string[] = out): Promise<string[]> {
    const messages = added.length > 0 ? [...exchange, { role: 'assistant' as const, content: added.join('\n\n') }] : exchange;
    await this.#o.history.append(turn.customer.customer_id, messages, turn.now);
    await this.#o.pending.save(turn.customer.customer_id, keepProposal ? turn.proposal?.action : undefined, turn.now);
    return out;
  }

  /**
   * The customer's calendar is connected again (the watcher noticed): the model keeps no structured request
   * to re-propose, so the customer is told and asked again. `undefined` when no link is waiting.
   */
  resumeAfterReconnect(customerId: string): Promise<string | undefined> {
    return this.#locks.run(dialogLockKey(customerId), async () => {
      const store = this.#o.reconnection?.store;
      if ((await store?.get(customerId))?.status !== 'waiting') return undefined;
      const now = (this.#o.clock ?? (() => new Date()))();
      const message = reconnectReplies.ask;
      if (!(await store?.markResumed(customerId, message, now))) return undefined;
      await this.#o.history.append(customerId, [{ role: 'assistant', content: message }], now);
      return message;
    });
  }

  /** What the customer hears when the calendar failed: their reconnection link when it is theirs to fix. */
  #calendarProblem(turn: LlmTurn, err: CalendarToolError): Promise<string> | string {
    const reconnection = this.#o.reconnection;
    return reconnection && isReconnectable(err) ? reconnection.offer(turn.customer, err, null, turn.now) : replies.calendarProblem(err);
  }

  async #tools(turn: LlmTurn): Promise<ToolSet> {
    const { customers, businessName } = this.#o;
    const tools = this.#calendar;
    const listed = await tools.listTools(turn.customer.customer_id);
    return {
      ...calendarTools(tools, turn, listed),
      ...proposalTools({ tools, businessName }, turn),
      ...guardedTools({ tools, customers, activity: this.#o.activity, reminders: this.#o.reminders, onError: this.#o.onError }, turn),
    };
  }
}
