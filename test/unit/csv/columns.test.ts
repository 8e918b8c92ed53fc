import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_HEADERS, currentPosition, formatPosition, formatPositions, formatTenure, toCsvRow } from '../../../lib/csv/columns';
import { contactListItemSchema, type ContactList, type ContactListItem } from '../../../lib/model/schemas';
import { expectedCell, hostileString } from './csv-testing';

const list: ContactList = {
  id: 'list-1',
  name: 'Revenue leaders at Stripe',
  filters: {},
  contactCount: 1,
  createdAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
};

const ada: ContactListItem = {
  id: 'item-1',
  listId: 'list-1',
  baseContactId: 'urn:li:member:1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  fullName: 'Ada Lovelace',
  headline: 'Revenue, analytically',
  role: 'VP Sales',
  companyName: 'Stripe',
  location: 'London, England, United Kingdom',
  avatar: 'https://media.licdn.com/dms/image/ada.jpg',
  seniority: ['VP', 'CXO'],
  positions: [
    {
      title: 'VP Sales',
      companyName: 'Stripe',
      companyUrl: 'https://www.linkedin.com/company/stripe',
      tenureInMonths: 27,
      location: 'London',
    },
    { title: 'Account Executive', companyName: 'Acme', tenureInMonths: 11 },
  ],
  linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAA1,NAME_SEARCH,x',
  createdAt: '2026-11-22T09:00:00.000Z',
  email: 'ada@example.com',
  phone: '+44 20 7946 0958',
  publicProfileUrl: 'https://www.linkedin.com/in/ada-lovelace',
  connectedOn: '2024-03-15',
};

describe('CSV columns', () => {
  it('keeps the documented order: list, capture time, the spec fields in spec order, then the extras', () => {
    const localAdditions = new Set(['email', 'phone', 'publicProfileUrl', 'connectedOn', 'degree']);
    const specFields = Object.keys(contactListItemSchema.shape).filter((key) => !localAdditions.has(key));
    expect(CSV_HEADERS).toEqual([
      'listName',
      'capturedAt',
      ...specFields,
      'currentTitle',
      'currentCompany',
      'email',
      'phone',
      'publicProfileUrl',
      'connectedOn',
    ]);
  });

  it('has a column for every ContactListItem property of the Saber spec, in spec order', () => {
    const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../docs/saber-openapi.json'), 'utf8')) as {
      components: { schemas: { ContactListItem: { properties: Record<string, unknown> } } };
    };
    const specFields = Object.keys(spec.components.schemas.ContactListItem.properties);
    expect(CSV_HEADERS.filter((header) => specFields.includes(header))).toEqual(specFields);
  });

  it('writes one cell per column, in order, with the phone number neutralised', () => {
    const row = toCsvRow(ada, list);
    expect(Object.fromEntries(CSV_HEADERS.map((header, i) => [header, row[i]]))).toEqual({
      listName: 'Revenue leaders at Stripe',
      capturedAt: '2026-11-22T09:00:00.000Z',
      id: 'item-1',
      listId: 'list-1',
      baseContactId: 'urn:li:member:1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      headline: 'Revenue, analytically',
      role: 'VP Sales',
      companyName: 'Stripe',
      location: 'London, England, United Kingdom',
      avatar: 'https://media.licdn.com/dms/image/ada.jpg',
      seniority: 'VP, CXO',
      positions: 'VP Sales at Stripe (London, 2 yr 3 mo, https://www.linkedin.com/company/stripe) | Account Executive at Acme (11 mo)',
      linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAA1,NAME_SEARCH,x',
      createdAt: '2026-11-22T09:00:00.000Z',
      currentTitle: 'VP Sales',
      currentCompany: 'Stripe',
      email: 'ada@example.com',
      phone: "'+44 20 7946 0958",
      publicProfileUrl: 'https://www.linkedin.com/in/ada-lovelace',
      connectedOn: '2024-03-15',
    });
  });

  it('leaves missing values empty and takes the current position from the history when role and company are missing', () => {
    const bare: ContactListItem = {
      id: 'item-2',
      listId: 'list-1',
      baseContactId: 'urn:li:member:2',
      positions: [
        { title: 'CRO', companyName: 'Globex' },
        { title: 'VP Sales', companyName: 'Initech' },
      ],
      createdAt: '2026-11-22T09:00:00.000Z',
    };
    const row = toCsvRow(bare, list);
    const cell = (header: string) => row[CSV_HEADERS.indexOf(header)];
    expect(row).toHaveLength(CSV_HEADERS.length);
    expect([cell('firstName'), cell('seniority'), cell('email'), cell('phone'), cell('avatar')]).toEqual(['', '', '', '', '']);
    expect([cell('role'), cell('companyName')]).toEqual(['', '']);
    expect([cell('currentTitle'), cell('currentCompany')]).toEqual(['CRO', 'Globex']);
    expect(cell('positions')).toBe('CRO at Globex | VP Sales at Initech');
  });

  it('neutralises every cell, including the list name and the positions history', () => {
    fc.assert(
      fc.property(hostileString, hostileString, hostileString, (name, fullName, title) => {
        const row = toCsvRow({ ...ada, fullName, positions: [{ title }], role: undefined, companyName: undefined }, { ...list, name });
        const cell = (header: string) => row[CSV_HEADERS.indexOf(header)];
        expect(cell('listName')).toBe(expectedCell(name));
        expect(cell('fullName')).toBe(expectedCell(fullName));
        expect(cell('positions')).toBe(expectedCell(title));
        expect(cell('currentTitle')).toBe(expectedCell(title));
      }),
    );
  });
});

describe('current position', () => {
  it('takes title and company together, from role and company when either is known, else from the history', () => {
    const positions = [{ title: 'CRO', companyName: 'Globex' }];
    const base = { id: 'i', listId: 'l', baseContactId: 'b', createdAt: '2026-11-22T09:00:00.000Z', positions };
    expect(currentPosition({ ...base, role: 'VP Sales', companyName: 'Stripe' })).toEqual({ title: 'VP Sales', companyName: 'Stripe' });
    expect(currentPosition({ ...base, companyName: 'Stripe' })).toEqual({ title: undefined, companyName: 'Stripe' });
    expect(currentPosition({ ...base, role: 'VP Sales' })).toEqual({ title: 'VP Sales', companyName: undefined });
    expect(currentPosition(base)).toEqual({ title: 'CRO', companyName: 'Globex' });
    expect(currentPosition({ ...base, positions: undefined })).toEqual({});
  });
});

describe('position history', () => {
  it.each([
    [{ title: 'CRO', companyName: 'Globex', location: 'Paris' }, 'CRO at Globex (Paris)'],
    [{ companyName: 'Globex', tenureInMonths: 12 }, 'Globex (1 yr)'],
    [{ title: 'Founder' }, 'Founder'],
    [{ location: 'Berlin', companyUrl: 'https://www.linkedin.com/company/1035' }, 'Berlin, https://www.linkedin.com/company/1035'],
    [{}, ''],
  ])('formats %j as %j', (position, text) => {
    expect(formatPosition(position)).toBe(text);
  });

  it('skips empty positions between readable ones', () => {
    expect(formatPositions([{ title: 'CRO' }, {}, { title: 'AE' }])).toBe('CRO | AE');
    expect(formatPositions([])).toBe('');
  });

  it.each([
    [0, '0 mo'],
    [5, '5 mo'],
    [12, '1 yr'],
    [27, '2 yr 3 mo'],
    [120, '10 yr'],
  ])('writes a tenure of %i months as %j', (months, text) => {
    expect(formatTenure(months)).toBe(text);
  });
});
