import { apiErrorSchema, chatRequestSchema, chatResponseSchema } from '@agendo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConversationEngine } from '../conversation/conversation-engine.js';
import type { CustomerStore } from '../customers/customer-store.js';

/** `POST /api/admin/chat {customer_id, text}` → `{replies}`: the admin's chat simulator, through the same engine as WhatsApp. */
export const chatRoute: FastifyPluginAsyncZod<{ engine: ConversationEngine; customers: CustomerStore }> = async (app, { engine, customers }) => {
  app.post(
    '/api/admin/chat',
    {
      schema: {
        summary: 'One message of the chat simulator, answered by the same engine as WhatsApp',
        body: chatRequestSchema,
        response: { 200: chatResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { customer_id, text } = request.body;
      if (!(await customers.get(customer_id))) {
        const message = `No existe el cliente «${customer_id}».`;
        return reply.code(404).send({ error: 'not_found', message, fields: { customer_id: message } });
      }
      return { replies: await engine.reply(customer_id, text) };
    },
  );
};
