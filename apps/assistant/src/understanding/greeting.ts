const LATER_CONTENT = String.raw`(?:el|la|los|las|si|para|manana|hoy|pasado|a|lunes|martes|miercoles|jueves|viernes|sabado|domingo|\d+)`;

const GREETING = new RegExp(
  String.raw`\b(?:hola|holi|holis|ola|hello|hi|hey|buen(?:os|as)?\s+(?:dias?|tardes|noches)|buenas|saludos|alo|aloha|que\s+onda|quiubo|que\s+hubo|como\s+(?:estas|esta|estan|andas|anda|te\s+va|le\s+va|va\s+todo)|que\s+tal(?!\s+${LATER_CONTENT}\b))\b`,
  'g',
);

/**
 * Finds greetings ("hola", "buenos días", "buenas tardes", "buen día", "qué tal", "¿cómo estás?") in
 * normalized text and removes them, so that "buenas tardes" is not read as the afternoon.
 */
export function extractGreeting(text: string): { greets: boolean; rest: string } {
  const rest = text.replace(GREETING, ' ').replace(/\s+/g, ' ').trim();
  return { greets: rest !== text, rest };
}
