/**
 * How a typed WhatsApp number is reduced to the digits Meta sends as the sender (`messages[].from`):
 * spaces, dashes, dots and parentheses dropped, then a leading `+` or `00`.
 */
export function stripPhoneFormatting(value: string): string {
  return value.replace(/[\s\-().]/g, '').replace(/^\+/, '').replace(/^00/, '');
}

/** An international number without formatting: 8–15 digits, not starting with 0 (E.164). */
export const SENDER_DIGITS = /^[1-9]\d{7,14}$/;

/**
 * The WhatsApp sender a customer ID or phone answers to, when it reads as a phone number
 * (`+34-600-111-222` → `34600111222`), else undefined. IDs and phones share this namespace: the
 * sender is matched against both, so no two customers may reach the same number.
 */
export function senderNumber(value: string): string | undefined {
  const digits = stripPhoneFormatting(value.trim());
  return SENDER_DIGITS.test(digits) ? digits : undefined;
}

/**
 * The stored IDs (which keep their formatting; IDs allow only letters, digits and `. _ + - @`) that
 * read as the number `digits`: after dropping `-` and `.`, one of these.
 */
export function idSpellingsOf(digits: string): string[] {
  return [digits, `+${digits}`, `00${digits}`, `+00${digits}`];
}
