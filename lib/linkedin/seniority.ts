import { foldWords } from '../model/text';

/**
 * Seniority levels DERIVED from a job title. Sales Navigator's search results carry no
 * seniority, so the extension reads it from the title with the rule table below; it is an
 * estimate, not LinkedIn's own classification.
 *
 * Rules, on the title lower-cased with accents removed:
 * 1. An assistant to someone senior ("Executive Assistant to the CEO") is ENTRY, nothing else.
 * 2. OWNER (founder, owner; not "product owner") and PARTNER (a partner; not a "business
 *    partner" or a "partner manager") are added when they match; they combine with a rank.
 * 3. Then the FIRST rank that matches, highest first: CXO, VP, DIRECTOR, MANAGER, SENIOR,
 *    ENTRY, TRAINING. So "Senior Vice President" is VP (not SENIOR) and "Associate Director"
 *    is DIRECTOR (not ENTRY).
 * The words are English, with a few common French, German and Spanish ones; a title in any
 * other language, or one that matches nothing, has no seniority (`[]`).
 */

export const SENIORITY_LEVELS = ['OWNER', 'PARTNER', 'CXO', 'VP', 'DIRECTOR', 'MANAGER', 'SENIOR', 'ENTRY', 'TRAINING'] as const;
export type SeniorityLevel = (typeof SENIORITY_LEVELS)[number];

const ASSISTANT_TO = /\b(?:executive|personal|administrative) assistant\b|\bassistant (?:to|of)\b|\bea to\b/;

const OWNER = /\b(?:co ?founder|founder|founding member|owner|proprietor)\b/;
/** "Product owner" and the like are roles, not ownership. */
const NOT_OWNER = /\b(?:product|process|service|data|content|platform|system|account|risk|control|business process) owner\b/;
const PARTNER =
  /(?<!\b(?:business|channel|alliance|strategic|hr|account|talent|people) )\bpartner\b(?! (?:manager|success|marketing|sales|development|programs?|operations|enablement|relations|account|solutions))/;

const RANKS: readonly (readonly [SeniorityLevel, RegExp])[] = [
  [
    'CXO',
    /\b(?:ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|cdo|cso|cco|chro|cxo|chief|(?<!vice )president|managing director|executive director|geschaftsfuhrer|directeur general|pdg)\b/,
  ],
  ['VP', /\b(?:vp|svp|evp|avp|vice president|vicepresident)\b/],
  ['DIRECTOR', /\b(?:director|directeur|directrice|direktor|directora|head of|head|leiter|leiterin)\b/],
  ['MANAGER', /\b(?:manager|mgr|management|supervisor|team lead|team leader|gerente|responsable)\b/],
  ['SENIOR', /\b(?:senior|sr|principal|staff|lead(?! gen)|expert)\b/],
  ['ENTRY', /\b(?:junior|jr|assistant|associate|graduate|entry level|analyst|coordinator)\b/],
  ['TRAINING', /\b(?:intern|internship|trainee|apprentice|student|werkstudent|stagiaire|praktikant)\b/],
];

/** The title's words, folded, padded with a space each side so every word has a boundary. */
function normalise(title: string): string {
  return ` ${foldWords(title)} `;
}

/** The seniority levels read from a job title by the rule table above; `[]` when none. */
export function deriveSeniority(title: string | undefined): SeniorityLevel[] {
  if (!title) return [];
  const text = normalise(title);
  if (ASSISTANT_TO.test(text)) return ['ENTRY'];
  const levels: SeniorityLevel[] = [];
  if (OWNER.test(text) && !NOT_OWNER.test(text)) levels.push('OWNER');
  if (PARTNER.test(text)) levels.push('PARTNER');
  const rank = RANKS.find(([, pattern]) => pattern.test(text));
  if (rank) levels.push(rank[0]);
  return levels;
}
