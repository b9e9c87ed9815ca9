/**
 * The simulated nightly job of an ERP that exports CSV: it drops items.csv
 * and stock.csv (and orders.csv, shipments.csv for fulfilment) into a folder
 * the way Korean ERPs write them: Korean headers, CP949 (the shipping
 * module's file UTF-8 with a BOM), CRLF line ends, amounts such as
 * "12,000" quoted because of the separator, dates as YYYYMMDD.
 *
 * Like real jobs it writes each file in place, not to a temporary name and
 * rename; `slowWrite` makes that visible (chunks with pauses, the file
 * truncated first) so readers' half-written-file protection can be tested.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { addMoney, multiplyMoney, toLegacyDate, toMoney, ZERO_KRW } from '../../../core/domain/legacy';
import type { Money } from '../../../subgraphs/marketplace/port';
import { DEFAULT_REFERENCE_DATE } from '../../data/generate';
import type { LegacyDataset, LegacyOrder, LegacyProduct } from '../../data/types';

export type CsvExportFile = 'items.csv' | 'stock.csv' | 'orders.csv' | 'shipments.csv';
export type CsvFileEncoding = 'cp949' | 'utf8bom';

export interface SlowWrite {
  /** Bytes per write (default 512). */
  chunkBytes?: number;
  /** Pause after each write (default 20 ms). */
  delayMs?: number;
  /** Called after each chunk is on disk: a test can look at the reader mid-write. */
  onChunk?(progress: { file: CsvExportFile; written: number; size: number }): void | Promise<void>;
}

export interface CsvExportOptions {
  /** One encoding for every file, or per file; default CP949 with shipments.csv in UTF-8 with BOM. */
  encoding?: CsvFileEncoding | Partial<Record<CsvExportFile, CsvFileEncoding>>;
  /** When the job runs: the stock date (재고일자). Default: the demo data's reference date. */
  now?: Date;
  /** Adds the rows of `BAD_ROWS`. */
  badRows?: boolean;
  /** Also orders.csv and shipments.csv (default true). */
  fulfilment?: boolean;
}

/** The rows `badRows: true` adds (each right after the file's first data row), and why each is bad. */
export const BAD_ROWS: ReadonlyArray<{ row: string; problem: string }> = [
  { row: 'items.csv:3', problem: 'empty item code' },
  { row: 'stock.csv:3', problem: 'on-hand quantity is not a number' },
  { row: 'stock.csv:4', problem: 'item not in items.csv' },
];

const DEFAULT_ENCODINGS: Record<CsvExportFile, CsvFileEncoding> = {
  'items.csv': 'cp949',
  'stock.csv': 'cp949',
  'orders.csv': 'cp949',
  'shipments.csv': 'utf8bom',
};

/** The ERP's order status words. */
const STATUS_WORDS: Record<LegacyOrder['status'], string> = {
  RECEIVED: '접수',
  CONFIRMED: '확정',
  SHIPPED: '출고완료',
  DELIVERED: '배송완료',
  CANCELLED: '취소',
};

type Cell = string | number;

/** The export as files (name and bytes), in the order the job writes them. */
export function renderCsvExport(dataset: LegacyDataset, opts: CsvExportOptions = {}): Array<{ name: CsvExportFile; bytes: Buffer }> {
  const stockDate = toLegacyDate(opts.now ?? DEFAULT_REFERENCE_DATE);
  const tables: Array<[CsvExportFile, Cell[][]]> = [
    ['items.csv', itemsTable(dataset.products, opts.badRows ?? false)],
    ['stock.csv', stockTable(dataset.products, stockDate, opts.badRows ?? false)],
  ];
  if (opts.fulfilment ?? true) {
    tables.push(['orders.csv', ordersTable(dataset)], ['shipments.csv', shipmentsTable(dataset.orders)]);
  }
  return tables.map(([name, rows]) => ({ name, bytes: encode(rows.map(csvLine).join(''), encodingOf(name, opts.encoding)) }));
}

/** Writes the export into `dir` (created if needed); with `slowWrite`, slowly, and resolves when done. */
export function writeCsvExport(dir: string, dataset: LegacyDataset, opts: CsvExportOptions & { slowWrite: SlowWrite }): Promise<void>;
export function writeCsvExport(dir: string, dataset: LegacyDataset, opts?: CsvExportOptions & { slowWrite?: undefined }): void;
export function writeCsvExport(dir: string, dataset: LegacyDataset, opts: CsvExportOptions & { slowWrite?: SlowWrite } = {}): void | Promise<void> {
  mkdirSync(dir, { recursive: true });
  const files = renderCsvExport(dataset, opts);
  if (opts.slowWrite) return writeSlowly(dir, files, opts.slowWrite);
  for (const { name, bytes } of files) writeFileSync(join(dir, name), bytes);
}

