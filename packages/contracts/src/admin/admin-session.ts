import { z } from 'zod';

/** `POST /api/admin/login` body. */
export const loginRequestSchema = z.object({ password: z.string({ error: 'Escribe la contraseña.' }).min(1, 'Escribe la contraseña.').max(200) });
/** The login form's body. */
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** `POST /api/admin/login`, `POST /api/admin/logout` and `GET /api/admin/session` answer: whether this browser is logged in now. */
export const adminSessionSchema = z.object({ authenticated: z.boolean() });
/** The admin's session state. */
export type AdminSession = z.infer<typeof adminSessionSchema>;
