import type { SnapshotContact } from '../../../lib/model/snapshot';

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Radia', 'Ken', 'Frances'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Perlman', 'Allen'];
const ROLES = ['VP Sales', 'Head of Revenue Operations', 'Chief Revenue Officer', 'Sales Director EMEA', 'AE'];
const COMPANIES = ['Stripe', 'Datadog', 'Snowflake', 'Atlassian', 'HubSpot', 'Zendesk', 'Intercom'];
const LOCATIONS = ['London, England, United Kingdom', 'San Francisco Bay Area', 'Berlin, Germany', 'Paris, France'];
const AVATAR_SIZE = 'profile-displayphoto-shrink_100_100';

/**
 * `count` contacts shaped like a Sales Navigator capture (about 1 kB of JSON each), with base
 * contact ids unique to `tag` so every committed list brings its own people.
 */
export function makeContacts(count: number, tag: string): SnapshotContact[] {
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Ada';
    const lastName = LAST_NAMES[(i * 7) % LAST_NAMES.length] ?? 'Lovelace';
    const role = ROLES[i % ROLES.length] ?? 'VP Sales';
    const companyName = COMPANIES[(i * 3) % COMPANIES.length] ?? 'Stripe';
    const location = LOCATIONS[i % LOCATIONS.length] ?? 'Berlin, Germany';
    const member = `ACwAA${tag}x${i.toString(36).padStart(6, '0')}Bq7LmZ`;
    return {
      baseContactId: `urn:li:member:${tag}-${i}`,
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      headline: `${role} at ${companyName} | Building revenue teams that scale | Speaker and mentor`,
      role,
      companyName,
      location,
      avatar:
        `https://media.licdn.com/dms/image/v2/D4E03AQ${member}/${AVATAR_SIZE}/${AVATAR_SIZE}/0/1700000000000` +
        `?e=1767225600&v=beta&t=Xz9kQ2w${i}`,
      seniority: ['VP'],
      positions: [
        {
          title: role,
          companyName,
          companyUrl: `https://www.linkedin.com/company/${companyName.toLowerCase()}`,
          tenureInMonths: 6 + (i % 60),
          location,
        },
        { title: 'Sales Manager', companyName: 'Initech', tenureInMonths: 30 },
      ],
      linkedInSalesNavigatorProfileUrl: `https://www.linkedin.com/sales/lead/${member},NAME_SEARCH,a1b2`,
    };
  });
}
