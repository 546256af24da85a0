import type { Customer, CustomerChanges, NewCustomer } from '@agendo/contracts';
import { type Kysely, sql } from 'kysely';
import type { AssistantDatabase } from '../db/assistant-database.js';
import type { AssistantDatabaseSchema, CustomersTable } from '../db/schema.js';
import { idSpellingsOf, senderNumber } from './sender-number.js';

/** A customer as the admin API returns it: the contract's shape. */
export type { Customer };

/**
 * Thrown when a unique field is taken; `field` names it. `conflictsWith` says which field of the other
 * customer it collides with: IDs and phones share one namespace (both match a WhatsApp sender), so an ID
 * can collide with another's phone and a phone with another's ID. `otherCustomerId` is known for those.
 */
export class DuplicateCustomerError extends Error {
  override readonly name = 'DuplicateCustomerError';
  readonly code = 'duplicate';
  readonly field: 'customer_id' | 'phone';
  readonly conflictsWith: 'customer_id' | 'phone';
  readonly otherCustomerId: string | undefined;

  constructor(field: 'customer_id' | 'phone', conflictsWith: 'customer_id' | 'phone' = field, otherCustomerId?: string) {
    super(`${field} already exists${conflictsWith === field ? '' : ` as the ${conflictsWith} of customer ${otherCustomerId ?? '?'}`}`);
    this.field = field;
    this.conflictsWith = conflictsWith;
    this.otherCustomerId = otherCustomerId;
  }
}

const searchText = (c: { customer_id: string; email: string; name?: string | null; phone?: string | null }) =>
  [c.customer_id, c.email, c.name ?? '', c.phone ?? ''].join(' ').toLowerCase();

const toCustomer = ({ search_text: _, reminder_lead_minutes, ...row }: CustomersTable): Customer => ({ ...row, reminder_lead_minutes: reminder_lead_minutes ?? null });

/** Escapes LIKE wildcards (with a backslash, named as the escape character: SQLite has no default one) so a search for "50%" means the text "50%". */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** customer_memory: the customers, their contact data and what the assistant learned. */
export class CustomerStore {
  readonly #db: AssistantDatabase;

  constructor(db: AssistantDatabase) {
    this.#db = db;
  }

  async create(input: NewCustomer): Promise<Customer> {
    const now = new Date().toISOString();
    const row: CustomersTable = {
      customer_id: input.customer_id,
      email: input.email,
      name: input.name ?? null,
      phone: input.phone ?? null,
      time_zone: input.time_zone ?? null,
      preferred_duration_minutes: null,
      reminder_lead_minutes: input.reminder_lead_minutes ?? null,
      search_text: searchText(input),
      created_at: now,
      updated_at: now,
    };
    try {
      await this.#db.transaction().execute(async (trx) => {
        await assertSenderFree(trx, row.customer_id, row.phone, true);
        await trx.insertInto('customers').values(row).execute();
      });
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    return toCustomer(row);
  }

  async get(customerId: string): Promise<Customer | undefined> {
    const row = await this.#db.selectFrom('customers').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
    return row ? toCustomer(row) : undefined;
  }

  /** The customer a WhatsApp sender is: by customer_id or by phone. */
  async findBySender(waId: string): Promise<Customer | undefined> {
    const row = await this.#db
      .selectFrom('customers')
      .selectAll()
      .where((eb) => eb.or([eb('customer_id', '=', waId), eb('phone', '=', waId)]))
      .orderBy((eb) => eb.case().when('customer_id', '=', waId).then(0).else(1).end())
      .executeTakeFirst();
    return row ? toCustomer(row) : undefined;
  }

  /** A page of customers, newest first, optionally filtered by a search over id, name, email and phone. */
  async list(query: { q?: string | undefined; page: number; page_size: number }): Promise<{ items: Customer[]; total: number; page: number; page_size: number }> {
    let base = this.#db.selectFrom('customers');
    // Both sides lower-cased: PostgreSQL's LIKE is case-sensitive, SQLite's is not (for ASCII); the result is the same.
    if (query.q) base = base.where(sql<boolean>`search_text like ${likePattern(query.q)} escape ${'\\'}`);
    const [{ total }, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('customer_id', 'desc')
        .limit(query.page_size)
        .offset((query.page - 1) * query.page_size)
        .execute(),
    ]);
    return { items: rows.map(toCustomer), total: Number(total), page: query.page, page_size: query.page_size };
  }

  async update(customerId: string, changes: CustomerChanges): Promise<Customer | undefined> {
    const current = await this.get(customerId);
    if (!current) return undefined;
    const next = {
      email: changes.email ?? current.email,
      name: changes.name === undefined ? current.name : changes.name,
      phone: changes.phone === undefined ? current.phone : changes.phone,
      time_zone: changes.time_zone === undefined ? current.time_zone : changes.time_zone,
      reminder_lead_minutes: changes.reminder_lead_minutes === undefined ? current.reminder_lead_minutes : changes.reminder_lead_minutes,
    };
    const updatedAt = new Date().toISOString();
    try {
      await this.#db.transaction().execute(async (trx) => {
        if (next.phone !== current.phone) await assertSenderFree(trx, customerId, next.phone, false);
        await trx
          .updateTable('customers')
          .set({ ...next, search_text: searchText({ customer_id: customerId, ...next }), updated_at: updatedAt })
          .where('customer_id', '=', customerId)
          .execute();
      });
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    return { ...current, ...next, updated_at: updatedAt };
  }

  async remove(customerId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('customers').where('customer_id', '=', customerId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Learns from a confirmed booking: remembers it (the last 10) and the length the customer asked for. */
  async rememberBooking(customerId: string, booking: { booking_id: string; start: string; end: string }, askedDurationMinutes: number | null): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('customer_bookings')
        .values({ customer_id: customerId, booking_id: booking.booking_id, start: booking.start, end: booking.end, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['customer_id', 'booking_id']).doNothing())
        .execute();
      const keep = trx.selectFrom('customer_bookings').select('booking_id').where('customer_id', '=', customerId).orderBy('created_at', 'desc').limit(10);
      await trx.deleteFrom('customer_bookings').where('customer_id', '=', customerId).where('booking_id', 'not in', keep).execute();
      if (askedDurationMinutes) {
        await trx.updateTable('customers').set({ preferred_duration_minutes: askedDurationMinutes }).where('customer_id', '=', customerId).execute();
      }
    });
  }
}

