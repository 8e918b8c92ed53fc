import type { LinkedInStatus } from '../lib/model/linkedin-gate';
import { formatMoment } from './locale-format';

/** What the panel says about a LinkedIn pause, and which actions it offers. */
export interface LinkedInPauseText {
  title: string;
  detail: string;
  /** Resume is offered: LinkedIn work waits for the user (at once, or at the cool-down's end). */
  resume: boolean;
  /** "Clear cool-down" is offered: a cool-down runs. */
  clear: boolean;
}

/**
 * A cool-down or an owed Resume in words, with its end in the reader's locale (a date when it
 * is another day); `undefined` when LinkedIn work is not paused.
 */
export function describeLinkedInPause(
  status: Pick<LinkedInStatus, 'coolDownUntil' | 'resumeNeeded'>,
  now: number,
): LinkedInPauseText | undefined {
  const resume = status.resumeNeeded === true;
  if (status.coolDownUntil && status.coolDownUntil > now) {
    const until = formatMoment(status.coolDownUntil, now);
    return {
      title: `LinkedIn refused requests: LinkedIn work is paused until ${until}.`,
      detail: resume
        ? 'After that, queued LinkedIn work waits for you. Resume now to let it go on when the pause ends.'
        : 'Queued LinkedIn work goes on when the pause ends.',
      resume,
      clear: true,
    };
  }
  if (!resume) return undefined;
  return {
    title: 'LinkedIn refused requests earlier: LinkedIn work waits for you.',
    detail: 'Resume when you want captures and refreshes to go on. If LinkedIn refuses again, the next pause is longer.',
    resume: true,
    clear: false,
  };
}
