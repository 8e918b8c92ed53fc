import { expect, test } from './fixtures';
import { seedList, sendMessage } from './support/extension';

test('the side panel renders, the background answers, and a change made elsewhere appears live', async ({ context, extensionUrl }) => {
  const panel = await context.newPage();
  await panel.goto(extensionUrl('sidepanel.html'));
  await expect(panel.getByRole('heading', { level: 1 })).toBeVisible();

  const pong = await sendMessage(panel, 'ping', {});
  expect(pong).toMatchObject({ ok: true, data: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/) } });

  const list = await seedList(panel, {
    name: 'Revenue leaders at Stripe',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
    contacts: [
      { baseContactId: 'urn:li:member:1', fullName: 'Ada Lovelace', role: 'VP Sales' },
      { baseContactId: 'urn:li:member:2', fullName: 'Grace Hopper', role: 'CRO' },
    ],
  });
  await panel.reload();
  await expect(panel.getByText('Revenue leaders at Stripe')).toBeVisible();
  await expect(panel.getByText('2 contacts')).toBeVisible();

  const invalid = await sendMessage(panel, 'lists.rename', { listId: list.id, name: '' });
  expect(invalid).toMatchObject({
    ok: false,
    error: { status: 400, error: 'validation_error', details: [{ field: 'payload.name' }] },
  });

  // A second extension page writes through the background; the first one is not reloaded.
  const writer = await context.newPage();
  await writer.goto(extensionUrl('sidepanel.html'));
  const renamed = await sendMessage(writer, 'lists.rename', { listId: list.id, name: 'Go-to-market at Stripe' });
  expect(renamed).toMatchObject({ ok: true, data: { name: 'Go-to-market at Stripe', contactCount: 2 } });

  await expect(panel.getByText('Go-to-market at Stripe')).toBeVisible();
  await expect(panel.getByText('Revenue leaders at Stripe')).toHaveCount(0);
});
