import { certainGeoId, fallbackGeoId, geoQueryName } from '../../lib/linkedin/geo';
import { listCountries, toCountryCode } from '../../lib/model/countries';
import {
  ENGINEERING_ROLES,
  FOUNDER_ROLES,
  GO_TO_MARKET_ROLES,
  NAME_POOLS,
  PRODUCT_ROLES,
  type NamePool,
  type RoleSpec,
} from '../fixtures/panel/people';

/**
 * The people behind the fake LinkedIn: a deterministic population (seeded PRNG, never
 * `Math.random`) of leads at a few companies, the viewer's connections and address book, and
 * their saved lead lists. `advance()` moves it one epoch (a month) on: people leave, join and
 * change title, and the viewer makes a few connections, so a refreshed list has something to show.
 *
 * Records are plain data close to what LinkedIn sends; `fake-linkedin.ts` turns them into answers.
 */

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a over a string: stable 32-bit seeds from labels such as `7:lead:stripe:12`. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** mulberry32 with a mixed seed: nearby seeds must not start alike. */
class Rng {
  private state: number;

  constructor(seed: number) {
    let state = Math.imul(seed ^ (seed >>> 16), 0x85ebca6b);
    state = Math.imul(state ^ (state >>> 13), 0xc2b2ae35);
    this.state = (state ^ (state >>> 16)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `entries`, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const sum = entries.reduce((total, [, weight]) => total + weight, 0);
    let left = this.next() * sum;
    for (const [item, weight] of entries) {
      left -= weight;
      if (left < 0) return item;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  token(length: number, alphabet = BASE64URL): string {
    const chars = new Array<string>(length);
    for (let i = 0; i < length; i += 1) chars[i] = alphabet[Math.floor(this.next() * alphabet.length)]!;
    return chars.join('');
  }
}

/** A generator for one purpose: the same labels always give the same draws, whatever came before. */
export function rngFor(...labels: (string | number)[]): Rng {
  return new Rng(hashText(labels.join(':')));
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

export interface YearMonth {
  year: number;
  /** 1..12 */
  month: number;
}

export interface Tenure {
  numYears?: number;
  numMonths?: number;
}

export interface FakeCompany {
  /** The organization id (`urn:li:organization:<id>`, `urn:li:fs_salesCompany:<id>`). */
  id: string;
  /** The company page's `universalName`: `https://www.linkedin.com/company/<slug>`. */
  slug: string;
  name: string;
  industry: string;
  headquarters: string;
  /** Work e-mail domain; under the reserved `.example` TLD, so no address can be anyone's. */
  domain: string;
  staffCount: number;
}

export interface FakePosition {
  title: string;
  companyId: string;
  companyName: string;
  posId: number;
  /** When the person took this title. */
  startedOn: YearMonth;
  /** When the person joined the company. */
  companyStartedOn: YearMonth;
  tenureAtPosition: Tenure;
  tenureAtCompany: Tenure;
}

export interface FakeArtifact {
  width: number;
  height: number;
  fileIdentifyingUrlPathSegment: string;
}

/** A profile photo as LinkedIn's vector images describe it; its URLs expire (`e=`) and change. */
export interface FakePhoto {
  rootUrl: string;
  /** The digital media asset id (`urn:li:digitalmediaAsset:<asset>`). */
  asset: string;
  /** Epoch ms the photo was uploaded; part of every artifact's path. */
  uploadedAt: number;
  /** Epoch ms at which the artifact URLs stop working. */
  expiresAt: number;
  /** The population date the URLs were signed at. */
  signedAt: number;
  artifacts: FakeArtifact[];
}

export type RoleFamily = 'gtm' | 'eng' | 'product' | 'founder';

export interface FakePerson {
  /** `urn:li:member:<memberId>`: the same person in every search, list and epoch. */
  memberId: number;
  /** `ACwAA…`: the Sales Navigator profile id (first part of `entityUrn`, lead-page links). */
  salesProfileId: string;
  /** Third part of `entityUrn`. */
  salesAuthToken: string;
  /** `ACoAA…`: the Voyager profile id (`urn:li:fsd_profile:<profileId>`). */
  profileId: string;
  /** The `/in/<publicIdentifier>` vanity name; may be non-Latin, as LinkedIn's can. */
  publicIdentifier: string;
  firstName: string;
  lastName: string;
  fullName: string;
  countryCode?: string;
  /** Sales Navigator's location text, e.g. "Paris, Île-de-France, France". */
  geoRegion: string;
  summary?: string;
  /** The Voyager profile headline (search results have none). */
  headline: string;
  photo?: FakePhoto;
  /** Current positions, the main one first. */
  positions: FakePosition[];
  family: RoleFamily;
  premium: boolean;
  openLink: boolean;
  viewed: boolean;
  /** Network distance when not a connection. */
  distance: 2 | 3;
  /** False once the member has left LinkedIn: found nowhere. */
  active: boolean;
}

export interface FakeConnection {
  person: FakePerson;
  /** Epoch ms. */
  connectedAt: number;
}

/** One address-book contact as the Contacts API's `result~.contacts[]` has it. */
export interface FakeAddressEntry {
  emailAddress: string;
  name: string;
  phoneNumber?: { number: string };
}

export interface FakeLeadList {
  id: string;
  name: string;
  entityCount: number;
  /** Epoch ms. */
  lastModifiedAt: number;
  listSource: string;
}

export interface FakeGeo {
  id: string;
  displayValue: string;
  countryCode: string;
  kind: 'country' | 'city';
}

/** A lead search's filters, as decoded from its Rest.li query. */
export interface LeadCriteria {
  companyIds: readonly string[];
  excludedCompanyIds: readonly string[];
  titles: readonly string[];
  excludedTitles: readonly string[];
  regionIds: readonly string[];
  keywords?: string;
  leadListId?: string;
}

/** The matches of one search, in LinkedIn's order. */
export interface LeadMatches {
  total: number;
  page(start: number, count: number): FakePerson[];
}

/** What the fake LinkedIn answers from: the realistic population, or the numbered one of the e2e tests. */
export interface FakeWorld {
  /** Epoch ms "now" for this world. */
  readonly date: number;
  companies(): readonly FakeCompany[];
  geos(): readonly FakeGeo[];
  search(criteria: LeadCriteria): LeadMatches;
  leadLists(): FakeLeadList[];
  /** Degree and lead-list count of a lead, as search results show them. */
  relationOf(person: FakePerson): { degree: number; listCount: number };
  /** The viewer's connections, newest first. */
  connections(): FakeConnection[];
  addressBook(): FakeAddressEntry[];
}

// ---------------------------------------------------------------------------------------------
// Companies, places, words
// ---------------------------------------------------------------------------------------------

interface CompanyProfile extends FakeCompany {
  /** Share of the population's leads. */
  weight: number;
  families: Readonly<Partial<Record<RoleFamily, number>>>;
  countries: Readonly<Record<string, number>>;
}

// Organization ids are invented, except Stripe's, which the end-to-end tests have always used.
const LEAD_COMPANIES: readonly CompanyProfile[] = [
  {
    id: '2135371',
    slug: 'stripe',
    name: 'Stripe',
    industry: 'Financial Services',
    headquarters: 'South San Francisco, California',
    domain: 'stripe.example',
    staffCount: 10400,
    weight: 22,
    families: { gtm: 55, eng: 30, product: 15 },
    countries: { US: 45, IE: 12, GB: 10, FR: 5, DE: 5, SG: 6, JP: 4, IN: 5, BR: 3, AU: 5 },
  },
  {
    id: '1066442',
    slug: 'datadog',
    name: 'Datadog',
    industry: 'Software Development',
    headquarters: 'New York, New York',
    domain: 'datadog.example',
    staffCount: 8100,
    weight: 17,
    families: { gtm: 50, eng: 35, product: 15 },
    countries: { US: 50, FR: 20, GB: 6, IE: 5, DE: 4, JP: 4, SG: 3, AU: 4, BR: 2, ES: 2 },
  },
  {
    id: '3650502',
    slug: 'figma',
    name: 'Figma',
    industry: 'Software Development',
    headquarters: 'San Francisco, California',
    domain: 'figma.example',
    staffCount: 1900,
    weight: 10,
    families: { product: 50, eng: 30, gtm: 20 },
    countries: { US: 60, GB: 10, FR: 4, DE: 4, JP: 6, SG: 4, AU: 4, CA: 4, IN: 4 },
  },
  {
    id: '3653845',
    slug: 'snowflake-computing',
    name: 'Snowflake',
    industry: 'Software Development',
    headquarters: 'Bozeman, Montana',
    domain: 'snowflake.example',
    staffCount: 7800,
    weight: 15,
    families: { eng: 45, gtm: 40, product: 15 },
    countries: { US: 50, PL: 12, DE: 8, GB: 8, IN: 8, AU: 5, JP: 4, SE: 3, CA: 2 },
  },
  {
    id: '407222',
    slug: 'cloudflare',
    name: 'Cloudflare',
    industry: 'Computer and Network Security',
    headquarters: 'San Francisco, California',
    domain: 'cloudflare.example',
    staffCount: 4400,
    weight: 13,
    families: { eng: 55, gtm: 35, product: 10 },
    countries: { US: 40, GB: 15, SG: 10, AU: 5, DE: 5, FR: 5, CN: 5, IN: 5, KR: 3, JP: 4, HK: 3 },
  },
  {
    id: '9001001',
    slug: 'globex',
    name: 'Globex Corporation',
    industry: 'IT Services and IT Consulting',
    headquarters: 'Cypress Creek, Oregon',
    domain: 'globex.example',
    staffCount: 52000,
    weight: 9,
    families: { gtm: 50, eng: 30, product: 20 },
    countries: { US: 30, DE: 10, GR: 6, TR: 6, AE: 8, SA: 5, IL: 6, IN: 8, VN: 4, TH: 4, NG: 5, KE: 4, GH: 4, CY: 2, GE: 2 },
  },
  {
    id: '5043298',
    slug: 'monzo-bank',
    name: 'Monzo',
    industry: 'Banking',
    headquarters: 'London, England',
    domain: 'monzo.example',
    staffCount: 3900,
    weight: 7,
    families: { gtm: 40, eng: 40, product: 20 },
    countries: { GB: 70, IE: 10, ES: 5, PL: 5, IN: 5, NG: 5 },
  },
  {
    id: '270071',
    slug: 'klarna',
    name: 'Klarna',
    industry: 'Financial Services',
    headquarters: 'Stockholm, Sweden',
    domain: 'klarna.example',
    staffCount: 5200,
    weight: 7,
    families: { gtm: 45, eng: 35, product: 20 },
    countries: { SE: 60, DE: 10, GB: 8, US: 8, DK: 5, NO: 4, PL: 5 },
  },
];

/** Where the viewer's other connections work: fictional, outside the searched companies. */
const OTHER_COMPANIES: readonly FakeCompany[] = [
  ['5550001', 'analytical-engines', 'Analytical Engines Ltd', 'Software Development', 'London, England'],
  ['5550002', 'initech', 'Initech', 'IT Services and IT Consulting', 'Austin, Texas'],
  ['5550003', 'hooli', 'Hooli', 'Technology, Information and Internet', 'Palo Alto, California'],
  ['5550004', 'pied-piper', 'Pied Piper', 'Software Development', 'Palo Alto, California'],
  ['5550005', 'vandelay-industries', 'Vandelay Industries', 'Import and Export', 'New York, New York'],
  ['5550006', 'massive-dynamic', 'Massive Dynamic', 'Research Services', 'Boston, Massachusetts'],
  ['5550007', 'wonka-industries', 'Wonka Industries', 'Food and Beverage Manufacturing', 'Birmingham, England'],
  ['5550008', 'acme-corporation', 'Acme Corporation', 'Manufacturing', 'Phoenix, Arizona'],
  ['5550009', 'soylent', 'Soylent', 'Food and Beverage Services', 'Los Angeles, California'],
  ['5550010', 'nakatomi-trading', 'Nakatomi Trading', 'Financial Services', 'Tokyo, Japan'],
  ['5550011', 'oceanic-airlines', 'Oceanic Airlines', 'Airlines and Aviation', 'Sydney, New South Wales'],
  ['5550012', 'blue-sun', 'Blue Sun Corporation', 'Retail', 'Singapore'],
].map(([id, slug, name, industry, headquarters]) => ({
  id: id!,
  slug: slug!,
  name: name!,
  industry: industry!,
  headquarters: headquarters!,
  domain: `${slug}.example`,
  staffCount: 0,
}));

const COMPANIES_BY_ID: ReadonlyMap<string, FakeCompany> = new Map(
  [...LEAD_COMPANIES, ...OTHER_COMPANIES].map((company) => [company.id, company]),
);

/** A company of the fake's tables by organization id. */
export function knownCompany(id: string): FakeCompany | undefined {
  return COMPANIES_BY_ID.get(id);
}

const OTHER_COUNTRIES: Readonly<Record<string, number>> = {
  US: 30,
  GB: 10,
  FR: 6,
  DE: 6,
  IN: 8,
  IE: 3,
  ES: 3,
  PL: 2,
  SE: 2,
  JP: 3,
  KR: 2,
  CN: 2,
  SG: 3,
  BR: 4,
  NG: 3,
  KE: 2,
  AE: 2,
  IL: 2,
  AU: 3,
  CA: 3,
  NZ: 1,
};

const FAMILY_ROLES: Readonly<Record<RoleFamily, readonly RoleSpec[]>> = {
  gtm: GO_TO_MARKET_ROLES,
  eng: ENGINEERING_ROLES,
  product: PRODUCT_ROLES,
  founder: FOUNDER_ROLES,
};

const SUMMARIES: Readonly<Record<RoleFamily, readonly string[]>> = {
  gtm: [
    'Building revenue teams across EMEA.',
    'Enterprise sales for payments and fintech platforms.',
    'Scaling go-to-market from first hire to IPO.',
    'Helping enterprise customers modernise their payments stack.',
    'Partnerships, channel sales and alliances.',
    'Revenue operations, forecasting and sales tooling.',
    'New business in financial services and the public sector.',
  ],
  eng: [
    'Zero trust networking, security engineering and incident response.',
    'Distributed systems, observability and reliability at scale.',
    'Platform engineering: Kubernetes, CI/CD and developer experience.',
    'Data infrastructure, query engines and storage.',
    'Application security and threat modelling.',
    'Payments infrastructure and ledgers that never lose a cent.',
  ],
  product: [
    'Design systems and product craft.',
    'Product discovery, user research and growth.',
    'Collaborative design tools for product teams.',
    'Making complex enterprise workflows simple.',
    'Accessibility and inclusive design.',
  ],
  founder: [
    'Founder. Building the future of payments.',
    'Second-time founder; angel investor in developer tools.',
    'Investing in seed-stage enterprise software.',
  ],
};

/** A few summaries in the lead's own language, for the countries that have one. */
const LOCAL_SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  FR: ['Développement commercial grands comptes en France et au Benelux.', 'Ingénierie de plateformes et fiabilité.'],
  DE: ['Vertrieb für Großkunden in der DACH-Region.', 'Plattform-Engineering und Sicherheit.'],
  ES: ['Ventas enterprise para España y Portugal.'],
  JP: ['エンタープライズ営業とパートナーシップ。', 'プラットフォームエンジニアリング。'],
  BR: ['Vendas enterprise para o mercado brasileiro.'],
  AE: ['تطوير الأعمال في منطقة الشرق الأوسط.'],
  KR: ['엔터프라이즈 영업 및 파트너십.'],
};

const ADVISOR_TITLES = ['Advisor', 'Board Member', 'Angel Investor', 'Mentor'];

const PERSONAL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example'];

/** Country calling codes, for address-book phone numbers. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1',
  CA: '1',
  GB: '44',
  IE: '353',
  FR: '33',
  DE: '49',
  ES: '34',
  PL: '48',
  SE: '46',
  DK: '45',
  NO: '47',
  CY: '357',
  GE: '995',
  GR: '30',
  AE: '971',
  SA: '966',
  IL: '972',
  SG: '65',
  CN: '86',
  HK: '852',
  JP: '81',
  KR: '82',
  IN: '91',
  VN: '84',
  TH: '66',
  TR: '90',
  BR: '55',
  NG: '234',
  KE: '254',
  GH: '233',
  AU: '61',
  NZ: '64',
};

/** Location strings whose last part is not a country name the country table knows. */
const LOCATION_COUNTRY_OVERRIDES: Readonly<Record<string, string>> = { 'Hong Kong SAR': 'HK' };

/** The country a location string names (its last comma-separated part), if any. */
function countryOfLocation(location: string): string | undefined {
  const last = location.split(',').at(-1)?.trim() ?? '';
  return LOCATION_COUNTRY_OVERRIDES[last] ?? toCountryCode(last);
}

interface Place {
  location: string;
  countryCode: string;
}

let places: { byCountry: Map<string, Place[]>; pools: Map<string, NamePool[]> } | undefined;

/** Every location of the name pools, by country, and the pools native to each country. */
function placeTable() {
  if (places) return places;
  const byCountry = new Map<string, Place[]>();
  const pools = new Map<string, NamePool[]>();
  for (const pool of NAME_POOLS) {
    for (const location of pool.locations) {
      const countryCode = countryOfLocation(location);
      if (!countryCode) throw new Error(`No country for the pool location "${location}"`);
      const list = byCountry.get(countryCode) ?? [];
      if (!list.some((place) => place.location === location)) list.push({ location, countryCode });
      byCountry.set(countryCode, list);
      const native = pools.get(countryCode) ?? [];
      if (!native.includes(pool)) native.push(pool);
      pools.set(countryCode, native);
    }
  }
  places = { byCountry, pools };
  return places;
}

interface GeoTable {
  list: readonly FakeGeo[];
  byCountry: ReadonlyMap<string, FakeGeo>;
  byLocation: ReadonlyMap<string, FakeGeo>;
}

let geoTable: GeoTable | undefined;

/**
 * LinkedIn geographies the fake knows: every country, with the id of the extension's own
 * tables where they have one (so the `REGION` filter it builds finds people) and an invented,
 * stable id otherwise, which the `BING_GEO` typeahead then answers; and every city of the pools.
 */
export function fakeGeos(): GeoTable {
  if (geoTable) return geoTable;
  const used = new Set<string>();
  const codes = listCountries()
    .map((country) => country.code)
    .sort();
  for (const code of codes) {
    const known = certainGeoId(code) ?? fallbackGeoId(code);
    if (known) used.add(known);
  }
  const invent = (label: string): string => {
    let id = 100_000_000 + (hashText(`geo:${label}`) % 8_000_000);
    while (used.has(String(id))) id += 1;
    used.add(String(id));
    return String(id);
  };
  const list: FakeGeo[] = [];
  const byCountry = new Map<string, FakeGeo>();
  for (const code of codes) {
    const geo: FakeGeo = {
      id: certainGeoId(code) ?? fallbackGeoId(code) ?? invent(code),
      displayValue: geoQueryName(code),
      countryCode: code,
      kind: 'country',
    };
    list.push(geo);
    byCountry.set(code, geo);
  }
  const byLocation = new Map<string, FakeGeo>();
  const { byCountry: placesByCountry } = placeTable();
  const locations = [...placesByCountry.values()].flat().sort((a, b) => (a.location < b.location ? -1 : 1));
  for (const place of locations) {
    // A location that is the country itself ("Singapore") is that country's geo.
    const country = byCountry.get(place.countryCode)!;
    if (place.location === country.displayValue) {
      byLocation.set(place.location, country);
      continue;
    }
    const geo: FakeGeo = { id: invent(place.location), displayValue: place.location, countryCode: place.countryCode, kind: 'city' };
    list.push(geo);
    byLocation.set(place.location, geo);
  }
  geoTable = { list, byCountry, byLocation };
  return geoTable;
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** Words for matching: accents dropped, lower case, runs of letters and digits in any script. */
export function searchTokens(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const tokenCache = new WeakMap<object, string[][]>();

/** A person's words for keywords (names, summary) and a position's title words, computed once. */
function cachedTokens(key: object, compute: () => string[][]): string[][] {
  let tokens = tokenCache.get(key);
  if (!tokens) {
    tokens = compute();
    tokenCache.set(key, tokens);
  }
  return tokens;
}

function titleTokens(position: FakePosition): string[] {
  return cachedTokens(position, () => [searchTokens(position.title)])[0]!;
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length) return false;
  for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    if (needle.every((token, j) => haystack[i + j] === token)) return true;
  }
  return false;
}

/** Keyword terms: quoted phrases stay together, everything else is one word per term. */
function keywordTerms(keywords: string): string[][] {
  const terms: string[][] = [];
  for (const match of keywords.matchAll(/"([^"]*)"|(\S+)/g)) {
    const tokens = searchTokens(match[1] ?? match[2] ?? '');
    if (tokens.length) terms.push(tokens);
  }
  return terms;
}

/**
 * Sales Navigator's keywords, simplified: every term must appear in the lead's name, a
 * current title or the summary.
 */
function keywordsMatch(person: FakePerson, keywords: string): boolean {
  const fields = [
    ...cachedTokens(person, () => [
      searchTokens(`${person.firstName} ${person.lastName}`),
      searchTokens(person.fullName),
      searchTokens(person.summary ?? ''),
    ]),
    ...person.positions.map(titleTokens),
  ];
  return keywordTerms(keywords).every((term) => fields.some((field) => containsRun(field, term)));
}

/** A search's filters as a test of one person (the lead list aside): every filter given must hold. */
function matcherFor(criteria: LeadCriteria): (person: FakePerson) => boolean {
  const companies = new Set(criteria.companyIds);
  const excluded = new Set(criteria.excludedCompanyIds);
  const titles = criteria.titles.map(searchTokens);
  const excludedTitles = criteria.excludedTitles.map(searchTokens);
  const regions = new Set(criteria.regionIds);
  return (person) => {
    if (!person.active) return false;
    if (person.positions.some((position) => excluded.has(position.companyId))) return false;
    const titled = (title: string[]) => person.positions.some((position) => containsRun(titleTokens(position), title));
    if (excludedTitles.some(titled)) return false;
    // Company and title must hold for the same current position.
    const position = person.positions.some(
      (candidate) =>
        (!companies.size || companies.has(candidate.companyId)) &&
        (!titles.length || titles.some((title) => containsRun(titleTokens(candidate), title))),
    );
    if (!position) return false;
    if (regions.size && !regionIds(person).some((id) => regions.has(id))) return false;
    return !criteria.keywords || keywordsMatch(person, criteria.keywords);
  };
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
/** Epoch 0's "now". */
export const POPULATION_START = Date.parse('2026-11-02T09:00:00Z');
/** One epoch is a month. */
export const EPOCH_MS = 30 * DAY_MS;

function yearMonth(ms: number): YearMonth {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

function monthsBefore(ms: number, months: number): YearMonth {
  const date = new Date(ms);
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  return yearMonth(date.getTime());
}

function tenureSince(start: YearMonth, now: number): Tenure {
  const here = yearMonth(now);
  const months = Math.max(0, here.year * 12 + here.month - (start.year * 12 + start.month));
  return { numYears: Math.floor(months / 12), numMonths: months % 12 };
}

// ---------------------------------------------------------------------------------------------
// Names and identifiers
// ---------------------------------------------------------------------------------------------

const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  đ: 'd',
  ı: 'i',
  '’': '',
};

/** A name in ASCII for vanity names and e-mails; empty when it has no Latin letters. */
function asciiSlug(name: string): string {
  return name
    .replace(/[łŁøØßæÆđı’]/g, (char) => LATIN_EXTRAS[char] ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function unicodeSlug(name: string): string {
  return name.toLowerCase().trim().replace(/\s+/g, '-');
}

interface Identity {
  firstName: string;
  lastName: string;
  fullName: string;
}

function drawName(rng: Rng, countryCode: string): Identity {
  const { pools } = placeTable();
  const native = pools.get(countryCode);
  // Most people carry a name from the country they live in; the rest from anywhere.
  const pool = native?.length && rng.chance(0.75) ? rng.pick(native) : rng.pick(NAME_POOLS);
  const firstName = rng.pick(pool.first);
  const lastName = rng.pick(pool.last);
  return { firstName, lastName, fullName: pool.familyFirst ? `${lastName}${firstName}` : `${firstName} ${lastName}` };
}

function drawPlace(rng: Rng, countries: Readonly<Record<string, number>>): Place {
  const { byCountry } = placeTable();
  const code = rng.weighted(Object.entries(countries));
  const options = byCountry.get(code);
  if (!options?.length) throw new Error(`No location for ${code} in the name pools`);
  return rng.pick(options);
}

function drawRole(rng: Rng, family: RoleFamily): RoleSpec {
  const roles = FAMILY_ROLES[family];
  // Lists run from the most senior title down; juniors are more numerous.
  return rng.weighted(roles.map((role, index) => [role, index + 1] as const));
}

function headlineOf(rng: Rng, title: string, company: string, summary: string | undefined): string {
  const style = rng.next();
  if (style < 0.6) return `${title} at ${company}`;
  if (style < 0.8 || !summary) return `${title} @ ${company}`;
  return `${title} | ${summary.replace(/\.$/, '')}`;
}

function photoFor(asset: string, uploadedAt: number, now: number): FakePhoto {
  // LinkedIn signs photo URLs for about two months; each new answer carries fresh tokens.
  const expires = Math.floor(now / 1000) + 60 * 24 * 60 * 60;
  const signature = rngFor('photo', asset, now).token(64);
  return {
    rootUrl: `https://media.licdn.com/dms/image/v2/${asset}/profile-displayphoto-shrink_`,
    asset,
    uploadedAt,
    expiresAt: expires * 1000,
    signedAt: now,
    artifacts: [100, 200, 400, 800].map((size, index) => ({
      width: size,
      height: size,
      fileIdentifyingUrlPathSegment:
        `${size}_${size}/profile-displayphoto-shrink_${size}_${size}/0/${uploadedAt}` +
        `?e=${expires}&v=beta&t=${signature.slice(index * 7, index * 7 + 43)}`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The realistic population
// ---------------------------------------------------------------------------------------------

export interface PopulationOptions {
  /** Same seed, same population. Default 1. */
  seed?: number;
  /** Leads at the searched companies at epoch 0. Default 3,000. */
  leads?: number;
  /** The viewer's connections at epoch 0. Default 500. */
  connections?: number;
  /** Address-book contacts at epoch 0. Default 200. */
  addressBook?: number;
  /** Start this many epochs on (the same as calling `advance()` that many times). Default 0. */
  epoch?: number;
}

/** What one `advance()` changed. */
export interface EpochChanges {
  epoch: number;
  joined: { memberId: number; companyId: string }[];
  moved: { memberId: number; from: string; to: string; title: string }[];
  vanished: { memberId: number; from: string }[];
  retitled: { memberId: number; companyId: string; from: string; to: string }[];
  connected: number[];
}

/** Fractions of a company's people that leave, join and change title in one epoch. */
export const EPOCH_RATES = { leave: 0.05, join: 0.05, retitle: 0.05 } as const;
/** Of those who leave, the share who go to another company of the population; the rest vanish. */
const MOVE_SHARE = 0.8;
/** Share of the viewer's connections who are also leads at the searched companies. */
const CONNECTED_LEADS_SHARE = 0.3;
/** Share of connections whose e-mail (and phone) the address book holds. */
const EMAIL_SHARE = 0.25;
const PHONE_SHARE = 0.1;

interface ConnectionRecord {
  memberId: number;
  connectedAt: number;
  email?: string;
  phone?: string;
}

interface StoredLeadList {
  id: string;
  name: string;
  memberIds: number[];
  lastModifiedAt: number;
  listSource: string;
}

/** Splits `total` by weights, every part whole, the parts summing to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * The realistic population: about 3,000 leads at eight companies in some thirty countries, with
 * names in a dozen scripts; 500 connections (a third of them leads), an address book of about
 * 200, a few saved lead lists. Everything follows from the seed and the epoch.
 */
export class Population implements FakeWorld {
  readonly seed: number;
  private epochNumber = 0;
  private now = POPULATION_START;
  private readonly people = new Map<number, FakePerson>();
  private readonly connectionRecords: ConnectionRecord[] = [];
  private readonly imported: FakeAddressEntry[] = [];
  private readonly lists: StoredLeadList[] = [];
  private readonly publicIds = new Set<string>();
  private readonly ranks = new Map<number, number>();
  /** Active people by member id, then in rank order; dropped whenever someone joins or leaves. */
  private active: { byId: FakePerson[]; ranked: FakePerson[] } | undefined;
  private nextPosId = 2_100_000_000;
  private changes: EpochChanges | undefined;
  private readonly connectionCount: number;

  constructor(options: PopulationOptions = {}) {
    this.seed = options.seed ?? 1;
    const leads = options.leads ?? 3000;
    this.connectionCount = options.connections ?? 500;
    const counts = apportion(
      leads,
      LEAD_COMPANIES.map((company) => company.weight),
    );
    LEAD_COMPANIES.forEach((company, c) => {
      for (let k = 0; k < counts[c]!; k += 1) {
        // The first two of each company are its founders.
        const family = k < 2 ? 'founder' : undefined;
        this.addPerson(rngFor(this.seed, 'lead', company.slug, k), company, { family, founderIndex: k });
      }
    });
    this.connectInitially(rngFor(this.seed, 'network'));
    this.importContacts(options.addressBook ?? 200);
    this.createLeadLists(rngFor(this.seed, 'lead-lists'));
    this.refresh();
    for (let i = 0; i < (options.epoch ?? 0); i += 1) this.advance();
  }

  get epoch(): number {
    return this.epochNumber;
  }

  get date(): number {
    return this.now;
  }

  /** What the last `advance()` changed; `undefined` at the epoch the population was made. */
  get lastChanges(): EpochChanges | undefined {
    return this.changes;
  }

  companies(): readonly FakeCompany[] {
    return [...LEAD_COMPANIES, ...OTHER_COMPANIES];
  }

  /** The companies whose people are the leads. */
  leadCompanies(): readonly FakeCompany[] {
    return LEAD_COMPANIES;
  }

  geos(): readonly FakeGeo[] {
    return fakeGeos().list;
  }

  /** Everyone still on LinkedIn, leads and the viewer's other connections alike, by member id. */
  activePeople(): FakePerson[] {
    return [...this.activeLists().byId];
  }

  private activeLists(): { byId: FakePerson[]; ranked: FakePerson[] } {
    if (!this.active) {
      const byId = [...this.people.values()].filter((person) => person.active).sort((a, b) => a.memberId - b.memberId);
      const ranked = [...byId].sort((a, b) => this.rank(a) - this.rank(b) || a.memberId - b.memberId);
      this.active = { byId, ranked };
    }
    return this.active;
  }

  /** People whose main position is at this company. */
  staffOf(companyId: string): FakePerson[] {
    return this.activeLists().byId.filter((person) => person.positions[0]?.companyId === companyId);
  }

  /** A member still on LinkedIn. */
  person(memberId: number): FakePerson | undefined {
    const person = this.people.get(memberId);
    return person?.active ? person : undefined;
  }

  search(criteria: LeadCriteria): LeadMatches {
    let candidates: FakePerson[];
    if (criteria.leadListId !== undefined) {
      const list = this.lists.find((candidate) => candidate.id === criteria.leadListId);
      candidates = (list?.memberIds ?? []).map((id) => this.person(id)).filter((person): person is FakePerson => !!person);
    } else {
      // LinkedIn's relevance order, stood in for by a stable hash: joiners land anywhere.
      candidates = this.activeLists().ranked;
    }
    const matches = candidates.filter(matcherFor(criteria));
    return { total: matches.length, page: (start, count) => matches.slice(start, start + Math.max(0, count)) };
  }

  leadLists(): FakeLeadList[] {
    return this.lists.map((list) => ({
      id: list.id,
      name: list.name,
      entityCount: list.memberIds.filter((id) => this.person(id)).length,
      lastModifiedAt: list.lastModifiedAt,
      listSource: list.listSource,
    }));
  }

  relationOf(person: FakePerson): { degree: number; listCount: number } {
    const connected = this.connectionRecords.some((record) => record.memberId === person.memberId);
    return {
      degree: connected ? 1 : person.distance,
      listCount: this.lists.filter((list) => list.memberIds.includes(person.memberId)).length,
    };
  }

  connections(): FakeConnection[] {
    return this.connectionRecords
      .map((record) => ({ person: this.person(record.memberId), connectedAt: record.connectedAt }))
      .filter((entry): entry is FakeConnection => !!entry.person)
      .sort((a, b) => b.connectedAt - a.connectedAt || a.person.memberId - b.person.memberId);
  }

  addressBook(): FakeAddressEntry[] {
    const fromConnections = this.connectionRecords
      .filter((record) => (record.email || record.phone) && this.person(record.memberId))
      .map((record) => ({
        emailAddress: record.email ?? '',
        name: this.person(record.memberId)!.fullName,
        ...(record.phone ? { phoneNumber: { number: record.phone } } : {}),
      }));
    return [...fromConnections, ...this.imported].sort(
      (a, b) => a.name.localeCompare(b.name, 'en') || a.emailAddress.localeCompare(b.emailAddress, 'en'),
    );
  }

  /**
   * Moves the population one epoch (30 days) on. At each searched company, counted at the start
   * of the epoch: 5 % of its people leave (80 % of them to another company of the population,
   * with a new title and the same member URN; the rest leave LinkedIn and are found nowhere), 5 %
   * join, and 5 % of those who stay change title. About 1 % of the connections' count are new.
   */
  advance(): EpochChanges {
    this.epochNumber += 1;
    this.now += EPOCH_MS;
    const epoch = this.epochNumber;
    const rng = rngFor(this.seed, 'epoch', epoch);
    const changes: EpochChanges = { epoch, joined: [], moved: [], vanished: [], retitled: [], connected: [] };
    const month = yearMonth(this.now);

    const plans = LEAD_COMPANIES.map((company) => {
      const staff = rng.shuffle(this.staffOf(company.id));
      const leave = Math.round(staff.length * EPOCH_RATES.leave);
      const retitle = Math.round(staff.length * EPOCH_RATES.retitle);
      return {
        company,
        leavers: staff.slice(0, leave),
        // Founders keep their titles.
        retitled: staff
          .slice(leave)
          .filter((person) => person.family !== 'founder')
          .slice(0, retitle),
        joiners: Math.round(staff.length * EPOCH_RATES.join),
      };
    });
    for (const { company, leavers, retitled } of plans) {
      for (const person of leavers) {
        if (rng.chance(MOVE_SHARE)) {
          const others = LEAD_COMPANIES.filter((candidate) => candidate.id !== company.id);
          const target = rng.weighted(others.map((candidate) => [candidate, candidate.weight] as const));
          const family = rng.weighted(Object.entries(target.families) as [RoleFamily, number][]);
          const role = drawRole(rng, family);
          person.family = family;
          person.positions[0] = this.position(role.title, target, month, month);
          person.headline = headlineOf(rng, role.title, target.name, person.summary);
          changes.moved.push({ memberId: person.memberId, from: company.id, to: target.id, title: role.title });
        } else {
          person.active = false;
          this.active = undefined;
          changes.vanished.push({ memberId: person.memberId, from: company.id });
        }
      }
      for (const person of retitled) {
        const main = person.positions[0]!;
        const title = this.promotion(rng, person.family, main.title);
        person.positions[0] = this.position(title, company, month, main.companyStartedOn);
        person.headline = headlineOf(rng, title, company.name, person.summary);
        changes.retitled.push({ memberId: person.memberId, companyId: company.id, from: main.title, to: title });
      }
    }
    for (const { company, joiners } of plans) {
      for (let k = 0; k < joiners; k += 1) {
        const person = this.addPerson(rngFor(this.seed, 'join', epoch, company.slug, k), company, { hiredAt: month });
        changes.joined.push({ memberId: person.memberId, companyId: company.id });
      }
    }
    changes.connected = this.connectMore(rngFor(this.seed, 'connect', epoch));
    this.refresh();
    this.changes = changes;
    return changes;
  }

  private rank(person: FakePerson): number {
    let rank = this.ranks.get(person.memberId);
    if (rank === undefined) {
      rank = hashText(`${this.seed}:rank:${person.memberId}`);
      this.ranks.set(person.memberId, rank);
    }
    return rank;
  }

  private position(title: string, company: FakeCompany, startedOn: YearMonth, companyStartedOn: YearMonth): FakePosition {
    this.nextPosId += 1;
    return {
      title,
      companyId: company.id,
      companyName: company.name,
      posId: this.nextPosId,
      startedOn,
      companyStartedOn,
      tenureAtPosition: {},
      tenureAtCompany: {},
    };
  }

  /** Usually one step up the family's ladder, else any other title of it. */
  private promotion(rng: Rng, family: RoleFamily, current: string): string {
    const roles = FAMILY_ROLES[family].map((role) => role.title);
    const index = roles.indexOf(current);
    if (index > 0 && rng.chance(0.7)) return roles[index - 1]!;
    const others = roles.filter((title) => title !== current);
    return others.length ? rng.pick(others) : current;
  }

  private uniqueMemberId(rng: Rng): number {
    let id = rng.between(10_000_000, 999_999_999);
    while (this.people.has(id)) id += 1;
    return id;
  }

  private uniquePublicId(rng: Rng, identity: Identity): string {
    const latin = [asciiSlug(identity.firstName), asciiSlug(identity.lastName)].filter(Boolean).join('-');
    // Vanity names follow the name: Latin letters where the name has them, else the name itself.
    const base = latin || unicodeSlug(identity.fullName);
    let id = rng.chance(0.2) && latin ? base : `${base}-${rng.token(8, '0123456789abcdef')}`;
    while (this.publicIds.has(id)) id = `${base}-${rng.token(8, '0123456789abcdef')}`;
    this.publicIds.add(id);
    return id;
  }

  private addPerson(
    rng: Rng,
    company: CompanyProfile | FakeCompany,
    options: { family?: RoleFamily; founderIndex?: number; hiredAt?: YearMonth; countries?: Readonly<Record<string, number>> } = {},
  ): FakePerson {
    const profile = 'families' in company ? company : undefined;
    const place = drawPlace(rng, options.countries ?? profile?.countries ?? OTHER_COUNTRIES);
    const identity = drawName(rng, place.countryCode);
    const family =
      options.family ??
      (profile
        ? rng.weighted(Object.entries(profile.families) as [RoleFamily, number][])
        : rng.pick(['gtm', 'eng', 'product', 'founder'] as const));
    const title =
      family === 'founder' && options.founderIndex !== undefined
        ? options.founderIndex === 0
          ? 'Co-founder & CEO'
          : 'Co-founder & CTO'
        : drawRole(rng, family).title;
    const monthsAtCompany = rng.between(1, 120);
    const companyStart = options.hiredAt ?? monthsBefore(this.now, monthsAtCompany);
    const titleStart = options.hiredAt ?? monthsBefore(this.now, rng.between(0, monthsAtCompany));
    const local = LOCAL_SUMMARIES[place.countryCode];
    const summary = rng.chance(0.65) ? (local && rng.chance(0.3) ? rng.pick(local) : rng.pick(SUMMARIES[family])) : undefined;
    const suffix = rng.token(34);
    const positions = [this.position(title, company, titleStart, companyStart)];
    if (rng.chance(0.04)) {
      const other = rng.pick(OTHER_COMPANIES);
      const since = monthsBefore(this.now, rng.between(1, 48));
      positions.push(this.position(rng.pick(ADVISOR_TITLES), other, since, since));
    }
    const person: FakePerson = {
      memberId: this.uniqueMemberId(rng),
      salesProfileId: `ACwAA${suffix}`,
      salesAuthToken: rng.token(4),
      profileId: `ACoAA${suffix}`,
      publicIdentifier: this.uniquePublicId(rng, identity),
      ...identity,
      countryCode: place.countryCode,
      geoRegion: place.location,
      ...(summary ? { summary } : {}),
      headline: headlineOf(rng, title, company.name, summary),
      ...(rng.chance(0.6)
        ? { photo: photoFor(`D4E03AQ${rng.token(12)}`, 1_600_000_000_000 + rng.between(0, 160_000_000) * 1000, this.now) }
        : {}),
      positions,
      family,
      premium: rng.chance(0.2),
      openLink: rng.chance(0.05),
      viewed: rng.chance(0.3),
      distance: rng.chance(0.6) ? 2 : 3,
      active: true,
    };
    this.people.set(person.memberId, person);
    this.active = undefined;
    return person;
  }

  private contactDetails(rng: Rng, person: FakePerson): { email?: string; phone?: string } {
    const email = rng.chance(EMAIL_SHARE) ? this.email(rng, person) : undefined;
    const phone = rng.chance(email ? PHONE_SHARE * 2 : PHONE_SHARE / 2) ? phoneNumber(rng, person.countryCode) : undefined;
    return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  }

  private email(rng: Rng, person: FakePerson): string {
    const first = asciiSlug(person.firstName).replace(/-/g, '');
    const last = asciiSlug(person.lastName).replace(/-/g, '');
    const local = first && last ? `${first}.${last}` : `m${person.memberId}`;
    const company = [...LEAD_COMPANIES, ...OTHER_COMPANIES].find((candidate) => candidate.id === person.positions[0]?.companyId);
    const address =
      company && rng.chance(0.5) ? `${local}@${company.domain}` : `${local}${rng.between(1, 99)}@${rng.pick(PERSONAL_DOMAINS)}`;
    // Address books keep what people typed, capitals included.
    return rng.chance(0.1) ? address.replace(/^./, (char) => char.toUpperCase()) : address;
  }

  private connectInitially(rng: Rng): void {
    const leads = this.activePeople();
    const fromLeads = Math.round(this.connectionCount * CONNECTED_LEADS_SHARE);
    const chosen = rng.shuffle(leads).slice(0, fromLeads);
    for (let k = chosen.length; k < this.connectionCount; k += 1) {
      chosen.push(this.addPerson(rngFor(this.seed, 'contact', k), rng.pick(OTHER_COMPANIES)));
    }
    // Connections made over the last twelve years, more of them recently.
    for (const person of chosen) {
      const age = Math.floor(Math.pow(rng.next(), 1.6) * 12 * 365 * DAY_MS);
      const connectedAt = this.now - DAY_MS - age;
      this.connectionRecords.push({ memberId: person.memberId, connectedAt, ...this.contactDetails(rng, person) });
    }
  }

  /** About 1 % more connections: mostly leads not yet connected, the rest people from elsewhere. */
  private connectMore(rng: Rng): number[] {
    const wanted = Math.max(1, Math.round(this.connectionCount * 0.01));
    const connected = new Set(this.connectionRecords.map((record) => record.memberId));
    const candidates = rng.shuffle(this.activePeople().filter((person) => !connected.has(person.memberId) && this.isLead(person)));
    const added: number[] = [];
    for (let k = 0; k < wanted; k += 1) {
      const person =
        k < Math.ceil(wanted * 0.6) && candidates[k]
          ? candidates[k]!
          : this.addPerson(rngFor(this.seed, 'contact', this.epochNumber, k), rng.pick(OTHER_COMPANIES));
      const connectedAt = this.now - EPOCH_MS + rng.between(1, EPOCH_MS - 1);
      this.connectionRecords.push({ memberId: person.memberId, connectedAt, ...this.contactDetails(rng, person) });
      added.push(person.memberId);
    }
    return added;
  }

  private isLead(person: FakePerson): boolean {
    return LEAD_COMPANIES.some((company) => company.id === person.positions[0]?.companyId);
  }

  /**
   * Address-book entries that are not connections: imported mail contacts, some with no name or
   * no e-mail, and two people already there from LinkedIn, repeated.
   */
  private importContacts(target: number): void {
    const fromConnections = this.connectionRecords.filter((record) => record.email || record.phone).length;
    const withEmail = this.connectionRecords.filter((record) => record.email);
    const count = Math.max(0, target - fromConnections);
    for (let k = 0; k < count; k += 1) {
      const contactRng = rngFor(this.seed, 'imported', k);
      const place = drawPlace(contactRng, OTHER_COUNTRIES);
      const identity = drawName(contactRng, place.countryCode);
      const kind = contactRng.next();
      const first = asciiSlug(identity.firstName).replace(/-/g, '');
      const last = asciiSlug(identity.lastName).replace(/-/g, '');
      const email = `${first && last ? `${first}.${last}` : `contact${k}`}@${contactRng.pick(PERSONAL_DOMAINS)}`;
      const phone = phoneNumber(contactRng, place.countryCode);
      const twin = k < 2 ? withEmail[k] : undefined;
      if (twin) {
        // The same person twice: once from LinkedIn, once from a mail account, name in capitals.
        this.imported.push({ emailAddress: twin.email!, name: this.people.get(twin.memberId)!.fullName.toUpperCase() });
      } else if (k === 2 || kind < 0.03) {
        this.imported.push({ emailAddress: email, name: '' });
      } else if (k === 3 || kind < 0.08) {
        this.imported.push({ emailAddress: '', name: identity.fullName, phoneNumber: { number: phone } });
      } else {
        const extra = contactRng.chance(0.3) ? { phoneNumber: { number: phone } } : {};
        this.imported.push({ emailAddress: email, name: identity.fullName, ...extra });
      }
    }
  }

  private createLeadLists(rng: Rng): void {
    const at = (days: number) => this.now - days * DAY_MS - rng.between(0, 20_000) * 1000;
    const pick = (filter: (person: FakePerson) => boolean, count: number) =>
      rng
        .shuffle(this.activePeople().filter(filter))
        .slice(0, count)
        .map((person) => person.memberId);
    const atCompanies = (...slugs: string[]) => {
      const ids = new Set(LEAD_COMPANIES.filter((company) => slugs.includes(company.slug)).map((company) => company.id));
      return (person: FakePerson) => ids.has(person.positions[0]?.companyId ?? '');
    };
    const connected = new Set(this.connectionRecords.map((record) => record.memberId));
    const fintech = atCompanies('stripe', 'monzo-bank', 'klarna');
    const specs: [string, number[], string][] = [
      ['Q4 targets — Fintech 💳', pick((p) => fintech(p) && p.family === 'gtm', 60), 'MANUAL'],
      ['Design leaders', pick((p) => atCompanies('figma')(p) && p.family === 'product', 40), 'MANUAL'],
      ['Security buyers', pick((p) => atCompanies('cloudflare', 'datadog')(p) && p.family === 'eng', 75), 'CRM_SYNC'],
      ['Conference follow-ups', pick((p) => connected.has(p.memberId) || rng.chance(0.02), 30), 'MANUAL'],
      ['Empty for now', [], 'MANUAL'],
    ];
    specs.forEach(([name, memberIds, listSource], index) => {
      this.lists.push({ id: `70${rng.token(17, '0123456789')}`, name, memberIds, lastModifiedAt: at(2 + index * 9), listSource });
    });
  }

  /** Tenures count from the epoch's date; photo URLs are signed afresh. */
  private refresh(): void {
    for (const person of this.people.values()) {
      for (const position of person.positions) {
        position.tenureAtPosition = tenureSince(position.startedOn, this.now);
        position.tenureAtCompany = tenureSince(position.companyStartedOn, this.now);
      }
      if (person.photo && person.photo.signedAt !== this.now) {
        person.photo = photoFor(person.photo.asset, person.photo.uploadedAt, this.now);
      }
    }
  }
}

/** The geo ids a person's location falls in: their country's and, when known, their city's. */
export function regionIds(person: FakePerson): string[] {
  const { byCountry, byLocation } = fakeGeos();
  const ids: string[] = [];
  const country = person.countryCode ? byCountry.get(person.countryCode) : undefined;
  if (country) ids.push(country.id);
  const city = byLocation.get(person.geoRegion);
  if (city && city !== country) ids.push(city.id);
  return ids;
}

/**
 * A phone number as people type them into address books: international with or without
 * spaces, or national digits only. US and UK numbers use the ranges set aside for fiction.
 */
function phoneNumber(rng: Rng, countryCode: string | undefined): string {
  const digits = (n: number) => rng.token(n, '0123456789');
  const code = countryCode ?? 'US';
  const national =
    code === 'US' || code === 'CA'
      ? `${rng.pick(['415', '212', '312', '206', '512'])} 555 01${digits(2)}`
      : code === 'GB'
        ? `20 7946 0${digits(3)}`
        : `${rng.between(2, 9)}${digits(2)} ${digits(3)} ${digits(3)}`;
  const style = rng.next();
  const calling = CALLING_CODES[code] ?? '1';
  if (style < 0.4) return `+${calling} ${national}`;
  if (style < 0.8) return `+${calling}${national.replace(/ /g, '')}`;
  return national.replace(/ /g, '');
}

// ---------------------------------------------------------------------------------------------
// The numbered population of the end-to-end tests
// ---------------------------------------------------------------------------------------------

/** A lead list of the numbered population: its members are leads 0..members-1. */
export interface NumberedLeadList {
  id: string;
  name: string;
  members: number;
}

export interface NumberedOptions {
  /** The search's match count; lead n is `urn:li:member:${700000 + n}`. */
  total: number;
  leadLists?: readonly NumberedLeadList[];
}

/** The company every numbered lead works at. */
export const NUMBERED_COMPANY: FakeCompany = LEAD_COMPANIES[0]!;

/** The first member number of the numbered population. */
export const NUMBERED_FIRST_MEMBER = 700_000;

/** Lead n of the numbered population ("Ada{n} Lovelace{n}"), as the end-to-end tests expect it. */
export function numberedPerson(n: number, company: Pick<FakeCompany, 'id' | 'name'> = NUMBERED_COMPANY): FakePerson {
  return {
    memberId: NUMBERED_FIRST_MEMBER + n,
    salesProfileId: `ACwAAA${n}xYz`,
    salesAuthToken: `k${n}`,
    profileId: `ACoAAA${n}xYz`,
    publicIdentifier: `ada${n}-lovelace${n}`,
    firstName: `Ada${n}`,
    lastName: `Lovelace${n}`,
    fullName: `Ada${n} Lovelace${n}`,
    countryCode: 'US',
    geoRegion: 'San Francisco Bay Area',
    ...(n % 3 === 0 ? {} : { summary: `Building revenue teams #${n}` }),
    headline: `${n % 2 ? 'VP Sales' : 'Head of Revenue Operations'} at ${company.name}`,
    photo: {
      rootUrl: 'https://media.licdn.com/dms/image/v2/C4E03AQ/profile-displayphoto-shrink_',
      asset: 'C4E03AQ',
      uploadedAt: 1_700_000_000_000,
      expiresAt: 1_790_000_000_000,
      signedAt: Date.parse('2026-11-20T09:00:00Z'),
      artifacts: [100, 400].map((size) => ({
        width: size,
        height: size,
        fileIdentifyingUrlPathSegment: `${size}_${size}/photo-${n}?e=1790000000&v=beta`,
      })),
    },
    positions: [
      {
        title: n % 2 ? 'VP Sales' : 'Head of Revenue Operations',
        companyId: company.id,
        companyName: company.name,
        posId: 9_000_000 + n,
        startedOn: { year: 2023, month: 3 },
        companyStartedOn: { year: 2022, month: 11 },
        tenureAtPosition: { numYears: 2, numMonths: n % 12 },
        tenureAtCompany: { numYears: 3 },
      },
    ],
    family: 'gtm',
    premium: false,
    openLink: false,
    viewed: n % 2 === 0,
    distance: 2,
    active: true,
  };
}

/** How {@link NumberedPopulation.evolve} moves the numbered population on. */
export interface NumberedChanges {
  /** Lead numbers that no longer match any search. */
  left?: readonly number[];
  /** How many new leads match, numbered on from the highest lead so far, after the others. */
  joined?: number;
  /** New titles by lead number. */
  retitled?: Readonly<Record<number, string>>;
}

/**
 * The end-to-end tests' population: `total` leads numbered from 0, all at Stripe, and every
 * search matches all of them in number order, whatever its filters (their expectations count on
 * it); a lead-list search matches that list's `members` first leads. No network.
 * `evolve()` is its small `advance()`: named leads leave, new ones join, some change title.
 */
export class NumberedPopulation implements FakeWorld {
  readonly date = Date.parse('2026-11-20T09:00:00Z');
  /** The lead numbers every search matches, in order. */
  private members: number[];
  private readonly titles = new Map<number, string>();
  private readonly lists: readonly NumberedLeadList[];

  constructor(options: NumberedOptions) {
    this.members = Array.from({ length: options.total }, (_, n) => n);
    this.lists = options.leadLists ?? [];
  }

  /** Moves the population on: the `left` leads stop matching, `joined` new ones match last, `retitled` leads take new titles. */
  evolve({ left = [], joined = 0, retitled = {} }: NumberedChanges): void {
    const gone = new Set(left);
    const next = this.members.reduce((highest, n) => Math.max(highest, n + 1), 0);
    this.members = [...this.members.filter((n) => !gone.has(n)), ...Array.from({ length: joined }, (_, k) => next + k)];
    for (const [n, title] of Object.entries(retitled)) this.titles.set(Number(n), title);
  }

  /** Lead n as searches find it now: with the title it was given, if any. */
  private person(n: number): FakePerson {
    const person = numberedPerson(n);
    const title = this.titles.get(n);
    if (title === undefined) return person;
    return {
      ...person,
      headline: `${title} at ${NUMBERED_COMPANY.name}`,
      positions: person.positions.map((position, i) => (i === 0 ? { ...position, title } : position)),
    };
  }

  companies(): readonly FakeCompany[] {
    return [...LEAD_COMPANIES, ...OTHER_COMPANIES];
  }

  geos(): readonly FakeGeo[] {
    return fakeGeos().list;
  }

  search(criteria: LeadCriteria): LeadMatches {
    const members =
      criteria.leadListId === undefined
        ? this.members
        : Array.from({ length: this.lists.find((list) => list.id === criteria.leadListId)?.members ?? 0 }, (_, n) => n);
    return {
      total: members.length,
      page: (start, count) => members.slice(start, start + Math.max(0, count)).map((n) => this.person(n)),
    };
  }

  leadLists(): FakeLeadList[] {
    return this.lists.map((list) => ({
      id: list.id,
      name: list.name,
      entityCount: list.members,
      lastModifiedAt: this.date,
      listSource: 'MANUAL',
    }));
  }

  relationOf(): { degree: number; listCount: number } {
    return { degree: 2, listCount: 0 };
  }

  connections(): FakeConnection[] {
    return [];
  }

  addressBook(): FakeAddressEntry[] {
    return [];
  }
}
