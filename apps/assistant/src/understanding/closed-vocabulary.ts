/**
 * The closed vocabulary the understanding reads, accent-free: weekdays, months, number words, parts of the day,
 * units, and the verbs and nouns that decide the intent. Only these words are targets of tolerant matching; a
 * misspelling can become one of them, never anything else.
 */
export const CLOSED_VOCABULARY: readonly string[] = [
  // weekdays
  'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo',
  // months
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre',
  'noviembre', 'diciembre',
  // number words
  'una', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece',
  'catorce', 'quince', 'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veinticinco', 'treinta',
  'cuarenta', 'cincuenta', 'media', 'cuarto', 'menos',
  // parts of the day and day words
  'manana', 'tarde', 'tardes', 'noche', 'noches', 'mediodia', 'madrugada', 'medianoche', 'temprano', 'hoy', 'pasado',
  'semana', 'proximo', 'proxima', 'siguiente',
  // units
  'hora', 'horas', 'minuto', 'minutos',
  // intent verbs and nouns
  'quiero', 'quisiera', 'queria', 'necesito', 'necesitaria', 'reservar', 'reserva', 'reservame', 'reservacion', 'agendar',
  'agenda', 'agendame', 'agendarme', 'apartar', 'apartame', 'cancelar', 'cancela', 'cancelame', 'anular', 'anula',
  'cambiar', 'cambia', 'cambiame', 'mover', 'reprogramar', 'disponible', 'disponibilidad', 'tienen', 'tienes', 'cita',
  'citas', 'turno', 'turnos', 'hueco', 'espacio', 'gracias', 'muchas', 'hola', 'ayuda', 'favor', 'confirmo', 'perfecto',
];

/**
 * Beginnings the understanding already reads in any form ("cambiala", "reservamela", "agendenme", "cancelalo"):
 * a word that starts with one is left as written rather than matched to the nearest listed form.
 */
export const READABLE_STEMS: readonly string[] = [
  'reserv', 'agend', 'cancel', 'cambi', 'apart', 'anul', 'necesit', 'quier', 'quis', 'disponib', 'reprogram', 'confirm',
  'muev', 'mov', 'grac', 'ayud', 'turno', 'cita', 'hora', 'minut', 'seman', 'proxim', 'pasad',
];

/**
 * Real words that lie within tolerant reach of a vocabulary word but mean something else, so they are never
 * "corrected": "vienes" is not "viernes", "coche" not "noche", "cuando"/"cuanto" not "cuarto", "nuevo" not
 * "nueve", "ahora" not "hora", "mes"/"mas"/"si"/"se" stay themselves.
 */
export const PROTECTED_WORDS: ReadonlySet<string> = new Set([
  'mes', 'mas', 'si', 'se', 'sea', 'sean', 'mi', 'mis', 'ver', 'vez', 'ves', 'vas', 'va', 'van', 'voy', 'doy', 'soy', 'hay', 'ya',
  'tu', 'te', 'le', 'les', 'lo', 'la', 'los', 'las', 'el', 'un', 'unos', 'unas', 'al', 'del', 'de', 'en', 'es', 'eso', 'esa', 'ese',
  'esta', 'este', 'esto', 'estas', 'estos', 'ahi', 'asi', 'aqui', 'alla', 'bien', 'pues', 'para', 'por', 'que', 'como', 'con',
  'sin', 'sus', 'son', 'dar', 'das', 'dan', 'doy', 'dia', 'dias', 'ora', 'oro', 'ola', 'olas', 'hola', 'mano', 'manos', 'mana',
  'vienes', 'viene', 'vienen', 'vieras', 'tarda', 'tardas', 'tardan', 'tardo', 'carde', 'coche', 'coches', 'noche', 'ahora',
  'horno', 'dora', 'mora', 'hola', 'cinta', 'cintas', 'cinto', 'circo', 'nieve', 'nuevo', 'nueva', 'nuevos', 'nuevas',
  'mueve', 'mueva', 'muevo', 'medio', 'medios', 'medida', 'cuarta', 'cuartos', 'cuanto', 'cuanta', 'cuantos', 'cuantas',
  'cuando', 'junto', 'juntos', 'junta', 'juntas', 'marco', 'marca', 'marcos', 'marta', 'mayor', 'entero', 'entera',
  'angosto', 'julia', 'julian', 'siente', 'sientes', 'sienta', 'siento', 'crece', 'onza', 'doce', 'tras', 'tren',
  'banana', 'manzana', 'semanal', 'pesado', 'pasada', 'pasados', 'pasadas', 'pasando', 'pasaba', 'pagado', 'casado',
  'parado', 'sigas', 'sitar', 'lunas', 'luna', 'martas', 'sabana', 'savia', 'domina', 'quiere', 'quieres', 'quieren',
  'quiera', 'quieto', 'queda', 'quedo', 'necesita', 'necesitas', 'necesitan', 'reservo', 'reservas', 'reservan',
  'agendo', 'agendas', 'agendan', 'cancelo', 'cancelas', 'cambio', 'cambios', 'cambias', 'moves', 'tiene', 'tiendas',
  'tienda', 'tenes', 'tienden', 'turnar', 'turbo', 'hueso', 'huevo', 'huevos', 'hueca', 'espacios', 'gracioso',
  'graciosa', 'mucha', 'mucho', 'muchos', 'ayudo', 'ayudas', 'ayudan', 'favores', 'confirma', 'confirme', 'confirmar',
  'perfecta', 'perfectos', 'tempranos', 'menor', 'menso', 'mensa', 'martes', 'sabados', 'domingos', 'viernes', 'lunes',
  'minuta', 'minutas', 'horario', 'horarios', 'ahorita', 'horita', 'horitas', 'otra', 'otras', 'otro', 'otros', 'tarjeta',
  'tres', 'tren', 'seis', 'sies', 'ocho', 'ocio', 'once', 'doce', 'diez', 'dios', 'tarde', 'madre', 'padre', 'media',
  'medias', 'mediano', 'mediana', 'siguientes', 'proximos', 'proximas', 'pasar', 'pasa', 'paso', 'pase', 'mover',
  'cinco', 'siete', 'nueve', 'trece', 'quince', 'veinte', 'treinta', 'abril', 'enero', 'marzo', 'mayo', 'junio', 'julio',
  'semanas', 'cita', 'citas', 'cuatro', 'cuarto', 'menos', 'hora', 'horas', 'agenda', 'reserva', 'anula', 'anulo',
  'atender', 'entender', 'entiendo', 'tienes', 'tienen', 'vino', 'vine', 'bienes', 'tiernos', 'inviernos', 'invierno',
  'infierno', 'hermanas', 'mananas', 'manera', 'maneras', 'cama', 'mesa', 'masa', 'misa', 'misma', 'mismo', 'fuera',
  'juego', 'juegos', 'luego', 'lugares', 'lugar', 'nada', 'nadie', 'noticia', 'noticias', 'hija', 'hijo', 'hijos',
  'entro', 'entra', 'entras', 'entran', 'mares', 'sabido', 'mazo', 'mario', 'abrir', 'abrio', 'abri', 'agoto', 'meros', 'obras',
  'querida', 'querido', 'ajena', 'ajeno', 'canela', 'angular', 'anual', 'moler', 'cuadro', 'cuadros', 'domino', 'jueces',
  'cuatros', 'tardes', 'quinta', 'quinto', 'medir', 'mide', 'miden', 'cenar', 'cena', 'cenas', 'tenia', 'tenian',
]);
