import { businessNumberCheckDigit, isValidBusinessNumber, normalizeBusinessNumber } from '../domain/businessNumber';
import { gtinCheckDigit, isValidGtin, normalizeGtin } from '../domain/gtin';
import { mapUnit } from '../domain/units';
import { familyOf, isClassificationPrefix, levelOf, mapCategory, parentOf, segmentOf } from '../domain/unspsc';
import { parseAmount, parseLegacyDate, seoulMonth, toLegacyDate, toMoney, toSeoulIso } from '../domain/legacy';

describe('사업자등록번호', () => {
  it('follows the worked example 124-81-00998', () => {
    expect(businessNumberCheckDigit('124810099')).toBe(8);
    expect(isValidBusinessNumber('124-81-00998')).toBe(true);
  });
  it.each(['220-81-00127', '214-86-02348', '101-81-00452', '605-81-00779', '138-81-01230', '1248100998'])('accepts %s', (n) => {
    expect(isValidBusinessNumber(n)).toBe(true);
  });
  it.each(['124-81-00997', '124-81-0099', 'abc-de-fghij', '', '124-81-009988'])('refuses %s', (n) => {
    expect(isValidBusinessNumber(n)).toBe(false);
    expect(normalizeBusinessNumber(n)).toBeNull();
  });
  it('normalizes to XXX-XX-XXXXX', () => {
    expect(normalizeBusinessNumber('1248100998')).toBe('124-81-00998');
    expect(normalizeBusinessNumber(' 124 81 00998 ')).toBe('124-81-00998');
  });
  it('has exactly one valid check digit for any nine digits', () => {
    for (const body of ['000000000', '999999999', '123456789', '220810012']) {
      const valid = [...'0123456789'].filter((d) => isValidBusinessNumber(body + d));
      expect(valid).toEqual([String(businessNumberCheckDigit(body))]);
    }
  });
});

describe('GTIN', () => {
  it.each(['8801234000017', '8801234000024', '8809876500100', '8805555100036', '96385074', '036000291452', '10614141000415'])('accepts %s', (g) => {
    expect(isValidGtin(g)).toBe(true);
  });
  it.each(['8801234000018', '880123400001', '88012340000170', 'abcdefghijklm', '123456789'])('refuses %s', (g) => {
    expect(isValidGtin(g)).toBe(false);
  });
  it('computes the check digit with weights 3,1,3… from the right', () => {
    expect(gtinCheckDigit('880123400001')).toBe(7);
  });
  it('normalizes junk to null', () => {
    expect(normalizeGtin(' 8801234000017 ')).toBe('8801234000017');
    expect(normalizeGtin('')).toBeNull();
    expect(normalizeGtin(null)).toBeNull();
  });
});

describe('units and categories', () => {
  const units = { 개: 'EA', 박스: 'XBX', kg: 'KGM', 엉터리: 'BX' };
  it('maps through the cooperative table, accepts codes as they are, reports the rest', () => {
    expect(mapUnit('개', units)).toEqual({ ok: true, value: 'EA' });
    expect(mapUnit(' kg ', units)).toEqual({ ok: true, value: 'KGM' });
    expect(mapUnit('set', units)).toEqual({ ok: true, value: 'SET' });
    expect(mapUnit('식', units)).toMatchObject({ ok: false, reason: expect.stringContaining('식') });
    expect(mapUnit('엉터리', units)).toMatchObject({ ok: false, reason: expect.stringContaining('not a Rec 20 code') });
    expect(mapUnit('PK', {})).toMatchObject({ ok: false });
  });
  it('maps categories and never invents one', () => {
    const table = { F01: '56101703', BAD: '5610' };
    expect(mapCategory('F01', table)).toEqual({ ok: true, value: '56101703' });
    expect(mapCategory('F99', table)).toMatchObject({ ok: false });
    expect(mapCategory('BAD', table)).toMatchObject({ ok: false });
  });
  it('knows the UNSPSC levels', () => {
    expect([levelOf('56000000'), levelOf('56100000'), levelOf('56101700'), levelOf('56101703')]).toEqual(['SEGMENT', 'FAMILY', 'CLASS', 'COMMODITY']);
    expect([segmentOf('56101703'), familyOf('56101703'), parentOf('56101703'), parentOf('56000000')]).toEqual(['56000000', '56100000', '56101700', null]);
    expect(['56', '5610', '561017', '56101703'].every(isClassificationPrefix)).toBe(true);
    expect(['5', '561', '', '561017031'].some(isClassificationPrefix)).toBe(false);
  });
});

describe('legacy money and dates', () => {
  it.each([
    ['12,000', 12000],
    ['12,000원', 12000],
    [' 12000 ', 12000],
    [12000, 12000],
    ['1,234.5', 1234.5],
  ])('parses %j', (raw, value) => expect(parseAmount(raw)).toBe(value));
  it.each(['', 'abc', '12.000,00', null, undefined, NaN])('refuses %j', (raw) => expect(parseAmount(raw)).toBeNull());

  it('splits VAT-inclusive prices so supply + VAT is what the legacy system charged', () => {
    expect(toMoney(11000, true)).toEqual({ amount: 10000, vat: 1000, currency: 'KRW' });
    expect(toMoney(12474, true)).toEqual({ amount: 11340, vat: 1134, currency: 'KRW' });
    expect(toMoney(10000, false)).toEqual({ amount: 10000, vat: 1000, currency: 'KRW' });
    for (let p = 1; p < 3000; p++) {
      const m = toMoney(p, true);
      expect(m.amount + m.vat).toBe(p);
      expect(m.amount).toBe(Math.floor((10 * p + 5) / 11)); // the SQL adapters' integer form
    }
  });

  it('reads YYYYMMDD[HHmmss] in Korea time and refuses dates that do not exist', () => {
    expect(parseLegacyDate('20260301')).toBe('2026-03-01T00:00:00+09:00');
    expect(parseLegacyDate('20260301143000')).toBe('2026-03-01T14:30:00+09:00');
    for (const bad of ['20260231', '2026031', '20261301', '20260301250000', 'yyyymmdd', '']) expect(parseLegacyDate(bad)).toBeNull();
  });

  it('formats instants in Asia/Seoul', () => {
    expect(toSeoulIso('2026-02-28T15:30:00Z')).toBe('2026-03-01T00:30:00+09:00');
    expect(seoulMonth('2026-02-28T15:30:00Z')).toBe('2026-03');
    expect(toLegacyDate('2026-02-28T15:30:00Z')).toBe('20260301');
  });
});
