import { z } from 'zod';

/** The optional `time_notes` output field of every tool that takes times. */
export const timeNotesSchema = z
  .array(z.string().describe('One note, starting with the field it is about'))
  .optional()
  .describe('How an ambiguous local time (the clocks going back that night) was read; absent when none was ambiguous');
