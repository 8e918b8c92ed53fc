/** One of the user's saved Sales Navigator lead lists, as the panel lists them. */
export interface LeadListSummary {
  id: string;
  name: string;
  /** Members LinkedIn reports for the list. */
  size: number;
  lastModifiedAt?: string;
}
