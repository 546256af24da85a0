import { closeGracefully } from '@agendo/http-shutdown';
import { ensurePrivateDirectory } from '@agendo/private-files';
import type { FastifyInstance } from 'fastify';
import { ActivityLog } from './activity/activity-log.js';
import { ConnectionActivity } from './activity/connection-activity.js';
import { recordedBookingReminders } from './activity/recorded-booking-reminders.js';
import { AdminSessions } from './admin-auth/admin-sessions.js';
import { DatabaseLoginLimiter } from './admin-auth/database-login-limiter.js';
import { buildAssistantApp } from './app.js';
import { CalendarServerClient } from './calendar/calendar-server-client.js';
import { CustomerTimeZones } from './calendar/customer-time-zones.js';
import { McpCalendar } from './calendar/mcp-calendar.js';
import { McpToolClient } from './calendar/mcp-tool-client.js';
import type { AssistantConfig } from './config.js';
import { BookingAssistant } from './conversation/booking-assistant.js';
import type { ConversationEngine } from './conversation/conversation-engine.js';
import { DialogStore } from './conversation/dialog-store.js';
import { ConversationLog } from './conversation-log/conversation-log.js';
import { recordedConversation } from './conversation-log/recorded-conversation-engine.js';
import { CustomerStore } from './customers/customer-store.js';
import { openAssistantDatabase } from './db/assistant-database.js';
import { LlmAssistant } from './llm/llm-assistant.js';
import { LlmHistoryStore } from './llm/llm-history-store.js';
import { type ChatModel, createLlmModel } from './llm/llm-model.js';
import { PendingActionStore } from './llm/pending-action-store.js';
import { ReconnectLinkStore } from './reconnect/reconnect-link-store.js';
import type { ReconnectResumer } from './reconnect/reconnect-resumer.js';
import { ReconnectWatcher } from './reconnect/reconnect-watcher.js';
import { Reconnection } from './reconnect/reconnection.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { ReminderStore } from './reminders/reminder-store.js';
import { GraphApiClient, InboundInbox, InboundMessageProcessor, InboxWorker, type WhatsAppConfig, type WhatsAppWebhookHandle, whatsappWebhook } from './whatsapp/index.js';

/** The change feed channel on which a replica that stored WhatsApp messages wakes the others' workers. */
const INBOX_CHANNEL = 'whatsapp_inbox';
/** With several replicas, each worker also looks at the inbox this often (a lost change message, a lease run out). */
const INBOX_POLL_MS = 5_000;

const customerIdOf = (customer: { customer_id: string } | undefined) => (customer ? { customerId: customer.customer_id } : undefined);

/** A listening assistant service. */
export interface RunningAssistant {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly customers: CustomerStore;
  /** The WhatsApp inbox worker (tests await `idle()`: every stored message handled). */
  readonly background: WhatsAppWebhookHandle;
  /** The WhatsApp reminders' scheduler (tests call `runDue()` instead of waiting for its poll). */
  readonly reminders: ReminderScheduler;
  /** Notices customers who used their reconnection link (tests run `checkNow()` instead of waiting). */
  readonly reconnectWatcher: ReconnectWatcher;
  close(): Promise<void>;
}

/** Test and embedding hooks. */
export interface StartAssistantOptions {
  readonly logger?: boolean;
  readonly whatsapp?: WhatsAppConfig | undefined;
  readonly clock?: () => Date;
  /** Runs the LLM engine on this model (tests pass the AI SDK's mock) instead of the one of `config.llm`. */
  readonly languageModel?: ChatModel;
  /** Overrides `RECONNECT_POLL_MS` (tests: a reconnection noticed in a fraction of a second). */
  readonly reconnectPollMs?: number;
}

/**
 * Opens the assistant database (SQLite, or PostgreSQL with `DATABASE_URL`), wires the engine to the MCP
 * Calendar Server and starts listening. `DATA_DIR` is made private (0700) first.
 */
