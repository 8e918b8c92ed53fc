import type { FakeSaber } from './fake-saber';

/** Lists someone made on Saber itself, for a pull to bring into the browser. */
const SAMPLES = [
  {
    name: 'Revenue leaders at Stripe',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales', 'CRO'] },
  },
  {
    name: 'Engineering managers at Datadog',
    filters: {
      companyLinkedInUrls: ['https://www.linkedin.com/company/datadog'],
      jobTitles: ['Engineering Manager'],
      countries: ['US', 'FR'],
    },
  },
  {
    name: 'Security at Cloudflare',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/cloudflare'], keywords: 'security' },
  },
];

/**
 * Seeds `count` sample lists on the fake, cycling through three searches; past the third a
 * list's name says which copy it is. Used by `npm run fake-saber` and the built-in demo.
 */
export function seedSampleLists(fake: Pick<FakeSaber, 'seedList'>, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const sample = SAMPLES[i % SAMPLES.length]!;
    fake.seedList({ name: i < SAMPLES.length ? sample.name : `${sample.name} (${i + 1})`, filters: sample.filters });
  }
}
