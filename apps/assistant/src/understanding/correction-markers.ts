/**
 * The one word every self-correction marker is rewritten to, so that later stages can split a message into
 * what was said first and what corrects it. It is itself a marker ("corrijo"), so writing it is harmless.
 */
export const CORRECTION_TOKEN = 'corrijo';

const PAUSE = String.raw`(?:\s*[,;.…:!-]+\s*|\s+)`;
/** Words that make "no no" / "bueno no" a refusal rather than a correction ("no, no puedo"). */
const REFUSAL_AFTER = String.raw`(?!\s+(?:puedo|podre|quiero|se|me|hay|tengo|gracias|gracia)\b)`;

/** A "no" followed by a pause (", no," / "el lunes no, el martes" / ". no no,"); not "si no," (otherwise). */
const NO_THEN_PAUSE = String.raw`(?<!\bsi\s*)(?<![a-z0-9])no(?:${PAUSE}no)*\s*[,;.…:-]+`;

/** Marker words and phrases, with an optional leading "no" ("no, perdón", "bueno no", "no no"). */
const MARKER_WORDS = [
  String.raw`(?:no${PAUSE})?(?:perdon|perdona|perdone|perdoname|disculpa|disculpe|disculpas|sorry)(?:${PAUSE}(?:quise|quiero|queria)\s+decir|${PAUSE}digo|${PAUSE}mejor(?!\s+(?:no|otr[oa]s?)\b)|${PAUSE}era)?`,
  String.raw`(?:no${PAUSE})?(?:quise|quiero|queria)\s+decir`,
  String.raw`(?<!\b(?:te|le|les|lo|la|se|me|que|como|yo|ya)\s+)(?:no${PAUSE})?digo`,
  String.raw`(?:no${PAUSE})?mejor\s+dicho`,
  String.raw`(?<!\b(?:lo|el|la|los|las|es|seria|sea|muy|mas|mucho|algo)\s+)(?:no${PAUSE})?mejor(?!\s+(?:no|otr[oa]s?|que|para|opcion)\b)`,
  `bueno${PAUSE}no${REFUSAL_AFTER}`,
  `no${PAUSE}no${REFUSAL_AFTER}`,
  `no${PAUSE}espera`,
  String.raw`(?:no${PAUSE})?(?:corrijo|correccion|rectifico|me\s+equivoque|me\s+confundi|en\s+realidad|mas\s+bien|o\s+sea|osea)`,
];

const MARKER = new RegExp(`(?<![a-z0-9])(?:${MARKER_WORDS.join('|')})(?![a-z0-9])|${NO_THEN_PAUSE}`, 'g');

/** Markers in a row ("no no, perdón, digo") are one correction. */
const REPEATED_TOKENS = new RegExp(String.raw`${CORRECTION_TOKEN}(?:[\s,;.…:!-]+${CORRECTION_TOKEN})+`, 'g');

/**
 * Rewrites the self-corrections of a message ("el lunes, no no, el martes", "a las 4, digo a las 5", "2 horas,
 * no, mejor una hora", "para el 14, corrijo, para el 16") into {@link CORRECTION_TOKEN}. Needs the punctuation
 * still there (a bare "no" is a marker only before a pause) and accent-free lower case. A marker before any
 * content corrects nothing and is left alone, so "no, mejor el viernes" stays a refusal.
 */
export function markCorrections(text: string): string {
  const firstContent = text.search(/[a-z0-9]/);
  return text.replace(MARKER, (marker: string, offset: number) => (offset <= firstContent ? marker : ` ${CORRECTION_TOKEN} `)).replace(REPEATED_TOKENS, ` ${CORRECTION_TOKEN} `);
}
