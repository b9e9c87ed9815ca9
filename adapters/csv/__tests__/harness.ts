/**
 * Test harness for the CSV adapter: temporary export folders, demo datasets
 * and what the adapter must make of them (derived here from the dataset, not
 * from the adapter's code), an adapter context that keeps its reports, and a
 * polling wait instead of fixed sleeps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoopConfig } from '../../../core/coopConfig';
import { addMoney, multiplyMoney, parseLegacyDate, toLegacyDate, toMoney, ZERO_KRW } from '../../../core/domain/legacy';
import { silentLogger } from '../../../core/log';
import { generateDataset } from '../../../demo/data/generate';
import type { CoopProfile, LegacyDataset, LegacyOrder, LegacyProduct } from '../../../demo/data/types';
import type { FulfillmentRecord, InventoryRecord } from '../../../subgraphs/erp/port';
import { createAdapterContext, type AdapterContext, type RowReport } from '../../types';
import { openCsvErp, type CsvErp } from '../index';

export const EXPORT_DAY = new Date('2026-10-31T02:00:00+09:00');

export function dataset(over: Partial<CoopProfile> = {}): LegacyDataset {
  return generateDataset({
    id: 'kcsv', industry: 'furniture', productCount: 40, memberCount: 6, orderCount: 30, pricesIncludeVat: true, seed: 11, ...over,
  });
}

/** The same catalogue a day later: every stock figure moved. */
export function restocked(data: LegacyDataset, by = 7): LegacyDataset {
  return { ...data, products: data.products.map((p) => ({ ...p, stockOnHand: p.stockOnHand + by, warehouse: `${p.warehouse} 신관` })) };
}

export function expectedInventory(p: LegacyProduct, stockDate = toLegacyDate(EXPORT_DAY)): InventoryRecord {
  return {
    onHand: p.stockOnHand,
    available: p.stockOnHand - p.stockReserved,
    warehouse: p.warehouse,
    leadTimeDays: p.leadTimeDays,
    asOf: parseLegacyDate(stockDate)!,
  };
}

const FULFILMENT_STATUS = { RECEIVED: 'PENDING', CONFIRMED: 'PICKING', SHIPPED: 'SHIPPED', DELIVERED: 'DELIVERED', CANCELLED: 'CANCELLED' } as const;

export function expectedFulfillment(o: LegacyOrder, pricesIncludeVat: boolean): FulfillmentRecord {
  const shippedAt = o.shippedAt === null ? null : parseLegacyDate(o.shippedAt);
  const total = o.lines.reduce((sum, l) => addMoney(sum, multiplyMoney(toMoney(l.unitPrice, pricesIncludeVat), l.quantity)), ZERO_KRW);
  return {
    status: FULFILMENT_STATUS[o.status],
    shippedAt,
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    invoice: o.invoiceNumber === null ? null : { number: o.invoiceNumber, issuedAt: shippedAt ?? parseLegacyDate(o.orderedAt)!, total },
  };
}

export interface TempFolder {
  dir: string;
  cleanup(): void;
}

export function tempFolder(): TempFolder {
  const dir = mkdtempSync(join(tmpdir(), 'sbnet-csv-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function coopConfig(legacy: Record<string, unknown>, baseDir = tmpdir()): CoopConfig {
  return { cooperative: 'kcsv', legacy, pricesIncludeVat: true, categories: {}, units: {}, baseDir };
}

export type TestContext = AdapterContext & { reports: RowReport[] };

export function testContext(folder: string): TestContext {
  return createAdapterContext(coopConfig({ folder }), silentLogger);
}

/** An adapter on `dir` with short timings; `close` it in the test. */
export async function openErp(dir: string, timing: { settleMs?: number; pollMs?: number } = {}): Promise<{ erp: CsvErp; ctx: TestContext }> {
  const ctx = testContext(dir);
  const erp = await openCsvErp({ folder: dir, settleMs: timing.settleMs ?? 0, pollMs: timing.pollMs ?? 50 }, ctx);
  return { erp, ctx };
}

/** Polls `probe` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
