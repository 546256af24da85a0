/** What a customer's message asks for. */
export type Intent = 'book' | 'check_availability' | 'reschedule' | 'cancel' | 'list' | 'confirm' | 'deny' | 'greeting' | 'thanks' | 'help' | 'unknown';

/** What the rest of the understanding found in the message, which the intent depends on. */
export interface IntentSignals {
  /** A day, time, length, offset or part of the day was named. */
  readonly hasSlots: boolean;
  /** A time of day was named ("a las 5", "15:00", "mediodía"). */
  readonly hasClock: boolean;
  /** A choice among offered options was named ("la segunda"). */
  readonly hasOrdinal: boolean;
  /** The message also greets. */
  readonly greets: boolean;
}

const BOOKING_NOUN = `(?:cita|citas|turno|turnos|hora|reserva|reservacion|espacio|lugar|hueco|consulta|sesion|clase|corte|masaje|cupo)`;

/** "¿cómo reservo?" asks for help, unless it also names when. */
const HELP_HOW = /\bcomo\s+(?:puedo\s+|hago\s+(?:para\s+)?|se\s+(?:puede\s+)?)?(?:reservo|agendo|reservar|agendar|pido|pedir|saco|sacar|hago\s+una\s+(?:cita|reserva))\b/;

const CANCEL = new RegExp(
  [
    String.raw`\bcancel\w*`,
    String.raw`\banul\w*`,
    String.raw`\bborr(?:a|ar|ame|en|enme|ala|alo|amela|amelo|arla|arlo|e)\b`,
    String.raw`\belimin\w*`,
    String.raw`\bdesagend\w*`,
    String.raw`\bdesapunt\w*`,
    String.raw`\bdar?\s+de\s+baja\b`,
    String.raw`\bquit(?:a|ar|ame|en|enme)\s+(?:mi|la|el|mis)\s+${BOOKING_NOUN}\b`,
    String.raw`\bya\s+no\s+(?:quiero|necesito|voy\s+a\s+ir|podre\s+ir|puedo\s+ir)\b`,
    String.raw`\bno\s+(?:voy\s+a\s+poder|podre|puedo)\s+(?:ir|asistir|llegar)\s+(?:a|al)\s+(?:mi|la|el)\s+${BOOKING_NOUN}\b`,
  ].join('|'),
);

const RESCHEDULE = new RegExp(
  [
    String.raw`\bcambi\w*`,
    String.raw`\bmov(?:er|erla|erlo|ela|elo|eme|emela|emelo|amos|emos|e|as)\b`,
    String.raw`\bmuev\w*`,
    String.raw`\breprogram\w*`,
    String.raw`\breagend\w*`,
    String.raw`\bpospon\w*`,
    String.raw`\bposterg\w*`,
    String.raw`\baplaz\w*`,
    String.raw`\badelant(?:ar|a|arla|arlo|ala|alo|ame|amela|amelo|en|emos)\b`,
    String.raw`\b(?:atras|retras)(?:ar|a|arla|arlo|ala|alo|ame|amela|amelo|en|emos)\b`,
    String.raw`\brecorr(?:e|er|ela|elo|erla|erlo|eme|emela)\b`,
    String.raw`\bcorr(?:ela|elo|eme|emela|emelo|erla|erlo|erme|amos|anla|anlo|anme|ele|ido|ida)\b`,
    String.raw`\bcorr(?:e|er|es|an|en|o|a|emos)\s+(?:mi|la|el|nuestra|nuestro|esa|ese)?\s*${BOOKING_NOUN}\b`,
    String.raw`\btraslad\w*`,
    String.raw`\bpas(?:ar|a|e|en|ame|anos|as|ais|eme)\s+(?:mi|la|el|nuestra|nuestro|esa|ese)?\s*${BOOKING_NOUN}\b`,
    String.raw`\bpas(?:ala|alo|amela|amelo|arla|arlo|ela|elo)\b`,
    String.raw`\ben\s+(?:vez|lugar)\s+de\b`,
  ].join('|'),
);

