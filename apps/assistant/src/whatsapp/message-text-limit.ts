/** The longest text WhatsApp itself sends or accepts in one message (characters, as Meta counts them). */
export const WHATSAPP_TEXT_LIMIT = 4096;

/** A message text after {@link capMessageText}. */
export interface CappedText {
  text: string;
  /** Whether something was cut off. */
  truncated: boolean;
  /** Length of the text as received (UTF-16 code units). */
  originalLength: number;
}

/**
 * Cuts `text` to {@link WHATSAPP_TEXT_LIMIT} UTF-16 code units, never in the middle of a surrogate pair.
 * WhatsApp never delivers more, so anything longer is forged or broken; cutting it before the understanding
 * sees it keeps one signed message from holding the event loop for seconds.
 */
export function capMessageText(text: string): CappedText {
  if (text.length <= WHATSAPP_TEXT_LIMIT) return { text, truncated: false, originalLength: text.length };
  let end = WHATSAPP_TEXT_LIMIT;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true, originalLength: text.length };
}
