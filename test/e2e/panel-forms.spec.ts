import type { Locator, Page } from '@playwright/test';
import { FakeSaber } from '../fake-saber/fake-saber';
import { routeFakeSaber } from '../fake-saber/playwright';
import { expect, test } from './fixtures';
import { PANEL_VIEWPORT, PanelPage } from './pages/panel-page';
import { fakeLinkedIn, signInToLinkedIn, STRIPE_ORGANIZATION_ID } from './support/fake-linkedin';

const SABER_KEY = 'sk_live_e2eTestKey_0123456789';

/** A Sales Navigator people search as the address bar keeps it: values encoded twice. */
const SEARCH_PAGE =
  'https://www.linkedin.com/sales/search/people?query=(spellCorrectionEnabled%3Atrue%2Cfilters%3AList(' +
  `(type%3ACURRENT_COMPANY%2Cvalues%3AList((id%3Aurn%253Ali%253Aorganization%253A${STRIPE_ORGANIZATION_ID}%2Ctext%3AStripe%2CselectionType%3AINCLUDED)))` +
  '%2C(type%3ACURRENT_TITLE%2Cvalues%3AList((text%3AHead%2520of%2520Sales%2CselectionType%3AINCLUDED)))' +
  '%2C(type%3AREGION%2Cvalues%3AList((id%3A103644278%2Ctext%3AUnited%2520States%2CselectionType%3AINCLUDED)))' +
  '%2C(type%3ASENIORITY_LEVEL%2Cvalues%3AList((id%3A220%2Ctext%3ADirector%2CselectionType%3AINCLUDED))))' +
  '%2Ckeywords%3Apayments)&sessionId=Qm9ndXM%2FzZ%3D%3D';

