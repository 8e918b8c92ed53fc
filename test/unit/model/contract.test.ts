import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../../lib/model/errors';
import { listContactsQuerySchema, listListsQuerySchema, specSchemas } from '../../../lib/model/schemas';

/**
 * Holds `lib/model` to `docs/saber-openapi.json`, schema by schema: the same properties,
 * types, formats, required fields and bounds; local additions only as optional fields; an
 * example built from the spec parses; every violation is rejected naming its field.
 */

interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
}

const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../docs/saber-openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, JsonSchema> };
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: JsonSchema }[] }>>;
};
const specComponents = spec.components.schemas;

function deref(node: JsonSchema): JsonSchema {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/components/schemas/', '');
  const target = specComponents[name];
  if (!target) throw new Error(`Unresolved $ref ${node.$ref}`);
  return target;
}

function ours(name: keyof typeof specSchemas): JsonSchema {
  return z.toJSONSchema(specSchemas[name], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Walks the spec node and our node together, collecting every disagreement with its path. */
function compare(specNode: JsonSchema, ourNode: JsonSchema, path: string, problems: string[]): void {
  const expected = deref(specNode);
  if (expected.type && expected.type !== ourNode.type) {
    problems.push(`${path}: type ${String(ourNode.type)} ≠ spec ${expected.type}`);
  }
  if (expected.format && expected.format !== ourNode.format) {
    problems.push(`${path}: format ${String(ourNode.format)} ≠ spec ${expected.format}`);
  }
  for (const bound of ['minimum', 'maximum', 'maxLength'] as const) {
    if (expected[bound] !== undefined && expected[bound] !== ourNode[bound]) {
      problems.push(`${path}: ${bound} ${String(ourNode[bound])} ≠ spec ${expected[bound]}`);
    }
  }
  if (expected.type === 'object') {
    const specProps = expected.properties ?? {};
    const ourProps = ourNode.properties ?? {};
    const specRequired = new Set(expected.required ?? []);
    const ourRequired = new Set(ourNode.required ?? []);
    for (const [key, child] of Object.entries(specProps)) {
      const ourChild = ourProps[key];
      if (!ourChild) {
        problems.push(`${path}.${key}: missing`);
        continue;
      }
      if (specRequired.has(key) !== ourRequired.has(key)) {
        problems.push(`${path}.${key}: required ${ourRequired.has(key)} ≠ spec ${specRequired.has(key)}`);
      }
      compare(child, ourChild, `${path}.${key}`, problems);
    }
    for (const key of Object.keys(ourProps)) {
      if (!(key in specProps) && ourRequired.has(key)) problems.push(`${path}.${key}: local addition must be optional`);
    }
  }
  if (expected.type === 'array' && expected.items) {
    if (!ourNode.items) problems.push(`${path}: items missing`);
    else compare(expected.items, ourNode.items, `${path}[]`, problems);
  }
}

/** A valid value for a spec node, with every property present. */
function exampleOf(node: JsonSchema, key = ''): unknown {
  const schema = deref(node);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v, k)]));
    case 'array':
      return schema.items ? [exampleOf(schema.items, key)] : [];
    case 'integer':
      return schema.minimum ?? 3;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uri') return 'https://www.linkedin.com/company/stripe';
      if (schema.format === 'date-time') return '2026-03-03T12:00:00Z';
      if (key === 'countries') return 'US';
      return `example ${key}`;
    default:
      throw new Error(`No example for ${JSON.stringify(schema)}`);
  }
}

function rejectedFields(name: keyof typeof specSchemas, value: unknown): string[] {
  const result = specSchemas[name].safeParse(value);
  if (result.success) return [];
  return (ApiError.fromZod(result.error).details ?? []).map((detail) => detail.field ?? '');
}

const names = Object.keys(specComponents) as (keyof typeof specSchemas)[];