const LIST = new RegExp(
  [
    String.raw`\b(?:que|cuales|cuantas|cuantos)\s+(?:citas|reservas|turnos|reservaciones|horas)\s+(?:tengo|tenemos|me\s+quedan|hay\s+(?:a\s+mi\s+nombre|para\s+mi))\b`,
    String.raw`\bmis\s+(?:proximas?\s+|proximos?\s+)?(?:citas?|reservas?|turnos?|reservaciones?|horas)\b`,
    String.raw`\bmi\s+proxim[oa]\s+(?:cita|reserva|turno|reservacion|hora)\b`,
    String.raw`\btengo\s+(?:algo|(?:alguna|algun|una|un)?\s*(?:cita|citas|turno|turnos|reserva|reservas|reservacion|hora))\b`,
    String.raw`\b(?:cuando|a\s+que\s+hora|que\s+dia|para\s+cuando)\s+(?:es|era|son|tengo|quedo|esta|estaba|fue)\s+(?:mi|mis|la|el)\b`,
    String.raw`\b(?:estoy|quede|quedo)\s+(?:agendad|reservad|anotad|apuntad)\w*`,
    String.raw`\bsigue\s+(?:en\s+pie|confirmad\w*|vigente)`,
    String.raw`\b(?:ver|consultar|revisar|mostrar|muestrame|mostrame|ensename|listar|lista\s+de|dime|decime)\b.*\b(?:citas|reservas|turnos|reservaciones)\b`,
  ].join('|'),
);

const AVAILABILITY = new RegExp(
  [
    String.raw`\b(?:tienes|tenes|tiene|tienen|teneis|tendras|tendrias|tendra|tendria|tendran|tenias|tenian)\b`,
    String.raw`\b(?:hay|habra|habria|habia)\b`,
    String.raw`(?<!\bme\s)\b(?:queda|quedan|quedara)\b`,
    String.raw`\blibres?\b`,
    String.raw`\bdisponib\w*`,
    String.raw`\bcupos?\b`,
    String.raw`\bse\s+puede\b`,
    String.raw`\b(?:puedo|podria|podemos|pudiera)\s+(?:ir|pasar|llegar|caer|asistir)\b`,
    String.raw`\b(?:a\s+que\s+hora|que\s+horarios?|que\s+dias?|cuando)\s+(?:tienes|tenes|tiene|hay|puedes|podes|puede|atiendes|atendes|atiende|atienden|abren|abres|abre|trabajas|estas|me\s+(?:puedes|podes)\s+atender|me\s+atiendes)\b`,
    String.raw`\balgun\s+(?:hueco|espacio|lugar|turno|horario)\b`,
    String.raw`\balguna\s+(?:cita|hora|vacante)\b`,
    String.raw`\b(?:saber|preguntar|consultar)\s+si\b`,
    String.raw`\bestas\s+(?:libre|disponible)\b`,
    String.raw`\b(?:pueden|puedes|podes|puede|podrian|podrias|podria)\s+atender(?:me)?\b`,
    String.raw`\batender(?:me|nos)\b`,
  ].join('|'),
);

const DESIRE = String.raw`(?:quiero|quisiera|queria|necesito|necesitaria|necesitamos|me\s+gustaria|nos\s+gustaria|deseo|deseaba|busco|buscaba|pido|pedir|pedirte|pedirle|solicito|solicitar|sacar|saco|sacame|coger|cojo|pillar|tomar|hacer|hacerme|darme|dame|deme|denme|me\s+das|me\s+da|me\s+dan|me\s+dais|(?:me|nos)\s+(?:puedes|podes|puede|pueden|podeis|podrias|podria|podrian|podriais)\s+dar|me\s+regalas|me\s+regala)`;

