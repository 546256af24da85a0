import { CLOSED_VOCABULARY, PROTECTED_WORDS, READABLE_STEMS } from './closed-vocabulary.js';
import { boundedEditDistance } from './edit-distance.js';
import { spellingKey } from './spelling-key.js';

/** A misspelled word read as a word of the closed vocabulary. */
export interface SpellingCorrection {
  /** The word as written (normalized). */
  readonly written: string;
  /** The vocabulary word it was read as. */
  readonly read: string;
  /** 0–1: 0.95 when it only sounds the same ("biernes"), lower for each letter added, dropped or swapped. */
  readonly confidence: number;
}

/** Below this, a tolerant match is applied but reported as a doubt, and the assistant asks before acting. */
export const SPELLING_CONFIDENCE_FLOOR = 0.7;

interface Entry {
  readonly word: string;
  readonly key: string;
}

const BY_KEY = new Map<string, string>();
const BY_FIRST_SOUND = new Map<string, Entry[]>();
const AMBIGUOUS_KEYS = new Set<string>();
for (const word of CLOSED_VOCABULARY) {
  const key = spellingKey(word);
  const existing = BY_KEY.get(key);
  if (existing !== undefined && existing !== word) AMBIGUOUS_KEYS.add(key);
  BY_KEY.set(key, word);
  const bucket = BY_FIRST_SOUND.get(key[0] ?? '') ?? [];
  bucket.push({ word, key });
  BY_FIRST_SOUND.set(key[0] ?? '', bucket);
}
const VOCABULARY = new Set(CLOSED_VOCABULARY);

/** The most letters a word may have to be worth matching; longer tokens are not words of the vocabulary. */
const MAX_WORD_LENGTH = 16;

function confidenceFor(distance: number, vocabularyLength: number): number {
  if (distance === 0) return 0.95;
  if (distance === 1) return vocabularyLength >= 6 ? 0.85 : 0.75;
  return 0.6;
}

/** How many edits a key of this length may be away from a vocabulary key. */
function editLimit(keyLength: number): number {
  if (keyLength >= 8) return 2;
  return keyLength >= 4 ? 1 : 0;
}

function lookup(word: string): SpellingCorrection | null {
  if (word.length < 3 || word.length > MAX_WORD_LENGTH || VOCABULARY.has(word) || PROTECTED_WORDS.has(word) || /[^a-z]/.test(word)) {
    return null;
  }
  if (READABLE_STEMS.some((stem) => word.startsWith(stem))) return null;
  const key = spellingKey(word);
  const same = BY_KEY.get(key);
  if (same !== undefined) return AMBIGUOUS_KEYS.has(key) ? null : { written: word, read: same, confidence: confidenceFor(0, same.length) };
  const limit = editLimit(key.length);
  if (limit === 0) return null;
  let best: Entry | null = null;
  let bestDistance = limit + 1;
  let tie = false;
  for (const entry of BY_FIRST_SOUND.get(key[0] ?? '') ?? []) {
    if (entry.key.length < 5 || Math.abs(entry.key.length - key.length) > limit) continue;
    const entryLimit = Math.min(limit, editLimit(entry.key.length));
    const distance = boundedEditDistance(key, entry.key, entryLimit);
    if (distance > entryLimit) continue;
    if (distance < bestDistance) {
      best = entry;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && best !== null && entry.word !== best.word) {
      tie = true;
    }
  }
  if (best === null || tie) return null;
  return { written: word, read: best.word, confidence: confidenceFor(bestDistance, best.word.length) };
}

const CACHE_LIMIT = 5000;
const cache = new Map<string, SpellingCorrection | null>();

/**
 * Reads a misspelled word as the word of the closed vocabulary it stands for, or null when it is fine as it is,
 * is a real word of its own ({@link PROTECTED_WORDS}: "mes", "más", "si", "vienes", "coche"…), starts with a stem
 * the understanding reads in any form ({@link READABLE_STEMS}: "cambiala", "reservamelo"), is shorter than
 * three letters, or is as close to two different vocabulary words. It first compares how words sound
 * ({@link spellingKey}: "sita", "biernes", "savado", "kiero", "nesesito"), then allows one edit on words of four
 * or more sounds ("vierne", "miercole") and two on words of eight or more. Expects a normalized word.
 */
export function matchVocabulary(word: string): SpellingCorrection | null {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const found = lookup(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, found);
  return found;
}
