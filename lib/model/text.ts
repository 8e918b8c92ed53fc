/**
 * Text folding for comparison, one rule for the whole extension: canonical decomposition,
 * accents dropped, lower case, white space collapsed. "Zoë" matches "zoe" and "ZOË".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * {@link foldText}, then every run of characters that are neither letters nor digits (in any
 * script) becomes one space: for matching words, such as a job title's or a country's name.
 */
export function foldWords(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
