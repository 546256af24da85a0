import { SENDER_DIGITS, stripPhoneFormatting } from '@agendo/contracts';

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
