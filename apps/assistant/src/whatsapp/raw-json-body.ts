import type { FastifyInstance } from 'fastify';

/** A JSON request body as received: its exact bytes, and what they parse to. */
export interface RawJsonBody {
  raw: Buffer;
  json: { ok: true; value: unknown } | { ok: false };
}

/**
 * Makes `application/json` the only body type of `app`'s encapsulation context (not its parent's), with a
 * parser that keeps the raw bytes — needed to check signatures over exactly what was sent — and parses them as
 * JSON. Any other Content-Type (Fastify's default `text/plain` parser included) or none is refused by Fastify
 * with `FST_ERR_CTP_INVALID_MEDIA_TYPE` (415) before the route runs. Malformed JSON is not rejected here but
 * reported in `json`, so the route can check the signature first.
 */
export function keepRawJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
    let json: RawJsonBody['json'];
    try {
      json = { ok: true, value: JSON.parse(raw.toString('utf8')) };
    } catch {
      json = { ok: false };
    }
    done(null, { raw, json } satisfies RawJsonBody);
  });
}
