import { describe, expect, it } from 'vitest';
import { describeLinkedInPause } from '../../../components/linkedin-pause-text';
import { formatMoment } from '../../../components/locale-format';

const NOW = new Date(2026, 10, 22, 10, 0).getTime();

describe('a LinkedIn pause in words', () => {
  const HOUR = 60 * 60_000;

  it('says when a cool-down ends, with the date when that is another day, and offers Resume until it is given', () => {
    const soon = describeLinkedInPause({ coolDownUntil: NOW + HOUR, resumeNeeded: true }, NOW);
    expect(soon).toMatchObject({ resume: true, clear: true });
    expect(soon?.title).toBe(`LinkedIn refused requests: LinkedIn work is paused until ${formatMoment(NOW + HOUR, NOW)}.`);
    expect(soon?.detail).toMatch(/waits for you/);
    const tomorrow = describeLinkedInPause({ coolDownUntil: NOW + 24 * HOUR }, NOW);
    expect(tomorrow).toMatchObject({ resume: false, clear: true, detail: 'Queued LinkedIn work goes on when the pause ends.' });
    expect(tomorrow?.title).toContain(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(NOW + 24 * HOUR));
  });

  it('offers only Resume once the cool-down is over, and nothing when LinkedIn work is not paused', () => {
    expect(describeLinkedInPause({ resumeNeeded: true }, NOW)).toMatchObject({ resume: true, clear: false });
    expect(describeLinkedInPause({ coolDownUntil: NOW - 1, resumeNeeded: true }, NOW)).toMatchObject({ resume: true, clear: false });
    expect(describeLinkedInPause({}, NOW)).toBeUndefined();
  });
});
