/** Fixed Spanish replies the WhatsApp channel sends on its own, without the conversation engine. */
export const CANNED_REPLIES = {
  /** To a number that is neither a customer's `customer_id` nor their `phone`. */
  unknownSender: 'Hola, no encuentro tu número entre nuestros clientes. Si quieres reservar, contacta con el negocio para que te registren.',
  /** To an image, audio, location… */
  unsupportedMessage: 'Por ahora solo entiendo mensajes de texto.',
  /** When the conversation engine failed on a message. */
  engineFailure: 'Lo siento, ha habido un problema al procesar tu mensaje. Inténtalo de nuevo en unos minutos.',
} as const;