const BOOK = new RegExp(
  [
    String.raw`\breserv(?!as\b)\w*`,
    String.raw`\bagend\w*`,
    String.raw`\bapart(?:a|ar|ame|ale|en|enme|eme|e|o|as|arme|arnos|adme|amos)\b`,
    String.raw`\bsepar(?:a|ar|ame|ale|en|enme|eme|e|arme|amos)\b`,
    String.raw`\banot(?:a|ar|ame|ale|en|enme|eme|e|arme|ate|amos)\b`,
    String.raw`\bapunt(?:a|ar|ame|ale|en|enme|eme|e|arme|ate|amos)\b`,
    String.raw`\bprogram(?:a|ar|ame|ale|en|enme|e)\b`,
    String.raw`\bbook\w*`,
    String.raw`\b${DESIRE}\s+(?!saber\b|preguntar\b|consultar\b)(?:[a-z0-9]+\s+){0,3}?${BOOKING_NOUN}\b`,
  ].join('|'),
);

/** "Resérvalo", "agéndamela": taking what the assistant offered. */
const CONFIRM_CLITIC = /\b(?:reserva|agenda|aparta|separa|anota|apunta|confirma|dejamela|dejame)(?:me|nos)?(?:lo|la)\b/;

const DENY_START =
  /^(?:no(?!\s+se\b)|nop|nope|nel|nah|nanai|negativo|para\s+nada|ni\s+loco|ni\s+hablar|de\s+ninguna\s+manera|mejor\s+no|tampoco|ninguna|ninguno|nada|todavia\s+no|aun\s+no|ahora\s+no)\b/;
const DENY_ANY =
  /\b(?:no\s+me\s+(?:sirve|conviene|viene|queda|va|funciona|gusta)|no\s+puedo|no\s+gracias|mejor\s+(?:otro|otra)\s+(?:dia|hora|horario|momento|fecha|vez)|otro\s+dia|claro\s+que\s+no|por\s+supuesto\s+que\s+no|ninguna|ninguno|de\s+ninguna\s+manera)\b/;

/**
 * "si" without accent opening a clause with a verb is "if" ("si me puede dar una cita…", "si hay lugar…",
 * "si tienen hueco el jueves me agendan"), not a yes.
 */
const CONDITIONAL_SI =
  /\bsi\s+(?:(?:me|te|le|les|nos|se|os)\s+)?(?:puede|puedes|pueden|podes|podeis|podria|podrias|podrian|pudiera|pudieras|pudieran|da|das|dan|dais|agenda|agendas|agendan|reserva|reservas|reservan|aparta|apartas|apartan|anota|anotas|anotan|hay|habra|habria|tienen|tienes|tiene|tenes|teneis|tendras|tendrian|queda|quedan|quedara|es\s+posible|fuera|quieres|quiere|quieren|necesito|quiero|alcanza|alcanzas|avisas|avisa|dices|dice|confirmas|consigues|encuentras|ves|cabe|esta|estan|estas|sigue|siguen)\b/;

const CONFIRM_START =
  /^(?:si+(?!\s+(?:(?:me|te|le|les|nos|se|os)\s+)?(?:puede|puedes|pueden|podes|podria|podrias|podrian|pudiera|pudieras|da|das|dan|dais|hay|habra|habria|tienen|tienes|tiene|tenes|teneis|queda|quedan|quedara|es\s+posible|fuera|alcanza|avisas|avisa|dices|dice|confirmas|consigues|encuentras|cabe|agenda|agendas|agendan|reserva|reservas|reservan)\b)|sip|sep|simon|claro(?:\s+que\s+si)?|dale|ok|oka|okay|okey|oki|okis|vale|va|sale|perfecto|perfect|adelante|de\s+acuerdo|deacuerdo|confirm\w*|correcto|exacto|listo|bueno|esta\s+bien|muy\s+bien|bien|me\s+parece(?:\s+(?:bien|perfecto|genial|excelente))?|me\s+sirve|me\s+va\s+bien|me\s+viene\s+bien|me\s+queda\s+bien|genial|excelente|por\s+supuesto|obvio|eso|asi\s+es|hecho|de\s+una|joya|buenisimo|super|afirmativo|yes|yep|sin\s+problema|hagamoslo|hazlo|procede|venga|ya)\b/;