/** Another customer whose ID reads as the WhatsApp number `digits` (`+34…`, `0034…`, `34-600-…`). */
async function customerWithIdNumber(db: Kysely<AssistantDatabaseSchema>, digits: string, except: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('customers')
    .select('customer_id')
    .where(sql<string>`replace(replace(customer_id, '-', ''), '.', '')`, 'in', idSpellingsOf(digits))
    .where('customer_id', '!=', except)
    .executeTakeFirst();
  return row?.customer_id;
}

/**
 * Refuses an ID or phone that would reach another customer's WhatsApp sender: an ID that reads as
 * another's phone or ID number (`creating`), a phone that is another's ID. (Phone against phone is the
 * table's unique constraint.) Runs in the write's transaction.
 */
async function assertSenderFree(db: Kysely<AssistantDatabaseSchema>, customerId: string, phone: string | null, creating: boolean): Promise<void> {
  const idNumber = creating ? senderNumber(customerId) : undefined;
  if (idNumber) {
    const owner = await db.selectFrom('customers').select('customer_id').where('phone', '=', idNumber).where('customer_id', '!=', customerId).executeTakeFirst();
    if (owner) throw new DuplicateCustomerError('customer_id', 'phone', owner.customer_id);
    const twin = await customerWithIdNumber(db, idNumber, customerId);
    if (twin) throw new DuplicateCustomerError('customer_id', 'customer_id', twin);
  }
  if (phone) {
    const owner = await customerWithIdNumber(db, phone, customerId);
    if (owner) throw new DuplicateCustomerError('phone', 'customer_id', owner);
  }
}

/** A unique-constraint failure of either engine as a {@link DuplicateCustomerError}: SQLite's message, PostgreSQL's 23505. */
function uniqueViolation(err: unknown): DuplicateCustomerError | undefined {
  if (err instanceof DuplicateCustomerError) return err;
  const { message = '', code, constraint } = (err ?? {}) as { message?: string; code?: string; constraint?: string };
  if (code === '23505') return new DuplicateCustomerError(constraint?.includes('phone') ? 'phone' : 'customer_id');
  if (!/UNIQUE constraint failed/.test(message)) return undefined;
  return new DuplicateCustomerError(message.includes('customers.phone') ? 'phone' : 'customer_id');
}