export async function startAssistant(config: AssistantConfig, options: StartAssistantOptions = {}): Promise<RunningAssistant> {
  ensurePrivateDirectory(config.dataDir);
  const storage = await openAssistantDatabase({ file: config.dbPath, url: config.databaseUrl });
  const { db } = storage;
  const customers = new CustomerStore(db);
  const mcp = new McpToolClient({ url: config.mcpServerUrl, apiKey: config.mcpApiKey });
  const calendar = new McpCalendar(mcp);
  const timeZones = new CustomerTimeZones(calendar, config.defaultTimeZone);
  const reminderStore = new ReminderStore(db, { leadMinutes: config.reminders.leadMinutes, ...(options.clock ? { clock: options.clock } : {}) });
  const clockOption = options.clock ? { clock: options.clock } : {};
  // The admin's customer page: every message both ways, and the audit log of what happened.
  const conversationLog = new ConversationLog(db);
  const activity = new ActivityLog(db, clockOption);
  const calendarServer = new CalendarServerClient({ url: config.mcpServerUrl, apiKey: config.mcpApiKey });
  const reconnection = new Reconnection({
    store: new ReconnectLinkStore(db),
    calendarServer,
    pollMs: options.reconnectPollMs ?? config.reconnectPollMs,
    onError: (err) => app.log.warn({ err }, 'Reconnection link: the calendar server could not make or check it'),
  });
  const languageModel = options.languageModel ?? (config.llm ? createLlmModel(config.llm) : undefined);
  const llm = languageModel
    ? new LlmAssistant({
        model: languageModel,
        customers,
        history: new LlmHistoryStore(db),
        pending: new PendingActionStore(db),
        mcp,
        timeZones,
        businessName: config.businessName,
        locks: storage.locks,
        ...(options.clock ? { clock: options.clock } : {}),
        onError: (err) => app.log.error({ err }, 'LLM reply failed'),
        activity,
        // The plain store: the LLM's guarded tools record booked / moved / cancelled in the activity log themselves.
        reminders: reminderStore,
        reconnection,
      })
    : undefined;
  const engine: ConversationEngine & ReconnectResumer =
    llm ??
    new BookingAssistant({
      reconnection,
      customers,
      dialogs: new DialogStore(db),
      reminders: recordedBookingReminders(reminderStore, activity, (err) => app.log.warn({ err }, 'Activity: a booking could not be recorded')),
      calendar,
      timeZones,
      businessName: config.businessName,
      locks: storage.locks,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  const whatsapp = options.whatsapp;
  const inbox = new InboundInbox(db, { leaseMs: config.inboxLeaseMs });
  const replicas = storage.dialect === 'postgres';
  let worker: InboxWorker | undefined;
  /** A message stored here: this replica's worker looks now, and on PostgreSQL every other replica's too. */
  const onStored = () => {
    worker?.notify();
    if (replicas)
      storage.changes
        .publish(INBOX_CHANNEL, '')
        .catch((err: unknown) => app.log.warn({ err }, 'WhatsApp inbox: could not tell the other replicas (they look again within their poll interval)'));
  };
  const app = buildAssistantApp(
    {
      config,
      customers,
      sessions: new AdminSessions(db),
      // Replicas share the throttle's state in PostgreSQL; a single SQLite process keeps it in memory, as before.
      ...(replicas ? { loginThrottle: new DatabaseLoginLimiter(db, storage.locks, { maxFailuresPerMinute: config.loginMaxFailuresPerMinute }) } : {}),
      calendarServer,
      engine: recordedConversation(engine, {
        log: conversationLog,
        channel: 'chat',
        ...clockOption,
        onError: (err) => app.log.warn({ err }, 'Conversation log: a chat turn could not be recorded'),
      }),
      customerHistory: { calendar, conversation: conversationLog, activity, reminders: reminderStore, ...clockOption },
      connections: new ConnectionActivity(activity, clockOption),
      channels: whatsapp ? [(root) => root.register(whatsappWebhook, { config: whatsapp, inbox, onStored, ...(options.clock ? { clock: options.clock } : {}) })] : [],
    },
    options,
  );
  if (whatsapp) {
    // The durable inbox's worker: started once listening (resuming what a stopped process left), stopped on close.
    worker = new InboxWorker({
      inbox,
      processor: new InboundMessageProcessor({
        db,
        engine: recordedConversation(engine, {
          log: conversationLog,
          channel: 'whatsapp',
          ...clockOption,
          onError: (err) => app.log.warn({ err }, 'Conversation log: a WhatsApp turn could not be recorded'),
        }),
        senders: { findBySender: async (waId) => customerIdOf(await customers.findBySender(waId)) },
        graph: new GraphApiClient({ config: whatsapp, log: app.log.child({ component: 'whatsapp-graph' }) }),
        clock: options.clock ?? (() => new Date()),
      }),
      log: app.log.child({ component: 'whatsapp-inbox' }),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(replicas ? { pollIntervalMs: INBOX_POLL_MS } : {}),
    });
    const stopping = worker;
    if (replicas) {
      // Another replica's webhook stored a message (an empty payload: the feed reconnected and may have missed some).
      const unsubscribe = await storage.changes.subscribe(INBOX_CHANNEL, () => stopping.notify());
      app.addHook('onClose', async () => unsubscribe());
    }
    app.addHook('onClose', async () => stopping.stop());
  }
  const pushGraph = whatsapp ? new GraphApiClient({ config: whatsapp, log: app.log.child({ component: 'reconnect-push' }) }) : undefined;
  const reconnectWatcher = new ReconnectWatcher({
    store: reconnection.store,
    calendarServer,
    resumer: engine,
    push: pushGraph && {
      reachable: async (customerId) => Boolean((await customers.get(customerId))?.phone),
      send: async (customerId, message) => {
        const phone = (await customers.get(customerId))?.phone;
        const sent = phone ? await pushGraph.sendText(phone, message) : undefined;
        if (!sent?.ok) app.log.warn({ customerId }, 'Reconnect: the resumed request could not be sent over WhatsApp (not retried)');
      },
    },
    pollMs: options.reconnectPollMs ?? config.reconnectPollMs,
    ...(options.clock ? { clock: options.clock } : {}),
    log: app.log.child({ component: 'reconnect-watcher' }),
  });
  app.addHook('onClose', async () => reconnectWatcher.stop());
  // Reminders: recorded always, sent only with WhatsApp configured; started once listening, stopped on close.
  const reminderScheduler = new ReminderScheduler({
    store: reminderStore,
    calendar,
    customers,
    timeZones,
    graph: whatsapp ? new GraphApiClient({ config: whatsapp, log: app.log.child({ component: 'whatsapp-reminders' }) }) : undefined,
    template: config.reminders.template,
    businessName: config.businessName,
    pollMs: config.reminders.pollMs,
    log: app.log.child({ component: 'reminders' }),
    activity,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  app.addHook('onClose', async () => reminderScheduler.stop());
  try {
    await app.listen({ host: config.host, port: config.port });
    await worker?.start();
    reminderScheduler.start();
    reconnectWatcher.start();
  } catch (err) {
    await app.close().catch(() => undefined);
    await mcp.close();
    await storage.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    customers,
    background: worker ?? { idle: async () => undefined },
    reminders: reminderScheduler,
    reconnectWatcher,
    async close() {
      await closeGracefully(app);
      await mcp.close();
      await storage.close();
    },
  };
}
