/** The erp role from a folder of CSV exports: encodings, bad rows, header variants, the factory. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { silentLogger } from '../../../core/log';
import { BAD_ROWS, writeCsvExport } from '../../../demo/legacy/csv/exporter';
import { createAdapterContext } from '../../types';
import { csvAdapter } from '../index';
import { coopConfig, dataset, EXPORT_DAY, expectedFulfillment, expectedInventory, openErp, tempFolder, type TempFolder } from './harness';

let folder: TempFolder;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.cleanup());

describe('CSV erp adapter: loading an export', () => {
  const data = dataset();
  const codes = data.products.map((p) => p.code);
  const orders = data.orders.map((o) => o.code);

  it.each([
    ['CP949 with a UTF-8-with-BOM shipments file (the default)', undefined],
    ['CP949 throughout', 'cp949' as const],
    ['UTF-8 with BOM throughout', 'utf8bom' as const],
  ])('reads %s with the Korean intact', async (_name, encoding) => {
    writeCsvExport(folder.dir, data, { encoding, now: EXPORT_DAY });
    const stock = readFileSync(join(folder.dir, 'stock.csv'));
    expect(stock.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(encoding === 'utf8bom');
    if (encoding !== 'utf8bom') expect(() => new TextDecoder('utf-8', { fatal: true }).decode(stock)).toThrow(); // really CP949
    expect(readFileSync(join(folder.dir, 'shipments.csv')).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(encoding !== 'cp949');
    const { erp, ctx } = await openErp(folder.dir);
    try {
      expect(await erp.getInventory(codes)).toEqual(data.products.map((p) => expectedInventory(p)));
      expect(await erp.getFulfillment(orders)).toEqual(data.orders.map((o) => expectedFulfillment(o, data.pricesIncludeVat)));
      expect(ctx.reports).toEqual([]);
      expect(erp.version).toBe(1);
    } finally {
      await erp.close();
    }
  });

  it('reports each bad row as file:line and still loads the good rows; unknown ids answer null', async () => {
    writeCsvExport(folder.dir, data, { badRows: true, now: EXPORT_DAY });
    const { erp, ctx } = await openErp(folder.dir);
    try {
      expect(ctx.reports.map((r) => r.row).sort()).toEqual(BAD_ROWS.map((r) => r.row).sort());
      expect(ctx.reports.find((r) => r.row === 'stock.csv:3')?.reason).toMatch(/현재고 "확인중" is not a number/);
      expect(ctx.reports.find((r) => r.row === 'stock.csv:4')?.reason).toMatch(/ZZ-99999 is not in items.csv/);
      expect(await erp.getInventory([codes[1], 'ZZ-99999', codes[0], 'NOPE', ''])).toEqual([
        expectedInventory(data.products[1]), null, expectedInventory(data.products[0]), null, null,
      ]);
      expect(await erp.getFulfillment(['NOPE', orders[0]])).toEqual([null, expectedFulfillment(data.orders[0], data.pricesIncludeVat)]);
      expect(await erp.getInventory([])).toEqual([]);
    } finally {
      await erp.close();
    }
  });

  it('reads other ERPs’ spellings: table-style headers, LF, ISO dates, shipping in the order file, 합계금액 only', async () => {
    const files: Record<string, string> = {
      'items.csv': 'PROD_CD,PROD_DES,SIZE_DES,UNIT,OUT_PRICE\nA-1,책상,1200,개,"120,000"\nA-2,의자,,개,"55,000"\nA-3,서랍,,개,"30,000"\nA-1,책상 중복,,개,1\n',
      'stock.csv': [
        'ITEM_CD,WH_NM,ONHAND_QTY,RSRV_QTY,LEAD_DAYS,STK_DT',
        'A-1,본사,100,10,5,2026-10-30',
        'A-1,부산,"1,000.5",0,2,20261031',
        'A-2,본사,3,8,,20261031',
        'A-3,본사,4,0,3,2026-13-01',
        'A-2,본사,9,0,1,20261031',
        'A-3,본사,1,0,1,20261031,extra',
        '',
      ].join('\n'),
      'orders.csv': '수주번호,수주일자,진행상태,승인번호,합계금액,택배사,송장번호,출고일자\nS-1,20261001,배송완료,INV-1,"11,000원",한진택배,123,20261002\nS-2,20261002,보류,,,,,\nS-3,20261003,확정,,,,,\n',
      'shipments.csv': '주문번호,출고일시,택배사,송장번호\nS-3,2026-10-04 09:30,CJ대한통운,555\nS-9,20261004,CJ대한통운,556\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder.dir, name), name === 'orders.csv' ? iconv.encode(text, 'cp949') : text);
    const { erp, ctx } = await openErp(folder.dir);
    try {
      expect(await erp.getInventory(['A-1', 'A-2', 'A-3'])).toEqual([
        { onHand: 1100.5, available: 1090.5, warehouse: '본사, 부산', leadTimeDays: 2, asOf: '2026-10-30T00:00:00+09:00' },
        { onHand: 3, available: 0, warehouse: '본사', leadTimeDays: null, asOf: '2026-10-31T00:00:00+09:00' },
        null,
      ]);
      expect(await erp.getFulfillment(['S-1', 'S-2', 'S-3'])).toEqual([
        {
          status: 'DELIVERED', shippedAt: '2026-10-02T00:00:00+09:00', carrier: '한진택배', trackingNumber: '123',
          invoice: { number: 'INV-1', issuedAt: '2026-10-02T00:00:00+09:00', total: { amount: 10000, vat: 1000, currency: 'KRW' } },
        },
        null,
        { status: 'SHIPPED', shippedAt: '2026-10-04T09:30:00+09:00', carrier: 'CJ대한통운', trackingNumber: '555', invoice: null },
      ]);
      const reasons = Object.fromEntries(ctx.reports.map((r) => [r.row, r.reason]));
      expect(Object.keys(reasons).sort()).toEqual(['items.csv:5', 'orders.csv:3', 'shipments.csv:3', 'stock.csv:4', 'stock.csv:5', 'stock.csv:6', 'stock.csv:7']);
      expect(reasons['items.csv:5']).toMatch(/repeats line 2/);
      expect(reasons['stock.csv:4']).toMatch(/예약수량 8 exceeds 현재고 3; available shown as 0/);
      expect(reasons['stock.csv:5']).toMatch(/"2026-13-01" is not a YYYYMMDD date/);
      expect(reasons['stock.csv:6']).toMatch(/repeats line 4/);
      expect(reasons['stock.csv:7']).toMatch(/7 cells where the header has 6/);
      expect(reasons['orders.csv:3']).toMatch(/"보류" is not a known status/);
      expect(reasons['shipments.csv:3']).toMatch(/S-9 is not in orders.csv/);
    } finally {
      await erp.close();
    }
  });

  it('takes the stock date from the file when the export has no 재고일자 column', async () => {
    writeFileSync(join(folder.dir, 'items.csv'), '품목코드\nA-1\n');
    writeFileSync(join(folder.dir, 'stock.csv'), '품목코드,현재고\nA-1,5\n');
    const { erp } = await openErp(folder.dir);
    try {
      const [a1] = await erp.getInventory(['A-1']);
      expect(a1).toMatchObject({ onHand: 5, available: 5, warehouse: null, leadTimeDays: null });
      expect(Math.abs(Date.parse(a1!.asOf) - Date.now())).toBeLessThan(60_000);
      expect(a1!.asOf).toMatch(/\+09:00$/);
      expect(await erp.getFulfillment(['S-1'])).toEqual([null]); // no orders.csv: no fulfilment
    } finally {
      await erp.close();
    }
  });
});

describe('csvAdapter (the factory)', () => {
  const ctxWith = (legacy: Record<string, unknown>) => createAdapterContext(coopConfig(legacy, dirname(folder.dir)), silentLogger);

  it('serves the erp role only, from legacy.folder resolved against the config file', async () => {
    expect(csvAdapter.kind).toBe('csv');
    expect(csvAdapter.marketplace).toBeUndefined();
    writeCsvExport(folder.dir, dataset({ productCount: 3, orderCount: 2 }), { now: EXPORT_DAY });
    const erp = await csvAdapter.erp!(ctxWith({ folder: basename(folder.dir), settleMs: 0, pollMs: 1000 }));
    try {
      expect(erp.kind).toBe('csv');
      expect(await erp.getInventory(['P-10001'])).toEqual([expect.objectContaining({ asOf: '2026-10-31T00:00:00+09:00' })]);
    } finally {
      await erp.close?.();
    }
  });

  it('fails at start-up on a missing folder setting, a folder that does not exist and bad timings', async () => {
    await expect(csvAdapter.erp!(ctxWith({}))).rejects.toThrow(/legacy.folder/);
    await expect(csvAdapter.erp!(ctxWith({ folder: 'no-such-folder-here' }))).rejects.toThrow(/does not exist/);
    await expect(csvAdapter.erp!(ctxWith({ folder: folder.dir, pollMs: '5s' }))).rejects.toThrow(/legacy.pollMs/);
    await expect(csvAdapter.erp!(ctxWith({ folder: folder.dir, settleMs: -1 }))).rejects.toThrow(/legacy.settleMs/);
  });
});
