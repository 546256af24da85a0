/** The model's final text as separate WhatsApp messages: one per paragraph (blank-line separated). */
export function toReplyMessages(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
