import { createHash, randomBytes } from 'node:crypto';
import type { AssistantDatabase } from '../db/assistant-database.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Admin login sessions: random tokens for an HttpOnly cookie; only their SHA-256 is stored. */
export class AdminSessions {
  readonly #db: AssistantDatabase;
  readonly ttlMs: number;

  constructor(db: AssistantDatabase, ttlMs = 12 * 3600_000) {
    this.#db = db;
    this.ttlMs = ttlMs;
  }

  async create(now = new Date()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#db.deleteFrom('admin_sessions').where('expires_at', '<', now.toISOString()).execute();
    await this.#db
      .insertInto('admin_sessions')
      .values({ token_hash: hash(token), created_at: now.toISOString(), expires_at: new Date(now.getTime() + this.ttlMs).toISOString() })
      .execute();
    return token;
  }

  async isValid(token: string, now = new Date()): Promise<boolean> {
    const row = await this.#db.selectFrom('admin_sessions').select('expires_at').where('token_hash', '=', hash(token)).executeTakeFirst();
    return row !== undefined && row.expires_at > now.toISOString();
  }

  async revoke(token: string): Promise<void> {
    await this.#db.deleteFrom('admin_sessions').where('token_hash', '=', hash(token)).execute();
  }
}
