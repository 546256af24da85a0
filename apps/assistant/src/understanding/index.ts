export type { Intent } from './intent.js';
export { interpret } from './interpret.js';
export type { Doubt, Interpretation } from './interpretation.js';
export type { PartOfDay } from './part-of-day.js';
