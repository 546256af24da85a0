import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ConversationEngine } from '../conversation/conversation-engine.js';
import type { CustomerStore } from '../customers/customer-store.js';

const chatSchema = z.object({
  customer_id: z.string({ error: 'Elige un cliente.' }).trim().min(1, 'Elige un cliente.').max(64),
  text: z.string({ error: 'Escribe un mensaje.' }).trim().min(1, 'Escribe un mensaje.').max(2000, 'El mensaje puede tener como máximo 2000 caracteres.'),
});

/** `POST /api/admin/chat {customer_id, text}` → `{replies}`: the admin's chat simulator, through the same engine as WhatsApp. */
export const chatRoute: FastifyPluginAsync<{ engine: ConversationEngine; customers: CustomerStore }> = async (app, { engine, customers }) => {
  app.post<{ Body: z.infer<typeof chatSchema> }>('/api/admin/chat', { schema: { body: chatSchema } }, async (request, reply) => {
    const { customer_id, text } = request.body;
    if (!(await customers.get(customer_id))) {
      return reply.code(404).send({ error: 'not_found', message: `No existe el cliente «${customer_id}».`, fields: { customer_id: `No existe el cliente «${customer_id}».` } });
    }
    return { replies: await engine.reply(customer_id, text) };
  });
};
