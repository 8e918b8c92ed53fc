import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONNECTIONS_DECORATION_ID, CONNECTIONS_PAGE_SIZE, NORMALIZED_JSON_ACCEPT, connectionsUrl } from '../../../lib/linkedin/constants';
import { CONNECTION_TYPE, PROFILE_TYPE, parseConnectionsPage } from '../../../lib/linkedin/connections';
import { ApiError } from '../../../lib/model/errors';
import { snapshotContactSchema } from '../../../lib/model/snapshot';
import page1 from '../../fixtures/linkedin/connections/page-1.json';
import pageLast from '../../fixtures/linkedin/connections/page-last.json';
import pageMalformed from '../../fixtures/linkedin/connections/page-malformed.json';
import pageOptional from '../../fixtures/linkedin/connections/page-missing-optional.json';

function formatError(body: unknown): ApiError {
  try {
    parseConnectionsPage(body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('The page was read');
}

/** A page of one connection to `profile`, for the cases the fixtures do not hold. */
function onePage(profile: Record<string, unknown>, connection: Record<string, unknown> = {}) {
  return {
    data: { paging: { start: 0, count: 40 }, '*elements': ['urn:li:fsd_connection:1'] },
    included: [
      {
        $type: CONNECTION_TYPE,
        entityUrn: 'urn:li:fsd_connection:1',
        createdAt: 1710495000000,
        connectedMember: 'urn:li:fsd_profile:P1',
        ...connection,
      },
      { $type: PROFILE_TYPE, entityUrn: 'urn:li:fsd_profile:P1', firstName: 'Ada', lastName: 'Lovelace', ...profile },
    ],
  };
}

describe('connectionsUrl', () => {
  it('asks for one page of 40, newest first, with the one decoration id', () => {
    expect(CONNECTIONS_PAGE_SIZE).toBe(40);
    expect(NORMALIZED_JSON_ACCEPT).toBe('application/vnd.linkedin.normalized+json+2.1');
    expect(connectionsUrl(80)).toBe(
      'https://www.linkedin.com/voyager/api/relationships/dash/connections?decorationId=com.linkedin.voyager.dash.deco.web.mynetwork.ConnectionListWithProfile-16&count=40&q=search&sortType=RECENTLY_ADDED&start=80',
    );
    expect(new URL(connectionsUrl(0)).searchParams.get('decorationId')).toBe(CONNECTIONS_DECORATION_ID);
  });
});

describe('parseConnectionsPage', () => {
  it('reads a full page in the order of *elements, each contact valid', () => {
    const page = parseConnectionsPage(page1);
    expect(page.count).toBe(40);
    expect(page.skipped).toEqual([]);
    expect(page.contacts).toHaveLength(40);
    for (const contact of page.contacts) expect(snapshotContactSchema.parse(contact)).toEqual(contact);
    for (const contact of page.contacts) expect(contact.baseContactId).toBe(contact.publicProfileUrl);
    const vanities = page.contacts.map((contact) => contact.publicProfileUrl?.replace('https://www.linkedin.com/in/', ''));
    expect(vanities.slice(0, 12)).toEqual([
      'ada-lovelace-1815',
      'gracehopper',
      'alan-turing-a1b2c3',
      'maria-ivanova-8a7b6c',
      'meiling-wang',
      'fatima-alzahra',
      'jose-garcia-telefonica',
      'siobhan-ni-bhriain',
      'jl-obrien',
      'priya-sharma-1a2b3c',
      'ada-lovelace-1815-10',
      'gracehopper-11',
    ]);
    expect(page.contacts[0]).toEqual({
      baseContactId: 'https://www.linkedin.com/in/ada-lovelace-1815',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      headline: 'Head of Mathematics at Analytical Engines Ltd',
      avatar:
        'https://media.licdn.com/dms/image/v2/D4E03AQ000000Hq1aB2/profile-displayphoto-shrink_800_800/profile-displayphoto-shrink_800_800/0/1700000000000?e=1767225600&v=beta&t=AQF0x800',
      publicProfileUrl: 'https://www.linkedin.com/in/ada-lovelace-1815',
      connectedOn: '2024-03-15',
      degree: 1,
    });
    expect(page.contacts.slice(3, 6).map(({ fullName, headline }) => [fullName, headline])).toEqual([
      ['Мария Иванова', 'Руководитель отдела продаж в Яндексе'],
      ['美玲 王', '阿里巴巴 销售总监'],
      ['فاطمة الزهراء', 'مديرة المبيعات في أرامكو'],
    ]);
    // The viewer's own profile is on the page too, but no connection points at it.
    expect(page.contacts.map((contact) => contact.fullName)).not.toContain('Sam Seller');
  });

  it('picks the largest picture whatever order the artifacts come in', () => {
    const page = parseConnectionsPage(page1);
    const withAvatar = page.contacts.filter((contact) => contact.avatar);
    expect(withAvatar.length).toBeGreaterThan(1);
    for (const contact of withAvatar) expect(contact.avatar).toContain('shrink_800_800');
    // Profiles 3, 6, 9… of the fixture have a picture (every third), listed smallest first or largest first.
    expect(page.contacts[3]?.avatar).toContain('D4E03AQ000003');
    expect(page.contacts[1]?.avatar).toBeUndefined();
  });

  it('reads the last, shorter page in *elements order even when included[] is shuffled', () => {
    const page = parseConnectionsPage(pageLast);
    expect(page.count).toBe(7);
    expect(page.contacts.map((contact) => contact.baseContactId)).toEqual([
      'https://www.linkedin.com/in/ada-lovelace-1815-80',
      'https://www.linkedin.com/in/gracehopper-81',
      'https://www.linkedin.com/in/alan-turing-a1b2c3-82',
      'https://www.linkedin.com/in/maria-ivanova-8a7b6c-83',
      'https://www.linkedin.com/in/meiling-wang-84',
      'https://www.linkedin.com/in/fatima-alzahra-85',
      'https://www.linkedin.com/in/jose-garcia-telefonica-86',
    ]);
  });

  it('reads profiles without optional fields, skips what cannot be a contact, ignores other entities', () => {
    const page = parseConnectionsPage(pageOptional);
    expect(page.count).toBe(8);
    expect(page.contacts).toEqual([
      {
        baseContactId: 'https://www.linkedin.com/in/katherine-johnson',
        firstName: 'Katherine',
        lastName: 'Johnson',
        fullName: 'Katherine Johnson',
        publicProfileUrl: 'https://www.linkedin.com/in/katherine-johnson',
        // 23:59:59.999 UTC is still the 31st.
        connectedOn: '2023-12-31',
        degree: 1,
      },
      {
        baseContactId: 'https://www.linkedin.com/in/dorothy-vaughan',
        firstName: 'Dorothy',
        lastName: 'Vaughan',
        fullName: 'Dorothy Vaughan',
        publicProfileUrl: 'https://www.linkedin.com/in/dorothy-vaughan',
        degree: 1,
      },
      {
        baseContactId: 'https://www.linkedin.com/in/mary-jackson',
        firstName: 'Mary',
        lastName: 'Jackson',
        fullName: 'Mary Jackson',
        publicProfileUrl: 'https://www.linkedin.com/in/mary-jackson',
        connectedOn: '2024-01-01',
        degree: 1,
      },
      {
        baseContactId: 'https://www.linkedin.com/in/evelyn-boyd',
        firstName: 'Evelyn',
        lastName: 'Boyd',
        fullName: 'Evelyn Boyd',
        // Its picture is not on LinkedIn's media hosts: no avatar rather than a foreign URL.
        publicProfileUrl: 'https://www.linkedin.com/in/evelyn-boyd',
        connectedOn: '2024-01-01',
        degree: 1,
      },
    ]);
    expect(page.skipped).toEqual([
      { urn: 'urn:li:fsd_connection:ACoAAC00000003Opt', code: 'missing_public_identifier' },
      { urn: 'urn:li:fsd_connection:ACoAAC00000004Opt', code: 'missing_profile' },
      { urn: 'urn:li:fsd_connection:ACoAAC00000005Opt', code: 'missing_name' },
      { urn: 'urn:li:fsd_connection:ACoAAC00000007Opt', code: 'missing_connection' },
    ]);
  });

  it('fails the page with linkedin_format_changed when a known entity has the wrong shape', () => {
    const error = formatError(pageMalformed);
    expect(error.error).toBe('linkedin_format_changed');
    expect(error.details?.[0]).toEqual({
      field: 'relationships/dash/connections',
      message: 'The response did not match the expected format',
    });
    expect(error.details?.map((detail) => detail.field)).toContain('relationships/dash/connections.included[0].createdAt');
  });

  it('fails the page when its own structure is wrong', () => {
    for (const body of [
      null,
      'not json',
      [],
      {},
      { data: {} },
      { data: { paging: { start: 0, count: 40 }, '*elements': 'urn:li:fsd_connection:1' }, included: [] },
      { data: { paging: { start: 0, count: 40 }, '*elements': [] } },
      { data: { paging: { start: 0, count: 40 }, '*elements': [] }, included: [{ entityUrn: 'no $type' }] },
      { data: { paging: { start: -1, count: 40 }, '*elements': [] }, included: [] },
      onePage({ firstName: 42 }),
      onePage({}, { connectedMember: undefined }),
      onePage({}, { createdAt: 1e17 }),
    ]) {
      expect(formatError(body).error, JSON.stringify(body)).toBe('linkedin_format_changed');
    }
  });

  it('fails a page of connections of which not one joins a profile: a renamed $type, not people without profiles', () => {
    const renamed = onePage({});
    renamed.included[1]!.$type = 'com.linkedin.voyager.dash.identity.profile.ProfileV2';
    expect(formatError(renamed).error).toBe('linkedin_format_changed');
    const none = onePage({});
    none.included[0]!.$type = 'com.linkedin.voyager.dash.relationships.ConnectionV2';
    expect(formatError(none).error).toBe('linkedin_format_changed');
  });

  it('reads an empty page as the end', () => {
    expect(parseConnectionsPage({ data: { paging: { start: 1000, count: 40 }, '*elements': [] }, included: [] })).toEqual({
      contacts: [],
      skipped: [],
      count: 0,
    });
  });

  it('finds the member through *connectedMemberResolutionResult when connectedMember is absent', () => {
    const page = parseConnectionsPage(
      onePage({ publicIdentifier: 'ada' }, { connectedMember: undefined, '*connectedMemberResolutionResult': 'urn:li:fsd_profile:P1' }),
    );
    expect(page.contacts.map((contact) => contact.baseContactId)).toEqual(['https://www.linkedin.com/in/ada']);
  });

  it('encodes a vanity name into the URL, and skips one that is no profile path rather than cutting it short', () => {
    const urlOf = (publicIdentifier: string) => {
      const page = parseConnectionsPage(onePage({ publicIdentifier }));
      return page.contacts[0]?.publicProfileUrl ?? page.skipped[0]?.code;
    };
    expect(urlOf('José-García')).toBe('https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa');
    expect(urlOf('  ada  ')).toBe('https://www.linkedin.com/in/ada');
    // Unencoded, `ada?tab=posts` would read as Ada's profile and `ada/../admin` as another page.
    for (const bad of ['', '   ', 'ada?tab=posts', 'ada#top', 'ada/../admin', 'ada lovelace', '\ud800']) {
      expect(urlOf(bad), JSON.stringify(bad)).toBe('missing_public_identifier');
    }
  });

  it('skips a second connection to the same person', () => {
    const body = onePage({ publicIdentifier: 'ada' });
    body.data['*elements'].push('urn:li:fsd_connection:2');
    body.included.push({ ...body.included[0]!, entityUrn: 'urn:li:fsd_connection:2' });
    expect(parseConnectionsPage(body).skipped).toEqual([{ urn: 'urn:li:fsd_connection:2', code: 'duplicate' }]);
  });

  it('never throws anything but linkedin_format_changed on arbitrary JSON, and what it returns is consistent', () => {
    const urn = fc.constantFrom('urn:li:fsd_connection:1', 'urn:li:fsd_connection:2', 'urn:li:fsd_profile:P1', 'urn:li:fsd_profile:P2');
    const entity = fc.record(
      {
        $type: fc.oneof(fc.constantFrom(CONNECTION_TYPE, PROFILE_TYPE), fc.string()),
        entityUrn: fc.oneof(urn, fc.jsonValue()),
        createdAt: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
        connectedMember: fc.oneof(urn, fc.jsonValue()),
        firstName: fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()),
        lastName: fc.string({ unit: 'binary' }),
        headline: fc.jsonValue(),
        publicIdentifier: fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()),
        profilePicture: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    // Pages in the right structure with arbitrary contents, so that contacts are built from anything too.
    const wellShaped = fc
      .array(
        fc.record({
          id: fc.nat(5),
          firstName: fc.option(fc.string({ unit: 'binary' })),
          lastName: fc.option(fc.string({ unit: 'binary' })),
          headline: fc.option(fc.string({ unit: 'binary' })),
          publicIdentifier: fc.option(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-z0-9-]{1,20}$/))),
          createdAt: fc.option(fc.integer({ min: 0, max: 253_402_300_799_999 })),
          picture: fc.option(
            fc.record({
              rootUrl: fc.oneof(fc.constant('https://media.licdn.com/dms/image/'), fc.string({ unit: 'binary' })),
              artifacts: fc.array(
                fc.record({ width: fc.nat(), height: fc.nat(), fileIdentifyingUrlPathSegment: fc.string({ unit: 'binary' }) }),
                { maxLength: 3 },
              ),
            }),
          ),
        }),
        { maxLength: 6 },
      )
      .map((people) => ({
        data: { paging: { start: 0, count: 40 }, '*elements': people.map(({ id }) => `urn:li:fsd_connection:${id}`) },
        included: people.flatMap(({ id, createdAt, picture, ...profile }) => [
          {
            $type: CONNECTION_TYPE,
            entityUrn: `urn:li:fsd_connection:${id}`,
            createdAt,
            connectedMember: `urn:li:fsd_profile:${id}`,
          },
          {
            $type: PROFILE_TYPE,
            entityUrn: `urn:li:fsd_profile:${id}`,
            ...profile,
            profilePicture: picture && { displayImageReference: { vectorImage: picture } },
          },
        ]),
      }));
    const body = fc.oneof(
      wellShaped,
      fc.jsonValue(),
      fc.record({
        data: fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              paging: fc.oneof(fc.jsonValue(), fc.constant({ start: 0, count: 40 })),
              '*elements': fc.array(fc.oneof(urn, fc.jsonValue())),
            },
            { requiredKeys: [] },
          ),
        ),
        included: fc.oneof(fc.jsonValue(), fc.array(entity)),
      }),
    );
    fc.assert(
      fc.property(body, (input) => {
        let page;
        try {
          page = parseConnectionsPage(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).error).toBe('linkedin_format_changed');
          return;
        }
        expect(page.contacts.length + page.skipped.length).toBe(page.count);
        for (const contact of page.contacts) expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
