import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSchemas, type MessageType } from '../../../lib/messaging/protocol';
import { createRouter, type Handlers } from '../../../lib/messaging/router';
import { HOSTILE_STRINGS, HOSTILE_URLS } from '../../fixtures/hostile/strings';
import { ruleText } from '../model/text-arbitraries';

/**
 * Fuzz over every request schema of the message protocol, through the router as the background
 * runs it: any payload is either accepted, and what the handler receives reads back unchanged
 * through the same schema, or refused with a validation error naming the field (`payload.…`).
 * Nothing is thrown across the channel.
 */

const TYPES = Object.keys(requestSchemas) as MessageType[];

/** Every handler hands back the payload it was given, so the test sees what the schema let through. */
const echo = Object.fromEntries(TYPES.map((type) => [type, (payload: unknown) => Promise.resolve(payload)])) as unknown as Handlers;
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const router = createRouter(echo, { id: ID, pagesUrl: `chrome-extension://${ID}/` });
/** As the side panel sends it. */
const route = (message: unknown) => router(message, { id: ID, url: `chrome-extension://${ID}/sidepanel.html` });

const text = fc.oneof(
  { weight: 3, arbitrary: ruleText(30) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.values(HOSTILE_STRINGS), ...HOSTILE_URLS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('Q4 targets', 'VP Sales', 'list-1', 'job-1', '7012345', 'FR', 'https://www.linkedin.com/company/stripe'),
  },
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)) },
  { weight: 1, arbitrary: fc.constantFrom('connected', 'weekly', 'off', 'monthly', '(keywords:ops)', '__proto__') },
);

/** A payload near each schema's own shape: its keys (and `filters`' keys) with any values. */
function nearShape(type: MessageType): fc.Arbitrary<unknown> {
  const schema = requestSchemas[type] as { shape?: Record<string, unknown> };
  const keys = Object.keys(schema.shape ?? {});
  const filters = fc.record(
    {
      companyLinkedInUrls: fc.array(text, { maxLength: 3 }),
      jobTitles: fc.array(text, { maxLength: 3 }),
      keywords: text,
      countries: fc.array(text, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
  const contact = fc.record(
    {
      baseContactId: text,
      fullName: text,
      headline: text,
      avatar: text,
      linkedInSalesNavigatorProfileUrl: text,
      positions: fc.array(fc.record({ title: text }), { maxLength: 2 }),
    },
    { requiredKeys: ['baseContactId'] },
  );
  const fields = Object.fromEntries(
    keys.map((key) => [
      key,
      key === 'filters'
        ? filters
        : key === 'contacts'
          ? fc.array(contact, { maxLength: 3 })
          : key === 'size'
            ? fc.oneof(fc.integer(), value)
            : value,
    ]),
  );
  return fc.record(fields, { requiredKeys: [] });
}

const message = fc.constantFrom(...TYPES).chain((type) =>
  fc.record({
    type: fc.constant<string>(type),
    payload: fc.oneof({ weight: 4, arbitrary: nearShape(type) }, { weight: 1, arbitrary: fc.anything() }),
  }),
);

const FIELD = /^(?:|type|payload(?:[.[].*)?)$/;

describe('every message request, on any payload', () => {
  it('is accepted and read back unchanged, or refused with a validation error naming the field', async () => {
    const seen = new Map<MessageType, { accepted: number; refused: number }>(TYPES.map((type) => [type, { accepted: 0, refused: 0 }]));
    await fc.assert(
      fc.asyncProperty(message, async ({ type, payload }) => {
        const reply = await route({ type, payload });
        const counts = seen.get(type as MessageType)!;
        if (reply.ok) {
          counts.accepted += 1;
          const schema = requestSchemas[type as MessageType];
          expect(schema.parse(reply.data)).toEqual(reply.data);
          return;
        }
        counts.refused += 1;
        expect(reply.error.error).toBe('validation_error');
        expect(reply.error.details?.length).toBeGreaterThan(0);
        for (const detail of reply.error.details ?? []) {
          expect(detail.field).toMatch(FIELD);
          expect(detail.message?.length).toBeGreaterThan(0);
        }
      }),
      {
        numRuns: 3000,
        // With 20-odd message types, a whole valid lead-list payload is rare at random: one of each is always tried.
        examples: [
          [{ type: 'capture.startLeadList', payload: { leadListId: '7012345', leadListName: 'Q4 targets', name: 'Q4 targets' } }],
          [{ type: 'lists.rename', payload: { listId: 'list-1', name: 'VP Sales' } }],
          [{ type: 'jobs.cancel', payload: { jobId: 'job-1' } }],
        ],
      },
    );
    // Both ends were reached for the messages that take input, or the property proved little.
    for (const type of ['lists.rename', 'capture.startLeadList', 'jobs.cancel'] as const) {
      expect(seen.get(type)?.accepted, type).toBeGreaterThan(0);
      expect(seen.get(type)?.refused, type).toBeGreaterThan(0);
    }
  });

  it('refuses what is not a message at all, naming the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (anything) => {
        fc.pre(!(typeof anything === 'object' && anything !== null && 'type' in anything && typeof anything.type === 'string'));
        const reply = await route(anything);
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect(reply.error.details?.[0]?.field).toMatch(/^(?:|type)$/);
      }),
    );
    expect(await route({ type: 'lists.nuke', payload: {} })).toMatchObject({ ok: false, error: { details: [{ field: 'type' }] } });
  });
});
