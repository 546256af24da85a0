/**
 * How a typed WhatsApp number is reduced to the digits Meta sends as the sender (`messages[].from`):
 * spaces, dashes, dots and parentheses dropped, then a leading `+` or `00`. Here because the admin's
 * form and the assistant read a phone the same way.
 */
export function stripPhoneFormatting(value: string): string {
  return value
    .replace(/[\s\-().]/g, '')
    .replace(/^\+/, '')
    .replace(/^00/, '');
}

/** An international number without formatting: 8–15 digits, not starting with 0 (E.164). */
export const SENDER_DIGITS = /^[1-9]\d{7,14}$/;
