import { describe, expect, it } from 'vitest';
import { Population } from '../../fake-linkedin/population';
import { FakeSaber } from '../../fake-saber/fake-saber';
import { controlSite, describeChanges, isoDay, renderControlPage, type ControlFacts } from '../../demo/control-page';

function facts(population = new Population()): ControlFacts {
  const saber = new FakeSaber();
  saber.seedList({ name: 'Board <members> at Monzo', contactCount: 12 });
  return {
    population,
    saber,
    saberKey: 'sk_live_demo_key_0001',
    linkedInToken: 'AQVtoken',
    companyUrl: 'https://www.linkedin.com/company/stripe/',
    searchUrl: 'https://www.linkedin.com/sales/search/people?query=(x)',
  };
}

const get = (path: string) => ({ method: 'GET', url: `https://demo.listwright.test${path}`, headers: {} });
const post = (path: string) => ({ method: 'POST', url: `https://demo.listwright.test${path}`, headers: {} });

describe('the demo control page', () => {
  it('shows the key, the month, the companies, lead lists and Saber lists, escaped', () => {
    const html = renderControlPage(facts());
    expect(html).toContain('<code>sk_live_demo_key_0001</code>');
    expect(html).toContain('Month 0 · 2026-11-02');
    expect(html).toContain('>Stripe</a>');
    expect(html).toContain('Security buyers');
    expect(html).toContain('Board &#60;members&#62; at Monzo');
    expect(html).not.toContain('<members>');
    expect(html).toContain('Move the demo a month on');
    expect(html).not.toContain('Last move');
  });

  it('moves the population a month on for POST /advance, says so, and sends the browser back', async () => {
    const population = new Population();
    const seen: number[] = [];
    const site = controlSite(facts(population), (changes) => seen.push(changes.epoch));
    expect(await site.handle(post('/advance'))).toEqual({ status: 303, headers: { Location: '/' } });
    expect(population.epoch).toBe(1);
    expect(seen).toEqual([1]);
    const page = await site.handle(get('/'));
    expect(page).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    expect('body' in page && page.body).toContain(`Last move: Month 1 (${isoDay(population.date)})`);
  });

  it('answers 405 for the wrong method and 404 elsewhere, changing nothing', async () => {
    const population = new Population();
    const site = controlSite(facts(population));
    expect(await site.handle(get('/advance'))).toMatchObject({ status: 405 });
    expect(await site.handle(post('/'))).toMatchObject({ status: 405 });
    expect(await site.handle(get('/favicon.ico'))).toMatchObject({ status: 404 });
    expect(population.epoch).toBe(0);
  });

  it('describes a month by what changed', () => {
    const population = new Population();
    const changes = population.advance();
    expect(describeChanges(changes, population.date)).toBe(
      `Month 1 (2026-12-02): ${changes.joined.length} people joined, ${changes.moved.length} moved to another company, ` +
        `${changes.vanished.length} left LinkedIn, ${changes.retitled.length} changed title; ${changes.connected.length} new connections.`,
    );
  });
});