/** Acknowledgements that, followed by "gracias", close the chat rather than accept something. */
const WEAK_CONFIRM_START = /^(?:ok|oka|okay|okey|oki|okis|perfecto|perfect|listo|bueno|genial|excelente|vale|buenisimo|super|bien|muy\s+bien|joya)\b/;

const THANKS =
  /\b(?:gracias|grax|grcs|thx|thanks|agradec\w*|agradezco|adios|chao|chau|bye|hasta\s+luego|hasta\s+pronto|nos\s+vemos|(?:muy|que|tan|super|re|mas|sos|eres|es|son|usted\s+es)\s+amables?|amabilidad|se\s+agradece|te\s+pasaste|un\s+sol|bendiciones|dios\s+te\s+bendiga|genial\s+gracias|cuidate|cuidese)\b/;
const HELP =
  /\b(?:ayuda|ayudame|ayudeme|ayudarme|help|socorro|menu|instrucciones|opciones)\b|\bque\s+(?:puedes|podes|puede|sabes|sabe)\s+hacer\b|\bque\s+(?:haces|hace|ofreces|ofrecen)\b|\bcomo\s+(?:funciona|funcionas|te\s+uso|se\s+usa|uso\s+esto|usar\s+esto)\b|\bque\s+(?:servicios|opciones)\b|\bpara\s+que\s+sirve/;
const NOUN_ONLY = /\b(?:cita|turno|reserva|reservacion|consulta)\b/;

/**
 * Whether the availability question at `availability` is only the condition of a booking request that follows:
 * "si tienen hueco el jueves a la una me agendan" books; "si queda algo libre el sábado me dices?" asks.
 */
function asksInsideCondition(text: string, availability: number, book: number): boolean {
  if (book < 0) return false;
  const condition = CONDITIONAL_SI.exec(text);
  return condition !== null && condition.index <= availability && availability <= condition.index + condition[0].length;
}

function firstIndex(pattern: RegExp, text: string): number {
  const match = pattern.exec(text);
  return match === null ? -1 : match.index;
}

/**
 * Classifies a normalized message (greetings removed). Requests win over everything else, in the order
 * cancel, reschedule, list, then availability or booking (whichever comes first in the message); then
 * "no…" (deny), "sí…" (confirm), thanks, help; a message that only names a day/time or an offered option
 * is `book`; a bare greeting is `greeting`.
 */
export function classifyIntent(text: string, signals: IntentSignals): Intent {
  if (HELP_HOW.test(text) && !signals.hasSlots) return 'help';
  if (CANCEL.test(text)) return 'cancel';
  if (RESCHEDULE.test(text)) return 'reschedule';
  if (LIST.test(text)) return 'list';
  if (CONFIRM_CLITIC.test(text) && !signals.hasSlots) return 'confirm';
  const availability = firstIndex(AVAILABILITY, text);
  const book = firstIndex(BOOK, text);
  if (availability >= 0 && (book < 0 || availability < book) && !asksInsideCondition(text, availability, book)) return 'check_availability';
  if (book >= 0) return 'book';
  if (DENY_START.test(text) || DENY_ANY.test(text)) return 'deny';
  if (CONFIRM_START.test(text)) return THANKS.test(text) && WEAK_CONFIRM_START.test(text) ? 'thanks' : 'confirm';
  // A request that ends in "gracias" keeps its own intent: "una cita mañana a las 7 🙏" is a booking.
  if (THANKS.test(text)) return signals.hasClock || NOUN_ONLY.test(text) ? 'book' : 'thanks';
  if (HELP.test(text)) return 'help';
  if (signals.hasSlots || NOUN_ONLY.test(text) || signals.hasOrdinal) return 'book';
  if (signals.greets) return 'greeting';
  return 'unknown';
}
