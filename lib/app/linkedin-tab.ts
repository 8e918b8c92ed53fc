import { parseSalesNavigatorSearchUrl } from '../linkedin/search-url';
import { parseCompanyUrl } from '../model/company-url';
import type { ResponseMap } from '../messaging/protocol';

/**
 * What the tab beside the panel offers the New list form: a company page's canonical URL to
 * prefill, or a Sales Navigator people search to replay ("Use this search"). Reading LinkedIn's
 * page addresses is LinkedIn knowledge, so the panel asks the background rather than parsing.
 */
export function readLinkedInTab(url: string): ResponseMap['linkedin.readTab'] {
  const companyUrl = parseCompanyUrl(url)?.url;
  const search = parseSalesNavigatorSearchUrl(url);
  return { ...(companyUrl ? { companyUrl } : {}), ...(search ? { search } : {}) };
}
