import type { EpochChanges, Population } from '../fake-linkedin/population';
import type { FakeReply, FakeRequest, FakeSaber } from '../fake-saber/fake-saber';

/** What the demo's control page shows and acts on. */
export interface ControlFacts {
  population: Population;
  saber: Pick<FakeSaber, 'allLists'>;
  saberKey: string;
  linkedInToken: string;
  companyUrl: string;
  searchUrl: string;
}

/** `2026-12-02`: the population's clock, the same on every machine. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One line on what a month changed, for the page and the terminal. */
export function describeChanges(changes: EpochChanges, date: number): string {
  return (
    `Month ${changes.epoch} (${isoDay(date)}): ${changes.joined.length} people joined, ` +
    `${changes.moved.length} moved to another company, ${changes.vanished.length} left LinkedIn, ` +
    `${changes.retitled.length} changed title; ${changes.connected.length} new connections.`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 760px; padding: 24px; color: #1f2937; }
  h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
  code { background: #eef2ff; padding: 1px 5px; border-radius: 4px; word-break: break-all; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e5e7eb; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .state { background: #f0f9ff; border: 1px solid #bae6fd; border-radius: 8px; padding: 12px 16px; }
  button { font: inherit; padding: 8px 14px; border-radius: 6px; border: 0; background: #1d4ed8; color: white; cursor: pointer; }
`;

/** The control page's HTML, from the demo's state as it is now. */
export function renderControlPage(facts: ControlFacts): string {
  const { population } = facts;
  const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
  const companies = population
    .leadCompanies()
    .map((company) => {
      const url = `https://www.linkedin.com/company/${company.slug}/`;
      return `<tr><td>${link(url, company.name)}</td><td>${escapeHtml(company.industry)}</td><td class="n">${population.staffOf(company.id).length}</td></tr>`;
    })
    .join('');
  const leadLists = population
    .leadLists()
    .map((list) => `<tr><td>${escapeHtml(list.name)}</td><td class="n">${list.entityCount}</td></tr>`)
    .join('');
  const saberLists = facts.saber
    .allLists()
    .map((list) => `<tr><td>${escapeHtml(list.name)}</td><td class="n">${list.contactCount}</td></tr>`)
    .join('');
  const changes = population.lastChanges;
  const lastMove = changes ? `<p>Last move: ${escapeHtml(describeChanges(changes, population.date))}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Listwright demo</title><style>${STYLE}</style></head><body>
<h1>Listwright demo</h1>
<p>The extension in this browser is Listwright as built. LinkedIn and Saber are stand-ins that answer from a made-up,
deterministic population; nothing you do here leaves this machine, and the browser profile is deleted when the demo ends.</p>

<h2>Start here</h2>
<ol>
  <li>Open the side panel: the puzzle-piece icon in the toolbar, then <strong>Listwright</strong> (pin it to keep it there).
  The <em>Listwright</em> tab is the same panel in a tab.</li>
  <li><strong>New list</strong> beside the ${link(facts.companyUrl, 'Stripe company page')}: the company is filled in. Add a job
  title such as <em>VP Sales</em> and press <strong>Capture contacts</strong>.</li>
  <li>Beside the ${link(facts.searchUrl, 'Sales Navigator search')}, the panel offers <strong>Use this search</strong>.</li>
  <li><strong>Show my lead lists</strong> lists the saved lead lists below; <strong>Capture</strong> imports one.</li>
  <li>Open a list: <strong>Export CSV</strong>; on Lists, <strong>Export all</strong>. Files are saved under <code>demo-output/downloads/</code>.</li>
  <li>Settings: paste the Saber API key <code>${escapeHtml(facts.saberKey)}</code>, <strong>Save</strong>,
  <strong>Test connection</strong>; then <strong>Push to Saber</strong> on a list and <strong>Pull from Saber</strong>.</li>
  <li>Move the demo a month on (below) and capture again: people have joined, left and changed title.</li>
</ol>

<h2>The demo's month</h2>
<div class="state">
  <p>Month ${population.epoch} · ${isoDay(population.date)} · ${population.activePeople().length} people on LinkedIn</p>
  ${lastMove}
  <form method="post" action="/advance"><button type="submit">Move the demo a month on</button></form>
</div>

<h2>Companies</h2>
<table><thead><tr><th>Company</th><th>Industry</th><th class="n">People</th></tr></thead><tbody>${companies}</tbody></table>

<h2>Saved lead lists</h2>
<table><thead><tr><th>Lead list</th><th class="n">Leads</th></tr></thead><tbody>${leadLists}</tbody></table>

<h2>Your network</h2>
<p>${population.connections().length} connections and ${population.addressBook().length} address-book entries. The Contacts API
accepts the member token <code>${escapeHtml(facts.linkedInToken)}</code> (for the address-book export, not built yet).</p>

<h2>On Saber</h2>
<table><thead><tr><th>List</th><th class="n">Contacts</th></tr></thead><tbody>${saberLists}</tbody></table>
</body></html>`;
}

/**
 * The control page as a transport-free site (served with `answerFromFake`): `GET /` shows it,
 * `POST /advance` moves the population a month on and sends the browser back to it.
 */
export function controlSite(facts: ControlFacts, onAdvance: (changes: EpochChanges) => void = () => {}) {
  return {
    async handle(request: FakeRequest): Promise<FakeReply> {
      const path = new URL(request.url, 'https://demo.invalid').pathname;
      const method = request.method.toUpperCase();
      if (path === '/' && method === 'GET') {
        return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: renderControlPage(facts) };
      }
      if (path === '/advance' && method === 'POST') {
        onAdvance(facts.population.advance());
        return { status: 303, headers: { Location: '/' } };
      }
      if (path === '/' || path === '/advance') {
        return { status: 405, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${method} is not allowed here` };
      }
      return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `The demo has no page at ${path}` };
    },
  };
}
