import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidBusinessNumber } from '../../../core/domain/businessNumber';
import { isValidGtin } from '../../../core/domain/gtin';
import { parseLegacyDate } from '../../../core/domain/legacy';
import { mapCategory } from '../../../core/domain/unspsc';
import { isRec20Unit, mapUnit } from '../../../core/domain/units';
import { generateDataset, generateDatasetWithDefects } from '../generate';
import type { CoopProfile } from '../types';

const INDUSTRIES: CoopProfile['industry'][] = [
  'furniture', 'steel-wire', 'metal', 'textiles', 'printing', 'soy', 'electrical', 'lighting', 'gloves', 'sauce',
];

const profile = (over: Partial<CoopProfile> = {}): CoopProfile => ({
  id: 'kfurn', industry: 'furniture', productCount: 200, memberCount: 40, orderCount: 150, pricesIncludeVat: false, seed: 7, ...over,
});

/** The only UNSPSC codes the demo network knows. */
const SUBSET = new Set(
  readFileSync(join(__dirname, '../../../subgraphs/network/data/unspsc-subset.csv'), 'utf8')
    .split('\n').slice(1).map((line) => line.split(',')[0]).filter(Boolean),
);

describe('generateDataset', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateDataset(profile())).toEqual(generateDataset(profile()));
    expect(generateDataset(profile({ seed: 8 }))).not.toEqual(generateDataset(profile()));
  });

  it.each(INDUSTRIES)('matches the profile counts for %s', (industry) => {
    const d = generateDataset(profile({ industry, productCount: 37, memberCount: 9, orderCount: 23 }));
    expect(d.products).toHaveLength(37);
    expect(d.members).toHaveLength(9);
    expect(d.orders).toHaveLength(23);
    expect(d.cooperative).toBe('kfurn');
  });

  it.each(INDUSTRIES)('maps %s categories to codes of the UNSPSC subset, with one local code unmapped', (industry) => {
    const { dataset, defects } = generateDatasetWithDefects(profile({ industry }));
    for (const code of Object.values(dataset.categories)) expect(SUBSET.has(code)).toBe(true);
    expect(dataset.categories[defects.unmappedCategory]).toBeUndefined();
    const unmapped = dataset.products.filter((p) => !mapCategory(p.categoryCode, dataset.categories).ok).map((p) => p.code);
    expect(unmapped).toEqual(defects.unmappedCategoryProducts);
    expect(unmapped.length).toBeGreaterThanOrEqual(2);
  });

  it('has every valid-marked 사업자등록번호 pass its check and the deliberate bad ones fail', () => {
    const { dataset, defects } = generateDatasetWithDefects(profile());
    const bad = dataset.members.filter((m) => !isValidBusinessNumber(m.businessNumber)).map((m) => m.code);
    expect(bad).toEqual(defects.invalidBusinessNumbers);
    expect(bad.length).toBeGreaterThanOrEqual(1);
    for (const m of dataset.members) expect(m.businessNumber).toMatch(/^\d{3}-\d{2}-\d{5}$/);
    for (const o of dataset.orders) expect(isValidBusinessNumber(o.buyerBusinessNumber)).toBe(true);
  });

  it('has valid 880 GTIN-13s except the deliberate empty and bad ones (~2%)', () => {
    const { dataset, defects } = generateDatasetWithDefects(profile());
    const bad = dataset.products.filter((p) => p.gtin !== '' && !isValidGtin(p.gtin)).map((p) => p.code);
    expect(bad).toEqual(defects.invalidGtins);
    expect(bad.length).toBe(4);
    expect(dataset.products.filter((p) => p.gtin === '').map((p) => p.code)).toEqual(defects.emptyGtins);
    for (const p of dataset.products.filter((x) => x.gtin !== '')) expect(p.gtin).toMatch(/^880\d{10}$/);
  });

  it('maps every unit word to Rec 20 except the deliberate one on 1–2 products', () => {
    const { dataset, defects } = generateDatasetWithDefects(profile());
    for (const code of Object.values(dataset.units)) expect(isRec20Unit(code)).toBe(true);
    const unmapped = dataset.products.filter((p) => !mapUnit(p.unitWord, dataset.units).ok).map((p) => p.code);
    expect(unmapped).toEqual(defects.unmappedUnitProducts);
    expect(unmapped).toHaveLength(2);
    expect(unmapped.every((code) => dataset.products.find((p) => p.code === code)!.unitWord === defects.unmappedUnit)).toBe(true);
  });

  it('writes VAT-inclusive prices as exact ×1.1 integers of round supply prices', () => {
    const incl = generateDataset(profile({ pricesIncludeVat: true }));
    const excl = generateDataset(profile({ pricesIncludeVat: false }));
    incl.products.forEach((p, i) => {
      expect(Number.isInteger(p.price)).toBe(true);
      expect(p.price).toBe((excl.products[i].price * 11) / 10);
    });
    expect(incl.pricesIncludeVat).toBe(true);
  });

  it('has deliberate ties in name and in price, and some Latin names', () => {
    const d = generateDataset(profile());
    const names = d.products.map((p) => p.name);
    expect(new Set(names).size).toBeLessThan(names.length);
    const nameAndPrice = d.products.map((p) => `${p.name}|${p.price}`);
    expect(new Set(nameAndPrice).size).toBeLessThan(nameAndPrice.length);
    expect(names.some((n) => /^[A-Za-z]/.test(n))).toBe(true);
  });

  it('writes valid YYYYMMDD dates within the last 18 months of the reference date', () => {
    const d = generateDataset(profile(), { referenceDate: '2026-10-31T18:00:00+09:00' });
    const oldest = Date.parse('2025-04-30T00:00:00+09:00');
    const newest = Date.parse('2026-10-31T18:00:00+09:00');
    for (const p of d.products) {
      const at = Date.parse(parseLegacyDate(p.updatedDate)!);
      expect(at).toBeGreaterThanOrEqual(oldest);
      expect(at).toBeLessThanOrEqual(newest);
    }
    for (const o of d.orders) {
      const at = Date.parse(parseLegacyDate(o.orderedAt)!);
      expect(at).toBeGreaterThanOrEqual(oldest);
      expect(at).toBeLessThanOrEqual(newest);
    }
  });

  it('builds orders of 1–4 lines of one supplier’s existing products, shipping info when shipped', () => {
    const d = generateDataset(profile());
    const products = new Map(d.products.map((p) => [p.code, p]));
    for (const o of d.orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(4);
      for (const line of o.lines) {
        const p = products.get(line.productCode)!;
        expect(p.supplierCode).toBe(o.supplierCode);
        expect(line.quantity).toBeGreaterThanOrEqual(p.minOrderQuantity);
      }
      const shipped = o.status === 'SHIPPED' || o.status === 'DELIVERED';
      expect(o.shippedAt !== null && o.carrier !== null && o.trackingNumber !== null).toBe(shipped);
      if (o.shippedAt) expect(o.shippedAt > o.orderedAt).toBe(true);
    }
    expect(new Set(d.orders.map((o) => o.code)).size).toBe(d.orders.length);
    expect(new Set(d.orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
  });

  it('gives members Korean company names, representatives and regions, products stock and warehouses', () => {
    const d = generateDataset(profile());
    for (const m of d.members) {
      expect(m.name).toMatch(/[가-힣]/);
      expect(m.representative).toMatch(/^[가-힣]{3}$/);
      expect(m.region).toMatch(/^[가-힣]{2}$/);
    }
    for (const p of d.products) {
      expect(p.stockReserved).toBeLessThanOrEqual(p.stockOnHand);
      expect(p.warehouse).not.toBe('');
      expect(d.members.some((m) => m.code === p.supplierCode)).toBe(true);
    }
  });

  it('copes with tiny profiles', () => {
    const d = generateDataset(profile({ productCount: 1, memberCount: 1, orderCount: 2 }));
    expect(d.products).toHaveLength(1);
    expect(d.orders).toHaveLength(2);
    expect(isValidBusinessNumber(d.members[0].businessNumber)).toBe(true);
    expect(generateDataset(profile({ productCount: 0, memberCount: 0, orderCount: 5 })).orders).toEqual([]);
  });
});
