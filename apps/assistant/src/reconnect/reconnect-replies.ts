import type { ReconnectableCode } from './reconnection.js';

/** What the assistant says about reconnecting a calendar from the chat, in Spanish, in one place. */
export const reconnectReplies = {
  /** A reconnectable failure, with the customer's own authorization link (sent at most once a day). */
  link(code: ReconnectableCode, url: string): string {
    const why =
      code === 'needs_reauth'
        ? 'Tu Google Calendar necesita volver a conectarse (el permiso caducó o se retiró), así que no he reservado nada.'
        : 'Todavía no tienes un Google Calendar conectado, así que no puedo consultar ni reservar.';
    return `${why} Para seguir, vuelve a conectar tu calendario: ${url} (el enlace es solo para ti, sirve una vez y caduca en 7 días). En cuanto lo conectes, seguimos con tu reserva.`;
  },
  /** The calendar is connected again and the slot the customer had asked for is free. */
  reconnected: (when: string) => `Ya está conectado. ¿Confirmas la reserva para ${when}?`,
  /** The calendar is connected again; said before what follows (the asked slot is busy…). */
  prefix: 'Ya está conectado.',
  /** The calendar is connected again and there was no slot to pick back up. */
  ask: 'Ya está conectado tu calendario. ¿Para qué día y a qué hora quieres la reserva?',
};
