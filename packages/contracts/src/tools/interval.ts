import { z } from 'zod';
import { dateTimeOutput } from './date-time.js';

/** An interval as the calendar tools return it (a free slot or a busy time): start inclusive, end exclusive. */
export const intervalSchema = z
  .object({
    start: dateTimeOutput('Start of the interval (inclusive)'),
    end: dateTimeOutput('End of the interval (exclusive)'),
  })
  .describe('A time interval [start, end) in the calendar time zone');
export type IntervalOut = z.infer<typeof intervalSchema>;
