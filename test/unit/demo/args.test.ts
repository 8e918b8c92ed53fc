import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DemoUsageError, extensionDirOf, MAX_EPOCH, parseDemoArgs } from '../../demo/args';

const DISPLAY = { DISPLAY: ':0' };

describe('parseDemoArgs', () => {
  it('opens a window when there is a display and nothing else is asked', () => {
    expect(parseDemoArgs([], DISPLAY)).toEqual({ headless: false, epoch: 0, skipBuild: false, help: false });
    expect(parseDemoArgs([], { WAYLAND_DISPLAY: 'wayland-0' }).headless).toBe(false);
  });

  it('runs headless when asked, or when there is no display to open a window on', () => {
    expect(parseDemoArgs(['--headless'], DISPLAY)).toMatchObject({ headless: true, headlessBecause: 'asked' });
    expect(parseDemoArgs([], {})).toMatchObject({ headless: true, headlessBecause: 'noDisplay' });
    expect(parseDemoArgs([], { DISPLAY: '' })).toMatchObject({ headless: true, headlessBecause: 'noDisplay' });
    // Asked for wins over the reason it would have had anyway.
    expect(parseDemoArgs(['--headless'], {})).toMatchObject({ headless: true, headlessBecause: 'asked' });
  });

  it('reads --skip-build, --help and -h', () => {
    expect(parseDemoArgs(['--skip-build'], DISPLAY).skipBuild).toBe(true);
    expect(parseDemoArgs(['--help'], DISPLAY).help).toBe(true);
    expect(parseDemoArgs(['-h'], DISPLAY).help).toBe(true);
  });

  it('takes every whole month from 0 to the maximum, with a space or an equals sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_EPOCH }), fc.boolean(), (epoch, joined) => {
        const argv = joined ? [`--epoch=${epoch}`] : ['--epoch', String(epoch)];
        expect(parseDemoArgs(argv, DISPLAY).epoch).toBe(epoch);
      }),
    );
  });

  it('refuses any other --epoch, naming the option', () => {
    const wholeInRange = /^\d+$/;
    fc.assert(
      fc.property(
        fc.string().filter((text) => !(wholeInRange.test(text) && Number(text) <= MAX_EPOCH)),
        (text) => {
          expect(() => parseDemoArgs([`--epoch=${text}`], DISPLAY)).toThrow(`--epoch must be a whole number from 0 to ${MAX_EPOCH}`);
        },
      ),
    );
    expect(() => parseDemoArgs(['--epoch', '25'], DISPLAY)).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(['--epoch', '1.5'], DISPLAY)).toThrow(DemoUsageError);
  });

  it('refuses unknown options and stray words as usage errors', () => {
    expect(() => parseDemoArgs(['--headed'], DISPLAY)).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(['--headed'], DISPLAY)).toThrow(/--headed/);
    expect(() => parseDemoArgs(['tour'], DISPLAY)).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(['--epoch'], DISPLAY)).toThrow(DemoUsageError);
  });
});

describe('extensionDirOf', () => {
  it('is chrome-mv3 in the folder LISTWRIGHT_OUT_DIR names, as wxt.config.ts reads it, else in .output', () => {
    expect(extensionDirOf('/repo', {})).toBe('/repo/.output/chrome-mv3');
    expect(extensionDirOf('/repo', { LISTWRIGHT_OUT_DIR: '.output-demo' })).toBe('/repo/.output-demo/chrome-mv3');
    expect(extensionDirOf('/repo', { LISTWRIGHT_OUT_DIR: '/tmp/build' })).toBe('/tmp/build/chrome-mv3');
  });
});
