import type { SeededContact } from '../../fake-saber/fake-saber';
import {
  NumberedPopulation,
  numberedPerson,
  type FakeAddressEntry,
  type FakeCompany,
  type FakeConnection,
  type FakeGeo,
  type FakeLeadList,
  type FakePerson,
  type FakeWorld,
  type LeadMatches,
} from '../../fake-linkedin/population';
import { HOSTILE_STRINGS, HOSTILE_URLS, type HostileKey } from '../../fixtures/hostile/strings';

/**
 * The hostile corpus (test/fixtures/hostile/strings.ts) as the fakes serve it: a LinkedIn whose
 * every lead carries one hostile string in every text field (names, summary, location, titles,
 * company names) and a hostile photo address, whose lead lists are named with them; and Saber
 * contacts with the same in every text field and hostile URLs for links and photos.
 */

const KEYS = Object.keys(HOSTILE_STRINGS) as HostileKey[];

/** URLs a Saber contact can carry at all (the spec's `format: uri`); relative ones fail the spec and so the page. */
const PARSEABLE_URLS = HOSTILE_URLS.filter((url) => URL.canParse(url));

/** Lead n of the numbered population with `text` in every text field and a photo from `photoUrl`. */
function hostilePerson(n: number, text: string, photoUrl: string): FakePerson {
  const person = numberedPerson(n);
  return {
    ...person,
    // Every third lead's profile id is itself hostile: no Sales Navigator link can be built for it.
    ...(n % 3 === 2 ? { salesProfileId: `ACwAA"><script>window.__pwned="id"</script>${n}` } : {}),
    firstName: text,
    lastName: text,
    fullName: text,
    geoRegion: text,
    summary: text,
    headline: text,
    photo: { ...person.photo!, rootUrl: photoUrl },
    positions: person.positions.map((position) => ({ ...position, title: text, companyName: text })),
  };
}

/** What the fake LinkedIn knows: one hostile lead per corpus entry, every search and lead list matching all of them. */
export class HostileWorld implements FakeWorld {
  readonly date = Date.parse('2026-11-20T09:00:00Z');
  readonly people: FakePerson[] = KEYS.map((key, n) => hostilePerson(n, HOSTILE_STRINGS[key], PARSEABLE_URLS[n % PARSEABLE_URLS.length]!));
  private readonly base = new NumberedPopulation({ total: 0 });

  companies(): readonly FakeCompany[] {
    return this.base.companies();
  }

  geos(): readonly FakeGeo[] {
    return this.base.geos();
  }

  search(): LeadMatches {
    return { total: this.people.length, page: (start, count) => this.people.slice(start, start + Math.max(0, count)) };
  }

  /** Lead lists named with the corpus; their ids are LinkedIn's own kind (numbers). */
  leadLists(): FakeLeadList[] {
    return KEYS.map((key, i) => ({
      id: String(7_000_000_000 + i),
      name: HOSTILE_STRINGS[key],
      entityCount: this.people.length,
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

/** Saber contacts with one corpus entry in every text field, and hostile links and photos. */
export function hostileSaberContacts(): SeededContact[] {
  return KEYS.map((key, i) => {
    const text = HOSTILE_STRINGS[key];
    const url = PARSEABLE_URLS[i % PARSEABLE_URLS.length]!;
    return {
      baseContactId: `bc_hostile_${i}`,
      firstName: text,
      lastName: text,
      fullName: text,
      headline: text,
      role: text,
      companyName: text,
      location: text,
      avatar: url,
      seniority: [text],
      positions: [{ title: text, companyName: text, companyUrl: url, location: text, tenureInMonths: 12 }],
      linkedInSalesNavigatorProfileUrl: url,
    };
  });
}

/** Saber list names from the corpus. */
export const HOSTILE_LIST_NAMES: readonly string[] = [
  HOSTILE_STRINGS.scriptTag,
  HOSTILE_STRINGS.rtlOverride,
  HOSTILE_STRINGS.zeroWidthOnly,
  HOSTILE_STRINGS.longEmoji,
  HOSTILE_STRINGS.formula,
  HOSTILE_STRINGS.lineBreaks,
];