describe('lib/model agrees with docs/saber-openapi.json', () => {
  it('has a zod schema for every spec schema and no other', () => {
    expect(Object.keys(specSchemas).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: same properties, required fields, types, formats and bounds', (name) => {
    const problems: string[] = [];
    compare(specComponents[name]!, ours(name), name, problems);
    expect(problems).toEqual([]);
  });

  it('the comparison itself catches disagreements', () => {
    const item = structuredClone(specComponents.ContactListItem!);
    item.required = [...(item.required ?? []), 'role'];
    item.properties!.avatar = { type: 'string', format: 'email' };
    item.properties!.seniority = { type: 'string' };
    const problems: string[] = [];
    compare(item, ours('ContactListItem'), 'ContactListItem', problems);
    expect(problems).toEqual([
      'ContactListItem.role: required false ≠ spec true',
      'ContactListItem.avatar: format uri ≠ spec email',
      'ContactListItem.seniority: type array ≠ spec string',
    ]);
  });

  it.each(names)('%s: an example built from the spec parses', (name) => {
    const example = exampleOf(specComponents[name]!);
    expect(specSchemas[name].safeParse(example).error).toBeUndefined();
  });

  it('the documented examples parse', () => {
    const list = {
      id: 'abc123',
      name: 'Engineering leads at Stripe',
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['Engineering Manager'] },
      contactCount: 47,
      createdAt: '2026-03-03T12:00:00Z',
      updatedAt: '2026-03-03T12:00:00Z',
    };
    expect(specSchemas.ContactList.parse(list)).toEqual(list);
    expect(specSchemas.ContactListsResponse.parse({ items: [list], total: 3, limit: 20, offset: 0, hasMore: false }).total).toBe(3);
    expect(specSchemas.UpdateContactListRequest.parse({ name: 'Senior engineers at Stripe' }).name).toBe('Senior engineers at Stripe');
  });

  it.each(names)('%s: each missing required field is rejected, naming it', (name) => {
    const schema = deref(specComponents[name]!);
    const example = exampleOf(schema) as Record<string, unknown>;
    for (const field of schema.required ?? []) {
      const { [field]: _removed, ...rest } = example;
      expect(rejectedFields(name, rest), `${name} without ${field}`).toContain(field);
    }
  });

  it.each(names)('%s: each property of the wrong type is rejected, naming it', (name) => {
    const schema = deref(specComponents[name]!);
    const example = exampleOf(schema) as Record<string, unknown>;
    for (const [field, child] of Object.entries(schema.properties ?? {})) {
      const wrong = deref(child).type === 'string' ? 42 : 'not the right type';
      expect(rejectedFields(name, { ...example, [field]: wrong }), `${name}.${field}`).toContain(field);
    }
  });

  it('formats and bounds are enforced, naming the field', () => {
    const item = exampleOf(specComponents.ContactListItem!) as Record<string, unknown>;
    expect(rejectedFields('ContactListItem', { ...item, avatar: 'not a url' })).toEqual(['avatar']);
    expect(rejectedFields('ContactListItem', { ...item, createdAt: '03/03/2026' })).toEqual(['createdAt']);
    expect(rejectedFields('ContactListItem', { ...item, positions: [{ companyUrl: 'nope', tenureInMonths: 1.5 }] })).toEqual([
      'positions[0].companyUrl',
      'positions[0].tenureInMonths',
    ]);

    const list = exampleOf(specComponents.ContactList!) as Record<string, unknown>;
    expect(rejectedFields('ContactList', { ...list, contactCount: -1 })).toEqual(['contactCount']);
    expect(rejectedFields('ContactList', { ...list, filters: { companyLinkedInUrls: ['stripe'] } })).toEqual([
      'filters.companyLinkedInUrls[0]',
    ]);

    expect(rejectedFields('CreateContactListRequest', { name: 'x'.repeat(201), filters: {} })).toEqual(['name']);
    expect(rejectedFields('CreateContactListRequest', { name: 'x'.repeat(200), filters: {} })).toEqual([]);
    expect(rejectedFields('UpdateContactListRequest', { name: '   ' })).toEqual(['name']);
  });

  it('countries are ISO 3166-1 alpha-2 codes', () => {
    const filters = (countries: string[]) => rejectedFields('ContactListFilters', { countries });
    expect(filters(['US', 'FR', 'GB', 'DE'])).toEqual([]);
    expect(filters(['US', 'XX'])).toEqual(['countries[1]']);
    expect(filters(['us'])).toEqual(['countries[0]']);
    expect(filters(['USA'])).toEqual(['countries[0]']);
    expect(filters(['France'])).toEqual(['countries[0]']);
  });

  it.each([
    ['/v1/contacts/lists', listListsQuerySchema, 20],
    ['/v1/contacts/lists/{listId}/contacts', listContactsQuerySchema, 25],
  ] as const)('%s paging: limit 1..100 with its default, offset ≥ 0', (path, schema, defaultLimit) => {
    const params = spec.paths[path]!.get!.parameters!;
    const limit = params.find((p) => p.name === 'limit')!.schema;
    const offset = params.find((p) => p.name === 'offset')!.schema;
    expect([limit.minimum, limit.maximum, limit.default, offset.minimum, offset.default]).toEqual([1, 100, defaultLimit, 0, 0]);
    expect(schema.parse({})).toEqual({ limit: defaultLimit, offset: 0 });
    expect(schema.parse({ limit: '100', offset: '7' })).toEqual({ limit: 100, offset: 7 });
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ limit: 'ten' }, 'limit'],
    ] as const) {
      const result = schema.safeParse(query);
      expect(result.success, JSON.stringify(query)).toBe(false);
      expect(ApiError.fromZod(result.error!).details?.map((d) => d.field)).toEqual([field]);
    }
  });
});
