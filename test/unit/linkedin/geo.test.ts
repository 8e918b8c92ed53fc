import { describe, expect, it } from 'vitest';
import { certainGeoId, countryForGeoId, fallbackGeoId, geoQueryName, isSameCountry } from '../../../lib/linkedin/geo';

describe('geo tables', () => {
  it('knows the certain countries, in any case', () => {
    expect(certainGeoId('US')).toBe('103644278');
    expect(certainGeoId('fr')).toBe('105015875');
    expect(certainGeoId('GB')).toBe('101165590');
  });

  it('leaves the less certain and the disputed countries to the typeahead', () => {
    expect(certainGeoId('BR')).toBeUndefined();
    expect(fallbackGeoId('BR')).toBe('106057199');
    for (const disputed of ['SK', 'LV', 'CY', 'MT', 'KW', 'QA', 'BH', 'JO']) {
      expect(certainGeoId(disputed)).toBeUndefined();
      expect(fallbackGeoId(disputed)).toBeUndefined();
    }
  });

  it('maps geo ids of both tables back to countries, and nothing else', () => {
    expect(countryForGeoId('103644278')).toBe('US');
    expect(countryForGeoId('106057199')).toBe('BR');
    expect(countryForGeoId('90009659')).toBeUndefined();
  });
});

describe('geoQueryName', () => {
  it.each([
    ['US', 'United States'],
    ['GB', 'United Kingdom'],
    ['KR', 'South Korea'],
    ['AE', 'United Arab Emirates'],
    ['MD', 'Moldova'],
    ['SK', 'Slovakia'],
  ])('%s → %s', (code, name) => {
    expect(geoQueryName(code)).toBe(name);
  });
});

describe('isSameCountry', () => {
  it.each([
    ['Slovakia', 'SK', true],
    ['Slovenia', 'SK', false],
    ['Bratislava, Slovakia', 'SK', false],
    ['Democratic Republic of the Congo', 'CD', true],
    ['Congo', 'CD', false],
    ['Moldova', 'MD', true],
    ['Georgia', 'GE', true],
    ['Georgia, United States', 'GE', false],
  ])('%j is %s: %s', (displayValue, code, expected) => {
    expect(isSameCountry(displayValue, code)).toBe(expected);
  });
});
