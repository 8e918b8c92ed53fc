import { readOutcome, type Outcome } from './outcomes';
import { z } from './zod';

/** A stored outcome, checked by the same rule the panel reads it with (`readOutcome`). */
export const outcomeSchema = z.custom<Outcome>((value) => readOutcome(value) !== undefined, {
  message: 'Must be an outcome of this version',
});