async function writeSlowly(dir: string, files: ReadonlyArray<{ name: CsvExportFile; bytes: Buffer }>, slow: SlowWrite): Promise<void> {
  const chunkBytes = Math.max(1, slow.chunkBytes ?? 512);
  const delayMs = slow.delayMs ?? 20;
  for (const { name, bytes } of files) {
    const handle = await open(join(dir, name), 'w'); // truncates the previous export at once, as in-place writers do
    try {
      for (let written = 0; written < bytes.length; ) {
        const { bytesWritten } = await handle.write(bytes, written, Math.min(chunkBytes, bytes.length - written));
        written += bytesWritten;
        await slow.onChunk?.({ file: name, written, size: bytes.length });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    } finally {
      await handle.close();
    }
  }
}

// ── tables ───────────────────────────────────────────────────────────────────

/** Inserts `extra` right after the first data row (line 3 onwards of the file). */
function withBadRows(header: Cell[], rows: Cell[][], extra: Cell[][]): Cell[][] {
  return [header, ...rows.slice(0, 1), ...extra, ...rows.slice(1)];
}

function itemsTable(products: readonly LegacyProduct[], badRows: boolean): Cell[][] {
  const header = ['품목코드', '품목명', '규격', '단위', '품목분류', '판매단가', '최소주문수량', '바코드', '거래처코드', '수정일자'];
  const rows = products.map((p) => [p.code, p.name, p.spec, p.unitWord, p.categoryCode, amount(p.price), p.minOrderQuantity, p.gtin, p.supplierCode, p.updatedDate]);
  const bad = [['', '규격미상 품목', '', '개', products[0]?.categoryCode ?? '', amount(1000), 1, '', '', products[0]?.updatedDate ?? '']];
  return badRows ? withBadRows(header, rows, bad) : [header, ...rows];
}

function stockTable(products: readonly LegacyProduct[], stockDate: string, badRows: boolean): Cell[][] {
  const header = ['품목코드', '품목명', '창고', '현재고', '예약수량', '리드타임(일)', '재고일자'];
  const rows = products.map((p) => [p.code, p.name, p.warehouse, amount(p.stockOnHand), p.stockReserved, p.leadTimeDays, stockDate]);
  const known = products[0] ?? { code: 'P-00000', name: '' };
  const bad = [
    [known.code, known.name, '반품 창고', '확인중', 0, 3, stockDate],
    ['ZZ-99999', '단종 품목', '본사 창고', 12, 0, 3, stockDate],
  ];
  return badRows ? withBadRows(header, rows, bad) : [header, ...rows];
}

function ordersTable(dataset: LegacyDataset): Cell[][] {
  const header = ['주문번호', '주문일시', '거래처코드', '구매처명', '구매처사업자번호', '주문상태', '계산서번호', '공급가액', '세액', '합계금액'];
  const rows = dataset.orders.map((o) => {
    const total = orderTotal(o, dataset.pricesIncludeVat);
    return [
      o.code, o.orderedAt, o.supplierCode, o.buyerName, o.buyerBusinessNumber, STATUS_WORDS[o.status], o.invoiceNumber ?? '',
      amount(total.amount), amount(total.vat), amount(total.amount + total.vat),
    ];
  });
  return [header, ...rows];
}

/** What the ERP invoices: each line's unit price as supply amount and VAT, times the quantity. */
function orderTotal(order: LegacyOrder, pricesIncludeVat: boolean): Money {
  return order.lines.reduce((sum, line) => addMoney(sum, multiplyMoney(toMoney(line.unitPrice, pricesIncludeVat), line.quantity)), ZERO_KRW);
}

function shipmentsTable(orders: readonly LegacyOrder[]): Cell[][] {
  const header = ['주문번호', '출고일시', '택배사', '송장번호'];
  const shipped = orders.filter((o) => o.shippedAt !== null);
  return [header, ...shipped.map((o) => [o.code, o.shippedAt!, o.carrier ?? '', o.trackingNumber ?? ''])];
}

// ── formatting ───────────────────────────────────────────────────────────────

/** `12000` → `12,000` (quoted in the file because of the comma). */
function amount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function csvLine(cells: readonly Cell[]): string {
  return `${cells.map((cell) => csvField(String(cell))).join(',')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function encodingOf(name: CsvExportFile, option: CsvExportOptions['encoding']): CsvFileEncoding {
  if (typeof option === 'string') return option;
  return option?.[name] ?? DEFAULT_ENCODINGS[name];
}

function encode(text: string, encoding: CsvFileEncoding): Buffer {
  return encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
