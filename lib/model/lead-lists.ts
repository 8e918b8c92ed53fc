/** One of the user's saved Sales Navigator lead lists, as the panel lists them. */
export interface LeadListSummary {
  id: string;
  /** LinkedIn's name under the lenient text rule, cut to a list name's 200; `Lead list <id>` when it had nothing visible. */
  name: string;
  /** Members LinkedIn reports for the list. */
  size: number;
  lastModifiedAt?: string;
}
