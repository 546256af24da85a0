/**
 * A key under which Spanish words that sound alike are equal, so that the usual chat misspellings match their
 * word exactly: b/v ("biernes", "savado"), c/s/z before e/i and s/z anywhere ("sita", "nesesito", "dies"),
 * qu/k/c before a/o/u ("kiero", "kancelar"), g/j before e/i ("ajendar"), a silent h ("ora", "oy"), ll/y,
 * and doubled letters. Expects lower-case, accent-free letters.
 */
export function spellingKey(word: string): string {
  let key = '';
  for (let i = 0; i < word.length; i += 1) {
    const letter = word[i] ?? '';
    const next = word[i + 1] ?? '';
    let sound = letter;
    switch (letter) {
      case 'v':
      case 'w':
        sound = 'b';
        break;
      case 'z':
        sound = 's';
        break;
      case 'c':
        if (next === 'h') {
          sound = 'C';
          i += 1;
        } else sound = next === 'e' || next === 'i' ? 's' : 'k';
        break;
      case 'q':
        sound = 'k';
        if (next === 'u' && (word[i + 2] === 'e' || word[i + 2] === 'i')) i += 1;
        break;
      case 'g':
        if (next === 'e' || next === 'i') sound = 'j';
        else if (next === 'u' && (word[i + 2] === 'e' || word[i + 2] === 'i')) i += 1;
        break;
      case 'h':
        sound = '';
        break;
      case 'l':
        if (next === 'l') {
          sound = 'y';
          i += 1;
        }
        break;
      case 'x':
        sound = 'ks';
        break;
      default:
        break;
    }
    if (sound !== '' && !key.endsWith(sound)) key += sound;
  }
  return key;
}
