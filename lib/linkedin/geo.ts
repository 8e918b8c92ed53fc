import { englishCountryNames, toCountryCode } from '../model/countries';
import { foldWords } from '../model/text';

/**
 * ISO 3166-1 alpha-2 → LinkedIn geo id. Source: the table in LinkedIn's own static
 * JavaScript, as quoted by public code (docs/linkedin-notes.md, part 3). Used as is.
 */
// prettier-ignore
const CERTAIN: Readonly<Record<string, string>> = {
  AR: '100446943', AT: '103883259', AU: '101452733', BE: '100565514', BG: '105333783',
  CA: '101174742', CH: '106693272', CL: '104621616', DE: '101282230', DK: '104514075',
  ES: '105646813', FI: '100456013', FO: '104630756', FR: '105015875', GB: '101165590',
  GF: '105001561', GP: '104232339', GR: '104677530', GU: '107006862', HR: '104688944',
  HU: '100288700', IS: '105238872', IT: '103350119', LI: '100878084', LU: '104042105',
  MQ: '103091690', NL: '102890719', NO: '103819153', NZ: '105490917', PE: '102927786',
  PL: '105072130', PR: '105245958', PT: '100364837', PY: '104065273', RE: '104265812',
  RS: '101855366', RU: '101728296', SE: '105117694', SG: '102454443', SI: '106137034',
  TW: '104187078', UA: '102264497', US: '103644278', UY: '100867946', VE: '101490751',
};

/**
 * A second public map, less certain. These countries are resolved through LinkedIn's own
 * `BING_GEO` typeahead first; the id here is the fallback when the typeahead names no match.
 */
// prettier-ignore
const UNCERTAIN: Readonly<Record<string, string>> = {
  CZ: '104508036', EE: '102974008', IE: '104738515', LT: '101464403', RO: '106670623',
  BR: '106057199', CO: '100876405', MX: '103323778', HK: '103291313', ID: '102478259',
  IN: '102713980', JP: '101355337', KR: '105149562', MY: '106808692', PH: '103121230',
  TH: '105146118', VN: '104195383', AE: '104305776', IL: '101620260', SA: '100459316',
  TR: '102105699', EG: '106155005', NG: '105365761', ZA: '104035573', CN: '102890883',
};

/** The geo id of a country from the certain table, or `undefined` (ask the typeahead). */
export function certainGeoId(countryCode: string): string | undefined {
  return CERTAIN[countryCode.toUpperCase()];
}

/** The less certain table's id, used only when the typeahead finds no match. */
export function fallbackGeoId(countryCode: string): string | undefined {
  return UNCERTAIN[countryCode.toUpperCase()];
}

const BY_GEO_ID: ReadonlyMap<string, string> = new Map(
  [...Object.entries(UNCERTAIN), ...Object.entries(CERTAIN)].map(([code, id]) => [id, code]),
);

/** The country a LinkedIn geo id stands for, from both tables; `undefined` for any other region. */
export function countryForGeoId(geoId: string): string | undefined {
  return BY_GEO_ID.get(geoId);
}

/**
 * The English name LinkedIn most likely uses for a country, for the typeahead and for the
 * `REGION` filter's display text: its common name when that is neither an abbreviation
 * ("UK") nor inverted ("Korea, Republic of"), else its official name, else the shortest
 * usable one ("Moldova, Republic of" → "Moldova").
 */
export function geoQueryName(countryCode: string): string {
  const code = countryCode.toUpperCase();
  const usable = (name: string | undefined): name is string => !!name && name.length > 3 && !name.includes(',') && !/^[A-Z.]+$/.test(name);
  const { common, official, all } = englishCountryNames(code);
  if (usable(common)) return common;
  if (usable(official)) return official;
  const names = all.map((name) => name.split(',')[0]?.trim() ?? '');
  return names.filter(usable).sort((a, b) => a.length - b.length)[0] ?? code;
}

/**
 * True when a typeahead suggestion's display name names this country: read as a country name
 * it gives this code ("Congo" is the Republic of the Congo, not the DRC), or, when it names no
 * country outright, it equals one of the country's names before a comma ("Moldova").
 */
export function isSameCountry(displayValue: string, countryCode: string): boolean {
  const code = countryCode.toUpperCase();
  const read = toCountryCode(displayValue);
  if (read) return read === code;
  const wanted = foldWords(displayValue);
  return englishCountryNames(code).all.some((name) => foldWords(name.split(',')[0] ?? '') === wanted);
}
