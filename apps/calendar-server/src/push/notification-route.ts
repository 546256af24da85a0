import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { PushChannels } from './push-channels.js';

/** The path Google posts channel notifications to, under `PUBLIC_BASE_URL`. */
export const NOTIFICATION_PATH = '/google/notifications';

const RESOURCE_STATES = new Set(['sync', 'exists', 'not_exists']);

function header(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function refuse(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).send({ error: message });
}

/**
 * `POST /google/notifications`: Google's push notifications (public, no bearer: the channel token
 * authenticates them). A known channel (opened by any replica) with its token invalidates that
 * calendar's busy cache in every replica, then gets 200; anything else gets a 4xx and changes nothing. The body (Google sends none) is ignored.
 */
export const notificationRoute: FastifyPluginAsync<{ push: PushChannels }> = async (app, { push }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_request, _body, done) => done(null, undefined));

  app.post(NOTIFICATION_PATH, async (request, reply) => {
    const channelId = header(request.headers['x-goog-channel-id']);
    const resourceState = header(request.headers['x-goog-resource-state']);
    if (channelId === undefined || resourceState === undefined) return refuse(reply, 400, 'Missing X-Goog-Channel-ID or X-Goog-Resource-State.');
    if (!RESOURCE_STATES.has(resourceState)) return refuse(reply, 400, `Unknown X-Goog-Resource-State "${resourceState.slice(0, 40)}".`);
    const verdict = await push.notify({
      channelId,
      token: header(request.headers['x-goog-channel-token']),
      resourceId: header(request.headers['x-goog-resource-id']),
      resourceState,
      messageNumber: header(request.headers['x-goog-message-number']),
    });
    if (verdict === 'unknown_channel') return refuse(reply, 404, 'Unknown channel.');
    if (verdict === 'refused') return refuse(reply, 403, 'Wrong channel token or resource.');
    request.log.debug({ channel_id: channelId, state: resourceState }, 'calendar change notified');
    return reply.code(200).send();
  });
};
