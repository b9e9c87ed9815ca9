/**
 * A new export landing: it replaces the index whole, only once it is
 * complete; a half-written, cut-off or unreadable export never replaces a
 * good index; an empty folder is not a crash; close() stops watching.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCsvExport, writeCsvExport } from '../../../demo/legacy/csv/exporter';
import type { ReloadResult } from '../erp';
import { dataset, EXPORT_DAY, expectedInventory, openErp, restocked, tempFolder, waitFor, type TempFolder } from './harness';

const before = dataset();
const after = restocked(before);
const codes = before.products.map((p) => p.code);
const inventoryOf = (data: typeof before) => data.products.map((p) => expectedInventory(p));

let folder: TempFolder;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.cleanup());

describe('CSV erp adapter: reloading', () => {
  it('swaps in a new export when it lands (change events alone, polling off), and leaves an unchanged folder alone', async () => {
    writeCsvExport(folder.dir, before, { now: EXPORT_DAY });
    const { erp } = await openErp(folder.dir, { settleMs: 50, pollMs: 60_000 });
    try {
      await waitFor(() => erp.version === 1, 'the first export to settle');
      const first = erp.loadedAt!;
      expect(await erp.reload()).toEqual({ status: 'unchanged', version: 1 });
      writeCsvExport(folder.dir, after, { now: EXPORT_DAY });
      await waitFor(() => erp.version === 2, 'the new export');
      expect(await erp.getInventory(codes)).toEqual(inventoryOf(after));
      expect(erp.loadedAt!.getTime()).toBeGreaterThanOrEqual(first.getTime());
      expect(await erp.reload()).toEqual({ status: 'unchanged', version: 2 });
    } finally {
      await erp.close();
    }
  });

  it('never serves a half-written export: readers see the old data during the write, the new after it', async () => {
    writeCsvExport(folder.dir, before, { now: EXPORT_DAY });
    const { erp } = await openErp(folder.dir, { settleMs: 400, pollMs: 20 });
    try {
      await waitFor(() => erp.version === 1, 'the first export to settle'); // written just now: not read at once
      const during: ReloadResult['status'][] = [];
      await writeCsvExport(folder.dir, after, {
        now: EXPORT_DAY,
        slowWrite: {
          chunkBytes: 600, // cuts rows, quoted amounts and two-byte characters in half
          delayMs: 10,
          async onChunk() {
            during.push((await erp.reload()).status);
            expect(erp.version).toBe(1);
            expect(await erp.getInventory(codes)).toEqual(inventoryOf(before));
          },
        },
      });
      expect(during.length).toBeGreaterThan(10);
      expect(during).not.toContain('loaded');
      expect(during).toContain('unsettled');
      await waitFor(() => erp.version > 1, 'the completed export');
      expect(erp.version).toBe(2); // one swap, straight to the complete export
      expect(await erp.getInventory(codes)).toEqual(inventoryOf(after));
    } finally {
      await erp.close();
    }
  });

  it('refuses a file cut off for good or unparseable, reports it once and keeps serving the old index', async () => {
    writeCsvExport(folder.dir, before, { now: EXPORT_DAY });
    const { erp, ctx } = await openErp(folder.dir, { settleMs: 0, pollMs: 20 });
    try {
      const stock = renderCsvExport(after, { now: EXPORT_DAY }).find((f) => f.name === 'stock.csv')!.bytes;
      const cases: Array<[string, Buffer, RegExp]> = [
        ['cut in a row', stock.subarray(0, stock.indexOf(Buffer.from(',', 'ascii'), stock.length / 2)), /incomplete/],
        ['cut in a character', stock.subarray(0, lastHangulLeadByte(stock) + 1), /not valid cp949/],
        ['header only, renamed column', Buffer.from('품목코드,수량\r\n'), /no 현재고 column/],
      ];
      for (const [what, bytes, reason] of cases) {
        writeFileSync(join(folder.dir, 'stock.csv'), bytes);
        const result = await erp.reload();
        expect({ what, result }).toEqual({ what, result: expect.objectContaining({ status: 'rejected', version: 1, file: 'stock.csv' }) });
        expect(await erp.reload()).toEqual(result); // the same broken file: same answer, not parsed again
        expect(await erp.getInventory(codes)).toEqual(inventoryOf(before));
        const reports = ctx.reports.filter((r) => r.row === 'stock.csv' && reason.test(r.reason));
        expect({ what, reports: reports.length }).toEqual({ what, reports: 1 });
        expect(reports[0].reason).toMatch(/still served/);
      }
      writeFileSync(join(folder.dir, 'stock.csv'), stock);
      await waitFor(() => erp.version === 2, 'the repaired export');
      expect(await erp.getInventory(codes)).toEqual(inventoryOf(after));
    } finally {
      await erp.close();
    }
  });

  it('answers null in an empty folder and reports it, then loads the first export that lands', async () => {
    const { erp, ctx } = await openErp(folder.dir, { settleMs: 30, pollMs: 20 });
    try {
      expect(erp.version).toBe(0);
      expect(erp.loadedAt).toBeNull();
      expect(await erp.getInventory(codes.slice(0, 2))).toEqual([null, null]);
      expect(await erp.getFulfillment(['ORD-1'])).toEqual([null]);
      expect(ctx.reports).toEqual([{ row: 'items.csv', reason: expect.stringMatching(/no CSV export in .*items.csv, stock.csv missing.*answer null/) }]);
      writeCsvExport(folder.dir, before, { now: EXPORT_DAY, fulfilment: false });
      await waitFor(() => erp.version === 1, 'the first export');
      expect(await erp.getInventory(codes)).toEqual(inventoryOf(before));
    } finally {
      await erp.close();
    }
  });

  it('keeps the loaded index when the job deletes or empties a file before writing the new one', async () => {
    writeCsvExport(folder.dir, before, { now: EXPORT_DAY });
    const { erp, ctx } = await openErp(folder.dir, { settleMs: 0, pollMs: 20 });
    try {
      unlinkSync(join(folder.dir, 'stock.csv'));
      expect(await erp.reload()).toMatchObject({ status: 'rejected', file: 'stock.csv', reason: expect.stringMatching(/incomplete: stock.csv missing/) });
      expect(await erp.getInventory(codes)).toEqual(inventoryOf(before));
      writeFileSync(join(folder.dir, 'items.csv'), ''); // truncated to nothing, as `> items.csv` does
      expect(await erp.reload()).toMatchObject({ status: 'rejected', file: 'stock.csv' });
      writeCsvExport(folder.dir, after, { now: EXPORT_DAY, fulfilment: false });
      writeFileSync(join(folder.dir, 'items.csv'), '');
      expect(await erp.reload()).toMatchObject({ status: 'rejected', file: 'items.csv', reason: expect.stringMatching(/empty/) });
      expect(await erp.getInventory(codes)).toEqual(inventoryOf(before));
      expect(ctx.reports.map((r) => r.row)).toEqual(['stock.csv', 'items.csv']);
    } finally {
      await erp.close();
    }
  });

  it('stops watching on close()', async () => {
    writeCsvExport(folder.dir, before, { now: EXPORT_DAY });
    const { erp } = await openErp(folder.dir, { settleMs: 0, pollMs: 10 });
    await erp.close();
    writeCsvExport(folder.dir, after, { now: EXPORT_DAY });
    await new Promise((resolve) => setTimeout(resolve, 100)); // ten poll periods: nothing may load
    expect(erp.version).toBe(1);
    expect(await erp.getInventory(codes)).toEqual(inventoryOf(before));
  });
});

/** The offset of the lead byte of the last two-byte (CP949) character. */
function lastHangulLeadByte(bytes: Buffer): number {
  for (let i = bytes.length - 2; i >= 0; i--) if (bytes[i] >= 0xb0 && bytes[i] <= 0xc8 && bytes[i + 1] >= 0xa1) return i;
  throw new Error('no Hangul in the file');
}