/** Pastes `text` into an input the way a clipboard paste arrives. */
async function paste(input: Locator, text: string) {
  await input.focus();
  await input.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * Makes the panel's next `jobs.dismiss` come back refused, as the background answers when it
 * cannot do it; the messages after it go through as usual.
 */
async function refuseNextDismiss(page: Page) {
  await page.evaluate(() => {
    const runtime = chrome.runtime;
    const send = runtime.sendMessage.bind(runtime);
    const refuse = (message: { type?: string }) => {
      if (message.type !== 'jobs.dismiss') return send(message);
      runtime.sendMessage = send;
      return Promise.resolve({ ok: false, error: { error: 'internal_error', message: 'The change could not be saved.', status: 500 } });
    };
    runtime.sendMessage = refuse as unknown as typeof runtime.sendMessage;
  });
}

test('navigation, the New list form’s validation, a capture followed in the jobs area, and lead lists', async ({
  context,
  extensionUrl,
}) => {
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, {
    total: 40,
    searchDelayMs: 300,
    leadLists: [
      { id: '7012345678901234567', name: 'Design leaders Q4', members: 42 },
      { id: '7012345678901234999', name: 'Fintech CFOs — EMEA', members: 118 },
    ],
  });
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  const { page } = panel;
  await panel.open();

  // Navigation: three entries with exactly these names, the current one marked, focus moved.
  await expect(panel.nav('Lists')).toHaveAttribute('aria-current', 'page');
  await panel.nav('Settings').click();
  await expect(panel.viewHeading('Settings')).toBeFocused();
  await expect(panel.nav('Settings')).toHaveAttribute('aria-current', 'page');
  await expect(panel.nav('Lists')).not.toHaveAttribute('aria-current', 'page');
  await panel.nav('Lists').focus();
  await page.keyboard.press('Enter');
  await expect(panel.viewHeading('Lists')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(panel.nav('New list')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.viewHeading('New list')).toBeFocused();
  await expect(page).toHaveURL(/#\/new$/);
  await panel.expectAccessible('new list, empty');

  // Submitting the empty form names every problem, with the store's messages.
  const name = page.getByRole('textbox', { name: 'List name' });
  const companies = page.getByRole('textbox', { name: 'Company LinkedIn URLs' });
  const titles = page.getByRole('textbox', { name: 'Job titles' });
  const countries = page.getByRole('combobox', { name: 'Countries' });
  const size = page.getByRole('spinbutton', { name: 'Number of contacts' });
  const capture = page.getByRole('button', { name: 'Capture contacts' });
  await expect(size).toHaveValue('125');
  await capture.click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription('Name must not be empty');
  await expect(companies).toHaveAccessibleDescription(/Add at least one LinkedIn company URL/);
  await expect(page.getByText('Add at least one job title, keyword or country')).toBeVisible();

  // Inline, as one types and leaves a field.
  await name.fill('x'.repeat(201));
  await name.blur();
  await expect(page.getByText('Name must be at most 200 characters')).toBeVisible();
  await name.fill('Revenue leaders at Stripe');
  await expect(page.getByText('Name must be at most 200 characters')).toBeHidden();
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  // Company URLs: Enter adds one, a paste adds several, a wrong one stays with the reason.
  await companies.fill('stripe.com');
  await companies.press('Enter');
  await expect(page.getByText('Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe')).toBeVisible();
  await expect(companies).toHaveValue('stripe.com');
  await companies.fill('');
  await paste(companies, 'https://www.linkedin.com/company/stripe/, linkedin.com/company/1035\nnot a company');
  const companyChips = page.getByRole('list', { name: 'Company LinkedIn URLs added' }).getByRole('listitem');
  await expect(companyChips).toHaveText(['linkedin.com/company/stripe×', 'linkedin.com/company/1035×']);
  await expect(companies).toHaveValue('not a company');
  await expect(companies).toHaveAccessibleDescription(/Must be a LinkedIn company URL/);
  await companies.fill('');
  await page.getByRole('button', { name: 'Remove linkedin.com/company/1035' }).click();
  await expect(companies).toBeFocused();
  await expect(companyChips).toHaveCount(1);

  // Job titles: chips, removable, duplicates ignored; a comma separates titles, as a new line does.
  await titles.fill('Director, Revenue Operations');
  await titles.press('Enter');
  const titleChips = page.getByRole('list', { name: 'Job titles added' }).getByRole('listitem');
  await expect(titleChips).toHaveText(['Director×', 'Revenue Operations×']);
  await page.getByRole('button', { name: 'Remove Director', exact: true }).click();
  await page.getByRole('button', { name: 'Remove Revenue Operations', exact: true }).click();
  await titles.fill('VP Sales');
  await titles.press('Enter');
  await paste(titles, 'Head of Sales\nVP Sales\nChief Revenue Officer');
  await expect(titleChips).toHaveCount(3);
  await page.getByRole('button', { name: 'Remove Chief Revenue Officer' }).click();
  await expect(titleChips).toHaveText(['VP Sales×', 'Head of Sales×']);
  await expect(page.getByText('Add at least one job title, keyword or country')).toBeHidden();

  // Countries: a code or an English name, shown by name; names with a comma stay one country
  // whether pasted or typed, and a list is separated the same way by Enter and paste.
  const countryChips = page.getByRole('list', { name: 'Countries added' }).getByRole('listitem');
  await paste(countries, 'Virgin Islands, U.S.\nTaiwan, Province of China');
  await expect(countryChips).toHaveText(['Virgin Islands, U.S.×', 'Taiwan, Province of China×']);
  await countries.fill('Moldova, Republic of, France');
  await countries.press('Enter');
  await expect(countryChips).toHaveText(['Virgin Islands, U.S.×', 'Taiwan, Province of China×', 'Moldova, Republic of×', 'France×']);
  await expect(countries).toHaveValue('');
  for (const country of ['Virgin Islands, U.S.', 'Taiwan, Province of China', 'Moldova, Republic of', 'France']) {
    await page.getByRole('button', { name: `Remove ${country}` }).click();
  }
  await countries.fill('united kingdom');
  await countries.press('Enter');
  await countries.fill('us');
  await countries.press('Enter');
  await countries.fill('Atlantis');
  await countries.press('Enter');
  await expect(page.getByText('“Atlantis” is not a country. Type a name such as France or a code such as FR.')).toBeVisible();
  await countries.fill('');
  await expect(countryChips).toHaveText(['United Kingdom×', 'United States of America×']);

  // Number of contacts: 1 to 2,500.
  await size.fill('3000');
  await size.blur();
  await expect(page.getByText('At most 2,500 contacts')).toBeVisible();
  await size.fill('0');
  await expect(page.getByText('At least 1 contact')).toBeVisible();
  await size.fill('50');
  await expect(size).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Keywords' }).fill('enterprise');
  await panel.expectAccessible('new list, filled');
  await panel.screenshot('new-list');
  for (const width of [320, 600]) {
    await page.setViewportSize({ width, height: 700 });
    await panel.expectFitsWidth();
  }
  await page.setViewportSize(PANEL_VIEWPORT);

  // The capture runs in the background; the jobs area follows it to its list.
  await capture.click();
  await expect(page.getByRole('status').filter({ hasText: 'Capture of “Revenue leaders at Stripe” started.' })).toBeVisible();
  const job = panel.jobs.getByRole('listitem').filter({ hasText: 'Revenue leaders at Stripe' });
  await expect(job.getByRole('progressbar')).toBeVisible();
  await expect(name).toHaveValue('');
  await expect(job.getByRole('link', { name: 'Open list' })).toBeVisible({ timeout: 30_000 });
  await expect(job).toContainText('Done:');
  await job.getByRole('link', { name: 'Open list' }).click();
  await expect(panel.viewHeading('Revenue leaders at Stripe')).toBeFocused();
  await expect(page.getByRole('main').locator('.view-subtitle')).toHaveText(/^40 contacts/);
  // The capture's run report: all 40 matches read and kept.
  await expect(page.getByRole('region', { name: 'Run report' }).locator('dd')).toHaveText(['40', '40 contacts', '40 contacts', 'None']);
  await expect(page.getByRole('table', { name: 'Contacts of Revenue leaders at Stripe' })).toHaveAttribute('aria-rowcount', '41');

  // A capture can be cancelled while it runs; nothing is saved.
  await panel.nav('New list').click();
  await name.fill('Cancelled on purpose');
  await companies.fill('https://www.linkedin.com/company/stripe');
  await companies.press('Enter');
  await page.getByRole('textbox', { name: 'Keywords' }).fill('payments');
  await capture.click();
  const cancelled = panel.jobs.getByRole('listitem').filter({ hasText: 'Cancelled on purpose' });
  await cancelled.getByRole('button', { name: 'Cancel' }).click();
  await expect(cancelled).toContainText('Cancelled', { timeout: 20_000 });
  await expect(cancelled.getByRole('link', { name: 'Open list' })).toHaveCount(0);

  // A refused Dismiss is said in the jobs area until the next Cancel or Dismiss…
  const finished = panel.jobs.getByRole('listitem').filter({ hasText: 'Revenue leaders at Stripe' });
  const refused = panel.jobs.getByRole('alert').filter({ hasText: /Could not dismiss the job .*Revenue leaders at Stripe/ });
  await refuseNextDismiss(page);
  await finished.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toContainText('The change could not be saved.');
  await cancelled.getByRole('button', { name: 'Dismiss' }).click();
  await expect(cancelled).toHaveCount(0);
  await expect(refused).toHaveCount(0);
  await expect(finished).toBeVisible();
  // …or until its job goes away, here dismissed from another panel.
  await refuseNextDismiss(page);
  await finished.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toBeVisible();
  const otherPanel = new PanelPage(await context.newPage(), extensionUrl);
  await otherPanel.open();
  await otherPanel.jobs
    .getByRole('listitem')
    .filter({ hasText: 'Revenue leaders at Stripe' })
    .getByRole('button', { name: 'Dismiss' })
    .click();
  await otherPanel.page.close();
  await page.bringToFront();
  await expect(finished).toHaveCount(0);
  await expect(refused).toHaveCount(0);

  // Saved lead lists, loaded on request, each with its capture button.
  await page.getByRole('button', { name: 'Show my lead lists' }).click();
  const leadLists = page.getByRole('region', { name: 'Saved lead lists' }).getByRole('listitem');
  await expect(leadLists).toHaveCount(2);
  await expect(leadLists.first()).toContainText('Design leaders Q4');
  await expect(leadLists.first()).toContainText('42 leads');
  await panel.expectAccessible('new list, lead lists');
  await page.getByRole('button', { name: 'Capture Fintech CFOs — EMEA' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import of “Fintech CFOs — EMEA” started.' })).toBeVisible();
  await expect(panel.jobs.getByRole('listitem').filter({ hasText: 'Fintech CFOs — EMEA' })).toBeVisible();

  // The tab beside the panel: a company page fills in the company…
  const beside = await context.newPage();
  await beside.goto('https://www.linkedin.com/company/stripe/');
  await beside.bringToFront();
  await expect(companyChips).toHaveText(['linkedin.com/company/stripe×']);
  await expect(companies).toHaveAccessibleDescription(/Filled in from the company page you are on/);

  // …and a Sales Navigator search offers its filters, replayed as is (unmapped ones included).
  await beside.goto(SEARCH_PAGE);
  const useSearch = page.getByRole('region', { name: 'Sales Navigator search on this tab' });
  await expect(useSearch).toContainText('Seniority level: Director');
  await useSearch.getByRole('button', { name: 'Use this search' }).click();
  await expect(companyChips).toHaveText([`linkedin.com/company/${STRIPE_ORGANIZATION_ID}×`]);
  await expect(titleChips).toHaveText(['Head of Sales×']);
  await expect(countryChips).toHaveText(['United States of America×']);
  await expect(page.getByRole('textbox', { name: 'Keywords' })).toHaveValue('payments');
  const replaying = page.getByText('Capturing replays your Sales Navigator search.', { exact: false });
  await expect(replaying).toBeVisible();
  await panel.expectAccessible('new list, search on the tab beside');

  // A job title still typed when Capture is pressed is a changed filter: the form decides, the
  // search is not replayed.
  await titles.fill('Chief Revenue Officer');
  await name.fill('Form filters win');
  const searchesBefore = linkedIn.searches.length;
  await capture.click();
  const fromForm = panel.jobs.getByRole('listitem').filter({ hasText: 'Form filters win' });
  await expect(fromForm.getByRole('link', { name: 'Open list' })).toBeVisible({ timeout: 30_000 });
  const formSearches = linkedIn.searches.slice(searchesBefore).map((search) => decodeURIComponent(search.query));
  expect(formSearches.length).toBeGreaterThan(0);
  expect(formSearches.some((query) => /SENIORITY_LEVEL/.test(query))).toBe(false);
  expect(formSearches.some((query) => /CURRENT_TITLE.*Chief(%(25)?20| )Revenue/.test(query))).toBe(true);

  // Used again, the search is replayed as is.
  await useSearch.getByRole('button', { name: 'Use this search' }).click();
  await expect(replaying).toBeVisible();
  await name.fill('Sales directors at Stripe');
  await capture.click();
  const replayed = panel.jobs.getByRole('listitem').filter({ hasText: 'Sales directors at Stripe' });
  await expect(replayed.getByRole('link', { name: 'Open list' })).toBeVisible({ timeout: 30_000 });
  expect(linkedIn.searches.some((search) => /SENIORITY_LEVEL/.test(decodeURIComponent(search.query)))).toBe(true);
});

test('settings: validation by field, masked secrets, save, used today, test connection and pull', async ({ context, extensionUrl }) => {
  const saber = new FakeSaber({ apiKey: SABER_KEY });
  saber.seedList({ name: 'Board members at Monzo', contactCount: 12 });
  await routeFakeSaber(context, saber);
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  const { page } = panel;
  // Pages already fetched today, as the capture jobs count them.
  await panel.open();
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const now = new Date();
        const pad = (n: number) => String(n).padStart(2, '0');
        const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
        const open = indexedDB.open('listwright');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          // The LinkedIn gate's record (lib/db/gate-store.ts): 12 pages used today.
          const value = { nextRequestAt: 0, coolDownUntil: 0, refusals: 0, pagesDay: day, pagesUsed: 12 };
          tx.objectStore('meta').put({ key: 'linkedin.gate', value, updatedAt: now.toISOString() });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('meta could not be written'));
        };
      }),
  );
  await panel.open('#/settings');
  await expect(panel.viewHeading('Settings')).toBeVisible();
  await panel.expectAccessible('settings');

  const key = page.getByRole('textbox', { name: 'Saber API key' });
  const baseUrl = page.getByRole('textbox', { name: 'Saber base URL' });
  const token = page.getByRole('textbox', { name: 'LinkedIn access token' });
  const shortest = page.getByRole('spinbutton', { name: 'Shortest pause (seconds)' });
  const longest = page.getByRole('spinbutton', { name: 'Longest pause (seconds)' });
  const budget = page.getByRole('spinbutton', { name: 'LinkedIn pages per day' });
  await expect(baseUrl).toHaveValue('https://api.saber.app');
  await expect(budget).toHaveValue('100');
  await expect(budget).toHaveAccessibleDescription(/Used today: 12 of 100 pages/);

  // Secrets are masked until asked for.
  await key.fill('abc');
  await expect(key).toHaveCSS('-webkit-text-security', 'disc');
  await page.getByRole('button', { name: 'Show Saber API key' }).click();
  await expect(page.getByRole('button', { name: 'Show Saber API key' })).toHaveAttribute('aria-pressed', 'true');
  await expect(key).toHaveCSS('-webkit-text-security', 'none');
  await page.getByRole('button', { name: 'Show Saber API key' }).click();
  await expect(key).toHaveCSS('-webkit-text-security', 'disc');

  // Each rule is checked where it applies, with the settings' own messages.
  await key.blur();
  await expect(key).toHaveAccessibleDescription(/The key starts with sk_live_ followed by at least 8 letters or digits/);
  await baseUrl.fill('http://api.saber.app');
  await shortest.fill('5');
  await longest.fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(key).toBeFocused();
  // A release takes https only (http to this machine is for development builds).
  await expect(baseUrl).toHaveAccessibleDescription(/Must use https$/);
  await expect(longest).toHaveAccessibleDescription('The longest pause must not be shorter than the shortest');
  expect(await page.evaluate(() => chrome.storage.local.get('settings'))).toEqual({});

  await key.fill(SABER_KEY);
  await baseUrl.fill('https://api.saber.app/');
  await token.fill('AQV-linkedin-member-token');
  await shortest.fill('1.5');
  await longest.fill('4');
  await budget.fill('250');
  const kept = page.getByLabel('Refreshes kept per list');
  await kept.fill('0');
  await kept.blur();
  await expect(kept).toHaveAccessibleDescription(/At least 1 refresh/);
  await kept.fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(budget).toHaveAccessibleDescription(/Used today: 12 of 250 pages/);
  const { settings } = await page.evaluate(() => chrome.storage.local.get<{ settings: Record<string, unknown> }>('settings'));
  expect(settings).toEqual({
    saberApiKey: SABER_KEY,
    saberBaseUrl: 'https://api.saber.app',
    linkedInAccessToken: 'AQV-linkedin-member-token',
    pacingMinSeconds: 1.5,
    pacingMaxSeconds: 4,
    dailyPageBudget: 250,
    historyKeep: 30,
  });

  // Saved for good: a fresh panel shows them, still masked.
  await page.reload();
  await expect(key).toHaveValue(SABER_KEY);
  await expect(key).toHaveCSS('-webkit-text-security', 'disc');
  await expect(token).toHaveValue('AQV-linkedin-member-token');
  await expect(budget).toHaveValue('250');

  // Another origin for the key: the form says it will be removed before anything is saved.
  await baseUrl.fill('https://staging.saber.app');
  await expect(baseUrl).toHaveAccessibleDescription('The API key will be removed: enter it again for the new address.');
  await baseUrl.fill('https://api.saber.app');
  await expect(baseUrl).toHaveAccessibleDescription(/^Leave https:\/\/api\.saber\.app unless/);
  await panel.screenshot('settings');
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.expectAccessible('settings, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  for (const width of [320, 600]) {
    await page.setViewportSize({ width, height: 700 });
    await panel.expectFitsWidth();
  }
  await page.setViewportSize(PANEL_VIEWPORT);

  // Test connection and Pull go to the background and answer in plain words.
  await page.getByRole('button', { name: 'Test connection' }).click();
  // The connector's state is said once, in the background's own words.
  await expect(page.getByRole('group', { name: 'Saber' }).getByRole('status')).toHaveText(
    'Connected to Saber. Sales Navigator is connected on your Saber account, so pushed lists can run Saber’s search.',
  );
  await page.getByRole('button', { name: 'Pull from Saber' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pulling your lists from Saber.' })).toBeVisible();
  await expect(panel.jobs.getByRole('listitem').first()).toBeVisible();
  await panel.nav('Lists').click();
  await expect(page.getByRole('link', { name: 'Board members at Monzo' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('listitem').filter({ hasText: 'Board members at Monzo' })).toContainText('Pulled from Saber');

  // A wrong key is refused by Saber; the panel says so and what to do.
  saber.connector = 'disconnected';
  await panel.nav('Settings').click();
  await key.fill('sk_live_notTheRightKey123');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Check your Saber API key in Settings');
});
