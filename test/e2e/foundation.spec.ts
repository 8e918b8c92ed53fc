import { expect, test } from './fixtures';
import { sendMessage } from './support/extension';

test('the side panel renders, the background answers, and a new list appears live', async ({ context, extensionUrl }) => {
  const panel = await context.newPage();
  await panel.goto(extensionUrl('sidepanel.html'));
  await expect(panel.getByRole('heading', { level: 1 })).toBeVisible();

  const pong = await sendMessage(panel, 'ping', {});
  expect(pong).toMatchObject({ ok: true, data: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/) } });

  const invalid = await sendMessage(panel, 'lists.create', { name: '', contacts: [] });
  expect(invalid).toMatchObject({
    ok: false,
    error: { status: 400, error: 'validation_error', details: [{ field: 'payload.name' }] },
  });

  // A second extension page writes through the background; the first one was never reloaded.
  const writer = await context.newPage();
  await writer.goto(extensionUrl('sidepanel.html'));
  const created = await sendMessage(writer, 'lists.create', {
    name: 'Revenue leaders at Stripe',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
    contacts: [
      { baseContactId: 'urn:li:member:1', fullName: 'Ada Lovelace', role: 'VP Sales' },
      { baseContactId: 'urn:li:member:2', fullName: 'Grace Hopper', role: 'CRO' },
    ],
  });
  expect(created).toMatchObject({ ok: true, data: { name: 'Revenue leaders at Stripe', contactCount: 2 } });

  await expect(panel.getByText('Revenue leaders at Stripe')).toBeVisible();
  await expect(panel.getByText('2 contacts')).toBeVisible();
});
