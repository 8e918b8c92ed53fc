import { describe, expect, it } from 'vitest';
import { parseSalesNavigatorSearchUrl } from '../../../lib/linkedin/search-url';
import { parseCompanyUrl } from '../../../lib/model/company-url';
import { createDemoWorld, DEMO_SABER_KEY, DEMO_SABER_LISTS, demoCompanyUrl, demoSearchUrl } from '../../demo/world';

describe('the demo world', () => {
  const world = createDemoWorld({ epoch: 0 });

  it('opens a search tab "Use this search" reads as Datadog, "Sales", the United States and France', () => {
    const datadog = world.population.leadCompanies().find((company) => company.slug === 'datadog')!;
    expect(parseSalesNavigatorSearchUrl(demoSearchUrl(world.population))).toMatchObject({
      filters: {
        companyLinkedInUrls: [`https://www.linkedin.com/company/${datadog.id}`],
        jobTitles: ['Sales'],
        countries: ['US', 'FR'],
      },
      unmapped: [],
    });
  });

  it('opens a company page the form fills in', () => {
    expect(parseCompanyUrl(demoCompanyUrl(world.population))?.url).toBe('https://www.linkedin.com/company/stripe');
  });

  it('has a Saber that takes the printed key and holds lists to pull', async () => {
    expect(world.saber.apiKey).toBe(DEMO_SABER_KEY);
    expect(world.saber.allLists()).toHaveLength(DEMO_SABER_LISTS);
    const reply = await world.saber.handle({
      method: 'GET',
      url: 'https://api.saber.app/v1/connectors',
      headers: { authorization: `Bearer ${DEMO_SABER_KEY}` },
    });
    expect(reply).toMatchObject({ status: 200 });
  });

  it('starts the population the months on it is asked for', () => {
    expect(createDemoWorld({ epoch: 2 }).population.epoch).toBe(2);
  });
});
