import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { sendMessage } from './support/extension';
import { PANEL_VIEWPORT, PanelPage } from './pages/panel-page';
import { fakeLinkedInMedia, fixtureJob, insertJobs, seedFixtureLists } from './support/seed';

/** Sales Navigator profile pages, for the links the contacts table opens. */
async function fakeProfilePages(context: BrowserContext) {
  await context.route('https://www.linkedin.com/sales/lead/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sales Navigator</title><p>Lead</p>' }),
  );
}

test('lists, jobs and a 2,500-contact list: newest first, filter, virtualised table, search, keyboard, axe', async ({
  context,
  extensionUrl,
}) => {
  await fakeLinkedInMedia(context);
  await fakeProfilePages(context);
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  const { page } = panel;
  await panel.open();

  // Before any list: the empty state explains the first step.
  await expect(panel.viewHeading('Lists')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No lists yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create your first list' })).toHaveAttribute('href', '#/new');
  await panel.expectAccessible('lists, empty');

  // The lists, as a capture or a pull stores them, newest first.
  const seeded = await seedFixtureLists(page);
  await page.reload();
  const rows = page.getByRole('list', { name: /^Lists,/ }).getByRole('listitem');
  await expect(rows).toHaveCount(7);
  await expect(rows.getByRole('link')).toHaveText([
    'Data leaders at Snowflake',
    'Security engineers at Cloudflare',
    'Go-to-market at Stripe',
    'Fintech founders',
    'Design leaders — Figma',
    'EMEA revenue leaders at Datadog',
    'Partner contacts <b>imported</b>',
  ]);
  await expect(page.getByText('7 lists')).toBeVisible();
  const stripeRow = rows.filter({ hasText: 'Go-to-market at Stripe' });
  await expect(stripeRow).toContainText('2,500 contacts');
  await expect(stripeRow).toContainText('Saved Sales Navigator search');
  await expect(stripeRow.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(rows.filter({ hasText: 'Figma' })).toContainText('Lead list “Design leaders Q4”');
  await expect(rows.filter({ hasText: 'Fintech' })).toContainText('LinkedIn address book');

  // How each list stands with Saber: local only, synced at a time, pending or failed with why, gone.
  await expect(stripeRow).toContainText(
    /Saber: Pending Not sent yet: Saber could not be reached\. Check your connection\. Listwright will try again at .+\./,
  );
  const datadogRow = rows.filter({ hasText: 'Datadog' });
  await expect(datadogRow).toContainText('Saber: Synced');
  const datadogSynced = datadogRow.locator('time[datetime="2026-11-20T08:15:00.000Z"]');
  await expect(datadogSynced).toHaveText(/^Nov 20/);
  await expect(datadogSynced).toHaveAttribute('title', /2026/);
  await expect(rows.filter({ hasText: 'Snowflake' }).locator('time[datetime="2026-11-21T17:40:00.000Z"]')).toBeVisible();
  await expect(rows.filter({ hasText: 'Cloudflare' })).toContainText(
    'Saber: Error Saber could not create the list: Saber could not run its Sales Navigator search: connect Sales Navigator in Saber, then push again. Saber said: Sales Navigator is not connected on Saber.',
  );
  await expect(rows.filter({ hasText: 'Figma' })).toContainText('Saber: Deleted on Saber');
  await expect(rows.filter({ hasText: 'Fintech' })).toContainText('Saber: Local only');
  await expect(rows.filter({ hasText: 'Partner contacts' })).toContainText('Saber: Local only');

  // Filter by name: every word, any case.
  const filter = page.getByRole('searchbox', { name: 'Filter lists by name' });
  await filter.fill('STRIPE go');
  await expect(rows.getByRole('link')).toHaveText(['Go-to-market at Stripe']);
  await filter.fill('leaders');
  await expect(rows).toHaveCount(3);
  await filter.fill('nothing like this');
  await expect(page.getByText('No list name contains “nothing like this”.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(rows).toHaveCount(7);

  // Jobs written by the background (here straight into IndexedDB, then a reload).
  const now = Date.now();
  await insertJobs(page, [
    fixtureJob({
      id: 'job-running',
      subject: 'Platform engineers at Vercel',
      status: 'running',
      progress: { done: 3, total: 5, contacts: 75 },
      createdAt: new Date(now - 3000).toISOString(),
    }),
    fixtureJob({
      id: 'job-failed',
      subject: 'Sales at Acme',
      status: 'failed',
      error: { error: 'connector_error', status: 424, reason: { code: 'linkedin.noSeat', params: {} } },
      createdAt: new Date(now - 2000).toISOString(),
    }),
  ]);
  await page.reload();
  const running = panel.jobs.getByRole('listitem').filter({ hasText: 'Platform engineers at Vercel' });
  const progress = running.getByRole('progressbar', { name: 'Capturing “Platform engineers at Vercel”' });
  await expect(progress).toHaveAttribute('aria-valuenow', '3');
  await expect(progress).toHaveAttribute('aria-valuemax', '5');
  await expect(running).toContainText('Page 3 of 5 · 75 contacts');
  const failure = panel.jobs.getByRole('alert');
  await expect(failure).toContainText('This LinkedIn account has no active Sales Navigator seat.');
  await expect(failure).toContainText('Capturing lists needs a Sales Navigator licence on this LinkedIn account.');
  await panel.expectAccessible('lists with jobs');
  await panel.screenshot('lists');
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.expectAccessible('lists with jobs, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  for (const width of [320, 600]) {
    await page.setViewportSize({ width, height: 700 });
    await panel.expectFitsWidth();
  }
  await page.setViewportSize(PANEL_VIEWPORT);

  // Cancel goes to the background; the job's new state comes back live.
  await running.getByRole('button', { name: 'Cancel' }).click();
  await expect(running).toContainText('Cancelled');
  await running.getByRole('button', { name: 'Dismiss' }).click();
  await expect(running).toHaveCount(0);
  await panel.jobs.getByRole('listitem').filter({ hasText: 'Sales at Acme' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(failure).toHaveCount(0);

  // A finished job links to its list.
  await insertJobs(page, [
    fixtureJob({
      id: 'job-done',
      subject: 'Go-to-market at Stripe',
      status: 'done',
      progress: { done: 100, total: 100, contacts: 2500 },
      outcome: { code: 'capture.done', params: { contacts: 2500, matched: 3480 } },
      resultListId: seeded.stripe.id,
    }),
  ]);
  await page.reload();
  await expect(panel.jobs.getByRole('listitem')).toContainText('Done: 2,500 contacts captured (3,480 matched)');
  await panel.jobs.getByRole('link', { name: 'Open list' }).click();
  await expect(panel.viewHeading('Go-to-market at Stripe')).toBeFocused();
  await expect(panel.nav('Lists')).toHaveAttribute('aria-current', 'page');
  await panel.jobs.getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel.jobs).toHaveCount(0);

  // Detail: name, size, filters used.
  const main = page.getByRole('main');
  await expect(main.getByText('2,500 contacts of 3,480 found')).toBeVisible();
  await expect(main.getByText('Saved Sales Navigator search')).toBeVisible();
  await expect(main.getByText('Sync pending')).toBeVisible();
  await expect(
    main.getByText(/^Not sent yet: Saber could not be reached\. Check your connection\. Listwright will try again at .+\.$/),
  ).toBeVisible();
  // Never on Saber: no count of Saber's to compare.
  await expect(main.getByText(/Saber’s capture/)).toHaveCount(0);
  const filters = main.locator('dl');
  await expect(filters.locator('dt')).toHaveText(['Companies', 'Job titles', 'Keywords', 'Countries']);
  await expect(filters).toContainText('stripe');
  await expect(filters).toContainText('Head of Sales');
  await expect(filters).toContainText('enterprise');
  await expect(filters).toContainText('United Kingdom');

  // The table: 2,500 rows for assistive technology, a screenful in the page.
  const table = page.getByRole('table', { name: 'Contacts of Go-to-market at Stripe' });
  await expect(table).toHaveAttribute('aria-rowcount', '2501');
  const contactRows = table.locator('[role="row"][data-index]');
  await expect(contactRows.first()).toContainText(seeded.stripe.contacts[0]!.fullName!);
  expect(await contactRows.count()).toBeLessThan(60);
  const first = seeded.stripe.contacts[0]!;
  const firstLink = contactRows.first().getByRole('link', { name: new RegExp(`^${first.fullName}`) });
  await expect(firstLink).toHaveAttribute('href', first.linkedInSalesNavigatorProfileUrl!);
  await expect(firstLink).toHaveAttribute('target', '_blank');
  await expect(firstLink).toHaveAttribute('rel', 'noopener noreferrer');
  // The first four Stripe people are also in the Datadog and fintech lists (shared base contacts).
  await expect(contactRows.first()).toContainText('in 3 lists');
  await expect(contactRows.nth(8)).toContainText('in 2 lists');
  await expect(table.getByRole('columnheader')).toHaveText(['Name', 'Role', 'Company', 'Location', 'Seniority']);

  // Scrolled to the end, the last contact is rendered (and still only a screenful of rows).
  const last = seeded.stripe.contacts[2499]!;
  await main.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const lastRow = table.locator('[role="row"][aria-rowindex="2501"]');
  await expect(lastRow).toContainText(last.fullName!);
  await expect(lastRow).toContainText(last.role!);
  await expect(lastRow).toContainText(last.location!);
  expect(await contactRows.count()).toBeLessThan(60);

  // Keyboard: Home and End travel the whole list, Arrow keys move a row.
  await lastRow.getByRole('link').focus();
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toContainText(first.fullName!);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toContainText(seeded.stripe.contacts[1]!.fullName!);
  await page.keyboard.press('End');
  await expect(page.locator(':focus')).toContainText(last.fullName!);

  // A click anywhere on a row opens the contact's Sales Navigator profile in a new tab.
  const [profile] = await Promise.all([context.waitForEvent('page'), lastRow.click({ position: { x: 320, y: 60 } })]);
  await expect(profile).toHaveURL(last.linkedInSalesNavigatorProfileUrl!);
  await profile.close();

  // Search within the list (name, role, place; any case, any script).
  const search = page.getByRole('searchbox', { name: 'Search contacts' });
  const target = seeded.stripe.contacts[1234]!;
  await search.fill(target.fullName!.toUpperCase());
  await expect(contactRows.first()).toContainText(target.fullName!);
  const ctos = seeded.stripe.contacts.filter((contact) => contact.role === 'Chief Revenue Officer').length;
  await search.fill('chief revenue officer');
  await expect(main.getByRole('status')).toHaveText(`${ctos.toLocaleString('en-US')} of 2,500 contacts match`);
  await expect(table).toHaveAttribute('aria-rowcount', String(ctos + 1));
  await search.fill('nobody has this name');
  await expect(main.getByText('No contact in this list matches “nobody has this name”.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(table).toHaveAttribute('aria-rowcount', '2501');

  // Both themes: no serious or critical axe violation, and a picture of each.
  await main.evaluate((element) => element.scrollTo({ top: 0 }));
  await panel.expectAccessible('list detail, light');
  await panel.screenshot('list-detail');
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.expectAccessible('list detail, dark');
  await panel.screenshot('list-detail-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  for (const width of [320, 600]) {
    await page.setViewportSize({ width, height: 700 });
    await panel.expectFitsWidth();
  }
  await page.setViewportSize(PANEL_VIEWPORT);

  // A replayed Sales Navigator search can be run again, by hand or on a schedule; it never was yet.
  await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
  await expect(page.getByRole('combobox', { name: 'Auto-refresh' })).toHaveValue('off');
  await expect(main.getByText('Not refreshed yet')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Changes' })).toHaveCount(0);
});

test('delete with confirmation, rename, live updates from elsewhere, and scraped text kept as text', async ({ context, extensionUrl }) => {
  await fakeLinkedInMedia(context);
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  const { page } = panel;
  await panel.open();
  const seeded = await seedFixtureLists(page);
  await page.reload();

  // A pulled list renamed on both sides: Saber's name won, the local one stays in sight.
  const main = page.getByRole('main');
  await page.getByRole('link', { name: 'Data leaders at Snowflake' }).click();
  await expect(panel.viewHeading('Data leaders at Snowflake')).toBeVisible();
  await expect(main.getByText('Synced with Saber')).toBeVisible();
  await expect(main.getByText('Also named locally: “Snowflake data team”')).toBeVisible();
  // Its contacts are Saber's own, so one count says it all.
  await expect(main.getByText(/Saber’s capture/)).toHaveCount(0);
  // Saber ran its search, so only Saber can run it again: Refresh says so, and there is no schedule.
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
  await expect(refresh).toBeDisabled();
  await expect(refresh).toHaveAccessibleDescription(
    'A list pulled from Saber holds Saber’s own capture: refresh it on Saber, then pull again.',
  );
  await expect(page.getByRole('combobox', { name: 'Auto-refresh' })).toHaveCount(0);
  await panel.nav('Lists').click();

  // Delete asks first; a list pushed to Saber also asks about Saber's copy.
  await page.getByRole('link', { name: 'EMEA revenue leaders at Datadog' }).click();
  // Pushed: both captures stay in view, this browser's and Saber's own search.
  await expect(panel.viewHeading('EMEA revenue leaders at Datadog')).toBeVisible();
  await expect(main.getByText('180 contacts', { exact: true })).toBeVisible();
  await expect(main.getByText('Saber’s capture: 212 contacts')).toBeVisible();
  await expect(main.getByText(/^Last synced/).locator('time')).toHaveAttribute('datetime', '2026-11-20T08:15:00.000Z');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “EMEA revenue leaders at Datadog”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('180 contacts');
  await expect(dialog.getByRole('checkbox', { name: 'Also delete it on Saber' })).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await panel.expectAccessible('delete dialog');
  await panel.screenshot('delete-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panel.viewHeading('EMEA revenue leaders at Datadog')).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete list' }).click();
  await expect(panel.viewHeading('Lists')).toBeVisible();
  await expect(page).toHaveURL(/#\/lists$/);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “EMEA revenue leaders at Datadog”.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'EMEA revenue leaders at Datadog' })).toHaveCount(0);
  await expect(page.getByText('6 lists')).toBeVisible();

  // Its people stay in the other lists: the first Stripe contact is now in two.
  await page.getByRole('link', { name: 'Go-to-market at Stripe' }).click();
  const firstRow = page.locator('[role="row"][aria-rowindex="2"]');
  await expect(firstRow).toContainText(seeded.stripe.contacts[0]!.fullName!);
  await expect(firstRow).toContainText('in 2 lists');

  // Rename inline, with the store's rules.
  await expect(panel.viewHeading('Go-to-market at Stripe')).toBeVisible();
  await page.getByRole('button', { name: 'Rename' }).click();
  const name = page.getByRole('textbox', { name: 'List name' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('Go-to-market at Stripe');
  await name.fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Name must not be empty')).toBeVisible();
  await expect(name).toHaveAccessibleDescription('Name must not be empty');
  await name.fill('x'.repeat(201));
  await name.press('Enter');
  await expect(page.getByText('Name must be at most 200 characters')).toBeVisible();
  await name.press('Escape');
  await expect(panel.viewHeading('Go-to-market at Stripe')).toBeVisible();
  await page.getByRole('button', { name: 'Rename' }).click();
  await name.fill('  GTM leaders at Stripe  ');
  await name.press('Enter');
  await expect(panel.viewHeading('GTM leaders at Stripe')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Renamed to “GTM leaders at Stripe”.' })).toBeVisible();
  await panel.nav('Lists').click();
  await expect(page.getByRole('link', { name: 'GTM leaders at Stripe' })).toBeVisible();

  // Another window deletes the list on screen: the panel notices without a reload.
  const elsewhere = await context.newPage();
  await elsewhere.goto(extensionUrl('sidepanel.html'));
  await page.getByRole('link', { name: 'Design leaders — Figma' }).click();
  await expect(panel.viewHeading('Design leaders — Figma')).toBeVisible();
  // Deleted on Saber: said so, and deleting here has nothing left to delete there.
  await expect(main.getByText('Deleted on Saber')).toBeVisible();
  await expect(main.getByText(/Saber no longer has this list/)).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  const figmaDialog = page.getByRole('dialog', { name: 'Delete “Design leaders — Figma”?' });
  await expect(figmaDialog).toBeVisible();
  await expect(figmaDialog.getByRole('checkbox')).toHaveCount(0);
  await panel.expectAccessible('list deleted on Saber, delete dialog');
  await figmaDialog.getByRole('button', { name: 'Cancel' }).click();
  const deleted = await sendMessage(elsewhere, 'lists.delete', { listId: seeded.figma.id });
  expect(deleted).toMatchObject({ ok: true });
  await expect(page.getByRole('heading', { name: 'This list no longer exists' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to lists' }).click();
  await expect(page.getByText('5 lists')).toBeVisible();
  await elsewhere.evaluate(
    (listId) => chrome.runtime.sendMessage({ type: 'lists.rename', payload: { listId, name: 'Security at Cloudflare' } }),
    seeded.cloudflare.id,
  );
  await expect(page.getByRole('link', { name: 'Security at Cloudflare' })).toBeVisible();
  await elsewhere.close();

  // Scraped text is text: no markup runs, no unsafe link or image is rendered.
  const title = await page.title();
  await page.getByRole('link', { name: 'Partner contacts <b>imported</b>' }).click();
  await expect(panel.viewHeading('Partner contacts <b>imported</b>')).toBeVisible();
  const hostile = page.locator('[role="row"][aria-rowindex="2"]');
  await expect(hostile).toContainText('<img src=x onerror="document.title=\'pwned\'">Mallory');
  await expect(hostile).toContainText('<script>document.title="pwned"</script>Head of Partnerships');
  await expect(hostile.getByRole('link')).toHaveCount(0);
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page.locator('main b, main script')).toHaveCount(0);
  const trudy = page.getByRole('link', { name: /^Trudy Javascript/ });
  await expect(trudy).toHaveAttribute('href', 'https://www.linkedin.com/sales/lead/ACwAAAsafe,NAME_SEARCH,ok');
  expect(await page.title()).toBe(title);
});
