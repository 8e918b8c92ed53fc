import { MAX_POSITIONS, SCRAPED_TEXT_MAX } from '../model/limits';
import type { SnapshotContact } from '../model/snapshot';
import type { Position } from '../model/schemas';
import { cleanScrapedText } from '../model/text';
import { COMPANY_PAGE_URL, SALES_LEAD_URL } from './constants';
import { toSafeAvatarUrl } from '../model/safe-urls';
import type { Lead, LeadPosition } from './schemas';
import { numericId } from './search-query';
import { deriveSeniority } from './seniority';

/**
 * A lead of a Sales Navigator search as a snapshot contact (the spec's `ContactListItem`
 * without its list fields):
 * - `baseContactId`: the member URN (`urn:li:member:123`), one base contact per person;
 * - `headline`: the lead's summary, else the title of the position below (search results
 *   carry no LinkedIn headline);
 * - `role`, `companyName`: the current position at one of the searched companies, else the
 *   first current position;
 * - `seniority`: DERIVED from that title (`deriveSeniority`), not LinkedIn's own;
 * - `avatar`: the largest picture, only when it is an https URL on LinkedIn's media hosts;
 * - `linkedInSalesNavigatorProfileUrl`: the lead page built from the three parts of `entityUrn`;
 * - `degree`: the network distance LinkedIn gives (1 = one of the user's connections).
 * Text is kept as LinkedIn sent it, under the lenient text rule (`cleanScrapedText`: no controls
 * or bidi controls, cut to `SCRAPED_TEXT_MAX`; a field with nothing visible is left out), and
 * at most `MAX_POSITIONS` positions: escaping belongs to whoever displays or exports it.
 */
export function mapLeadToContact(lead: Lead, searchedCompanyIds: readonly string[]): SnapshotContact {
  const positions = (lead.currentPositions ?? []).slice(0, MAX_POSITIONS);
  const main = pickPosition(positions, searchedCompanyIds);
  const firstName = cleanScrapedText(lead.firstName, SCRAPED_TEXT_MAX.personName);
  const lastName = cleanScrapedText(lead.lastName, SCRAPED_TEXT_MAX.personName);
  const fullName =
    cleanScrapedText(lead.fullName, SCRAPED_TEXT_MAX.personName) ??
    cleanScrapedText([firstName, lastName].filter(Boolean).join(' '), SCRAPED_TEXT_MAX.personName);
  const role = cleanScrapedText(main?.title, SCRAPED_TEXT_MAX.title);
  const seniority = deriveSeniority(role);
  const mapped = positions.map(mapPosition);

  return definedOnly({
    baseContactId: lead.objectUrn,
    firstName,
    lastName,
    fullName,
    headline: cleanScrapedText(lead.summary, SCRAPED_TEXT_MAX.headline) ?? role,
    role,
    companyName: main ? companyNameOf(main) : undefined,
    location: cleanScrapedText(lead.geoRegion, SCRAPED_TEXT_MAX.location),
    avatar: largestAvatar(lead),
    seniority: seniority.length ? seniority : undefined,
    positions: mapped.length ? mapped : undefined,
    linkedInSalesNavigatorProfileUrl: salesNavigatorLeadUrl(lead.entityUrn ?? undefined),
    degree: lead.degree != null && lead.degree >= 1 && lead.degree <= 3 ? lead.degree : undefined,
  });
}

/** The name LinkedIn shows for a member outside the user's network whose name it hides. */
const HIDDEN_MEMBER_NAME = 'linkedin member';

/** Whether a contact has a name to call them by (LinkedIn hides some: "LinkedIn Member"). */
export function hasUsableName(contact: Pick<SnapshotContact, 'fullName' | 'firstName' | 'lastName'>): boolean {
  const name = contact.fullName ?? [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name.trim() !== '' && name.trim().toLowerCase() !== HIDDEN_MEMBER_NAME;
}

/**
 * The first occurrence of each person, in order: a lead that moves between pages while a
 * search is paged would otherwise be captured twice.
 */
export function dedupeContacts<T extends { baseContactId: string }>(contacts: readonly T[]): T[] {
  const seen = new Set<string>();
  return contacts.filter((contact) => {
    if (seen.has(contact.baseContactId)) return false;
    seen.add(contact.baseContactId);
    return true;
  });
}

/** `urn:li:fs_salesProfile:(ACwAAA…,NAME_SEARCH,abcd)` → `https://www.linkedin.com/sales/lead/ACwAAA…,NAME_SEARCH,abcd`. */
export function salesNavigatorLeadUrl(entityUrn: string | undefined): string | undefined {
  const parts = entityUrn?.match(/^urn:li:fs_salesProfile:\(([A-Za-z0-9_-]+),([A-Za-z0-9_-]+),([A-Za-z0-9_-]+)\)$/);
  return parts ? `${SALES_LEAD_URL}${parts[1]},${parts[2]},${parts[3]}` : undefined;
}

function pickPosition(positions: readonly LeadPosition[], searchedCompanyIds: readonly string[]): LeadPosition | undefined {
  const current = positions.filter((position) => position.current !== false);
  const searched = new Set(searchedCompanyIds);
  return (
    current.find((position) => {
      const id = numericId(position.companyUrn ?? undefined);
      return id !== undefined && searched.has(id);
    }) ??
    current[0] ??
    positions[0]
  );
}

function mapPosition(position: LeadPosition): Position {
  const companyId = numericId(position.companyUrn ?? undefined);
  return definedOnly({
    title: cleanScrapedText(position.title, SCRAPED_TEXT_MAX.title),
    companyName: companyNameOf(position),
    companyUrl: companyId ? `${COMPANY_PAGE_URL}${companyId}` : undefined,
    tenureInMonths: tenureInMonths(position),
    // Search results give a position no place of its own; the company's location stands in.
    location:
      cleanScrapedText(position.location, SCRAPED_TEXT_MAX.location) ??
      cleanScrapedText(position.companyUrnResolutionResult?.location, SCRAPED_TEXT_MAX.location),
  });
}

function companyNameOf(position: LeadPosition): string | undefined {
  return (
    cleanScrapedText(position.companyName, SCRAPED_TEXT_MAX.companyName) ??
    cleanScrapedText(position.companyUrnResolutionResult?.name, SCRAPED_TEXT_MAX.companyName)
  );
}

function tenureInMonths(position: LeadPosition): number | undefined {
  const tenure = position.tenureAtPosition ?? position.tenureAtCompany;
  if (!tenure || (tenure.numYears == null && tenure.numMonths == null)) return undefined;
  return (tenure.numYears ?? 0) * 12 + (tenure.numMonths ?? 0);
}

function largestAvatar(lead: Lead): string | undefined {
  const image = lead.profilePictureDisplayImage;
  if (!image) return undefined;
  const largest = [...image.artifacts].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return largest ? toSafeAvatarUrl(`${image.rootUrl}${largest.fileIdentifyingUrlPathSegment}`) : undefined;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
