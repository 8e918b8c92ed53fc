import type { BrowserContext } from '@playwright/test';
import { DEFAULT_ACCESS_TOKEN, FakeLinkedIn } from '../fake-linkedin/fake-linkedin';
import { routeFakeLinkedIn, signIn } from '../fake-linkedin/playwright';
import { Population, type EpochChanges, type FakeCompany } from '../fake-linkedin/population';
import { FakeSaber } from '../fake-saber/fake-saber';
import { answerFromFake, routeFakeSaber, SABER_ORIGIN } from '../fake-saber/playwright';
import { seedSampleLists } from '../fake-saber/samples';
import { controlSite } from './control-page';

/**
 * The built-in demo's world: the fake LinkedIn over the realistic population and the fake
 * Saber, the same fakes the end-to-end tests use, served at their real addresses by
 * `context.route`, plus a small control page of the demo's own.
 */

/** The demo's own page: what the demo offers, and the button that moves it a month on. */
export const DEMO_ORIGIN = 'https://demo.listwright.test';
/** The key the demo's Saber accepts; a person pastes it in Settings. */
export const DEMO_SABER_KEY = 'sk_live_listwright_demo_2026';
/** The member token the demo's Contacts API accepts, for the address-book export once it exists. */
export const DEMO_LINKEDIN_TOKEN = DEFAULT_ACCESS_TOKEN;
/** Lists already on the demo's Saber, for a pull to bring in. */
export const DEMO_SABER_LISTS = 3;

export interface DemoWorld {
  population: Population;
  linkedIn: FakeLinkedIn;
  saber: FakeSaber;
}

/** A fresh demo: the same population for the same `epoch`, every run. */
export function createDemoWorld(options: { epoch: number }): DemoWorld {
  const population = new Population({ epoch: options.epoch });
  const linkedIn = new FakeLinkedIn({ population });
  // Saber's documented limit, as `npm run fake-saber` applies it.
  const saber = new FakeSaber({ apiKey: DEMO_SABER_KEY, rateLimit: { limit: 120, windowMs: 60_000 } });
  seedSampleLists(saber, DEMO_SABER_LISTS);
  return { population, linkedIn, saber };
}

/**
 * Answers LinkedIn (www, api, media), Saber's default address and the demo's control page in
 * `context`, and signs the browser in to the fake LinkedIn with its session cookies. The
 * extension itself is left as built: its default Saber base URL is the one faked here.
 */
export async function serveDemo(context: BrowserContext, world: DemoWorld, onAdvance?: (changes: EpochChanges) => void): Promise<void> {
  await routeFakeLinkedIn(context, world.linkedIn);
  await routeFakeSaber(context, world.saber, SABER_ORIGIN);
  const { population, saber } = world;
  const facts = {
    population,
    saber,
    saberKey: DEMO_SABER_KEY,
    linkedInToken: DEMO_LINKEDIN_TOKEN,
    companyUrl: demoCompanyUrl(population),
    searchUrl: demoSearchUrl(population),
  };
  const control = controlSite(facts, onAdvance);
  await context.route(`${DEMO_ORIGIN}/**`, (route) => answerFromFake(route, control));
  await signIn(context, world.linkedIn);
}

function leadCompany(population: Population, slug: string): FakeCompany {
  const company = population.leadCompanies().find((candidate) => candidate.slug === slug);
  if (!company) throw new Error(`The demo population has no company "${slug}"`);
  return company;
}

function countryGeoId(population: Population, countryCode: string): string {
  const geo = population.geos().find((candidate) => candidate.kind === 'country' && candidate.countryCode === countryCode);
  if (!geo) throw new Error(`The demo population has no region for ${countryCode}`);
  return geo.id;
}

/** The company page the demo opens: its address is what "New list" fills in. */
export function demoCompanyUrl(population: Population): string {
  return `https://www.linkedin.com/company/${leadCompany(population, 'stripe').slug}/`;
}

/**
 * The Sales Navigator people search the demo opens, as the address bar keeps one: a Rest.li
 * query (values percent-encoded, then the whole encoded again) for people with "Sales" in their
 * title at Datadog in the United States or France.
 */
export function demoSearchUrl(population: Population): string {
  const datadog = leadCompany(population, 'datadog');
  const value = encodeURIComponent;
  const region = (code: string, name: string) => `(id:${countryGeoId(population, code)},text:${value(name)},selectionType:INCLUDED)`;
  const query =
    '(spellCorrectionEnabled:true,filters:List(' +
    `(type:CURRENT_COMPANY,values:List((id:${value(`urn:li:organization:${datadog.id}`)},text:${value(datadog.name)},selectionType:INCLUDED))),` +
    '(type:CURRENT_TITLE,values:List((text:Sales,selectionType:INCLUDED))),' +
    `(type:REGION,values:List(${region('US', 'United States')},${region('FR', 'France')}))))`;
  return `https://www.linkedin.com/sales/search/people?query=${encodeURIComponent(query)}&sessionId=ZGVtbw%3D%3D`;
}
