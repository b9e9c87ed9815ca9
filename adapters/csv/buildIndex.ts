/**
 * Parsed export files → the in-memory index the erp role answers from (pure).
 * Each bad row is left out and reported as `file:line` with the reason; the
 * good rows of the same file still load. Rules as in the SQL adapter: a row
 * with an unreadable quantity or date is dropped, an over-reserved item shows
 * 0 available, an item stocked in several warehouses is summed.
 */
import { parseAmount, parseLegacyDate, toMoney, toSeoulIso } from '../../core/domain/legacy';
import type { FulfillmentRecord, InventoryRecord } from '../../subgraphs/erp/port';
import type { Money, OrderStatus } from '../../subgraphs/marketplace/port';
import { combineWarehouses, fulfillmentStatusOf, type WarehouseStock } from '../../subgraphs/erp/records';
import type { RowReport } from '../types';
import type { CsvRow, CsvTable } from './csvFile';
import { columnLabel, orderStatusOf, type Column } from './layout';

export interface ExportTables {
  items: CsvTable;
  stock: CsvTable;
  orders?: CsvTable;
  shipments?: CsvTable;
}

export interface ExportIndex {
  inventory: ReadonlyMap<string, InventoryRecord>;
  fulfillment: ReadonlyMap<string, FulfillmentRecord>;
}

type Report = (row: string, reason: string) => void;

/** A row's cells by column name (NFC, trimmed; '' when the file has no such column). */
type Cells = (column: Column) => string;

interface Shipment {
  shippedAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
}

interface Invoice {
  number: string;
  total: Money;
}

interface OrderHeader {
  status: OrderStatus;
  orderedAt: string;
  invoice: Invoice | null;
  /** Shipping columns of the order file itself, if it has them. */
  own: Shipment | null;
}

export function buildIndex(tables: ExportTables): { index: ExportIndex; reports: RowReport[] } {
  const reports: RowReport[] = [];
  const report: Report = (row, reason) => reports.push({ row, reason });
  const items = keyedRows(tables.items, 'itemCode', report);
  const inventory = indexStock(tables.stock, new Set(items.keys()), report);
  const fulfillment = tables.orders ? indexOrders(tables.orders, tables.shipments, report) : new Map<string, FulfillmentRecord>();
  return { index: { inventory, fulfillment }, reports };
}

// ── rows ─────────────────────────────────────────────────────────────────────

function whereOf(table: CsvTable, row: CsvRow): string {
  return `${table.spec.name}:${row.line}`;
}

/** The rows shaped like the header (extra empty cells tolerated), as cell readers; others reported. */
function readableRows(table: CsvTable, report: Report): Array<{ where: string; line: number; cell: Cells }> {
  const out: Array<{ where: string; line: number; cell: Cells }> = [];
  for (const row of table.rows) {
    const where = whereOf(table, row);
    const extra = row.cells.slice(table.headerLength);
    if (row.cells.length < table.headerLength || extra.some((c) => c.trim() !== '')) {
      report(where, `${row.cells.length} cells where the header has ${table.headerLength} (an unquoted comma?); row skipped`);
      continue;
    }
    const cell: Cells = (column) => {
      const index = table.columns[column];
      return index === undefined ? '' : (row.cells[index] ?? '').normalize('NFC').trim();
    };
    out.push({ where, line: row.line, cell });
  }
  return out;
}

/** Rows by a non-empty, unique key; empty and repeated keys reported. */
function keyedRows(table: CsvTable, key: Column, report: Report): Map<string, { where: string; line: number; cell: Cells }> {
  const byKey = new Map<string, { where: string; line: number; cell: Cells }>();
  for (const row of readableRows(table, report)) {
    const value = row.cell(key);
    const first = byKey.get(value);
    if (value === '') report(row.where, `empty ${columnLabel(key)}; row skipped`);
    else if (first) report(row.where, `${columnLabel(key)} ${value} repeats line ${first.line}; row skipped`);
    else byKey.set(value, row);
  }
  return byKey;
}

// ── values ───────────────────────────────────────────────────────────────────

function quantityOf(text: string): number | null {
  const value = parseAmount(text);
  return value !== null && Number.isFinite(value) ? value : null;
}

function wholeAmountOf(text: string): number | null {
  const value = parseAmount(text);
  return value !== null && Number.isSafeInteger(value) ? value : null;
}

/** `20261031`, `2026-10-31`, `2026.10.31`, with an optional `HHmm[ss]` / `HH:mm[:ss]` → ISO +09:00. */
export function legacyDateOf(text: string): string | null {
  const m = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  return parseLegacyDate(`${y}${mo}${d}${h === undefined ? '' : `${h}${mi}${s}`}`);
}

function optional(text: string): string | null {
  return text === '' ? null : text;
}

// ── stock ────────────────────────────────────────────────────────────────────

function indexStock(table: CsvTable, items: ReadonlySet<string>, report: Report): Map<string, InventoryRecord> {
  const byItem = new Map<string, WarehouseStock[]>();
  const seen = new Map<string, number>();
  // Without a stock-date column the figures are as of the export, i.e. the file's time.
  const undated = table.columns.stockDate === undefined ? toSeoulIso(table.modifiedAt) : null;
  for (const { where, line, cell } of readableRows(table, report)) {
    const code = cell('itemCode');
    const stock =
      code === '' ? `empty ${columnLabel('itemCode')}`
      : !items.has(code) ? `item ${code} is not in items.csv`
      : warehouseStock(cell, undated, (reason) => report(where, reason));
    if (typeof stock === 'string') {
      report(where, `${stock}; stock row skipped`);
      continue;
    }
    const key = `${code}\u0000${stock.warehouse ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report(where, `item ${code} in ${stock.warehouse ?? 'no warehouse'} repeats line ${first}; stock row skipped`);
      continue;
    }
    seen.set(key, line);
    byItem.set(code, [...(byItem.get(code) ?? []), stock]);
  }
  return new Map([...byItem].map(([code, stocks]) => [code, combineWarehouses(stocks)]));
}

/** A stock row, or why it cannot be read; `note` reports what is shown anyway. */
function warehouseStock(cell: Cells, undated: string | null, note: (reason: string) => void): WarehouseStock | string {
  const onHand = quantityOf(cell('onHand'));
  const reserved = cell('reserved') === '' ? 0 : quantityOf(cell('reserved'));
  const asOf = undated ?? legacyDateOf(cell('stockDate'));
  const lead = cell('leadTimeDays');
  const leadTimeDays = lead === '' ? null : wholeAmountOf(lead);
  if (onHand === null) return `${columnLabel('onHand')} ${JSON.stringify(cell('onHand'))} is not a number`;
  if (reserved === null) return `${columnLabel('reserved')} ${JSON.stringify(cell('reserved'))} is not a number`;
  if (asOf === null) return `${columnLabel('stockDate')} ${JSON.stringify(cell('stockDate'))} is not a YYYYMMDD date`;
  if (lead !== '' && leadTimeDays === null) note(`${columnLabel('leadTimeDays')} ${JSON.stringify(lead)} is not a whole number of days; left empty`);
  if (reserved > onHand) note(`${columnLabel('reserved')} ${reserved} exceeds ${columnLabel('onHand')} ${onHand}; available shown as 0`);
  return { warehouse: optional(cell('warehouse')), onHand, available: Math.max(0, onHand - reserved), leadTimeDays, asOf };
}


// ── orders and shipments ─────────────────────────────────────────────────────

function indexOrders(orders: CsvTable, shipments: CsvTable | undefined, report: Report): Map<string, FulfillmentRecord> {
  const headers = new Map<string, OrderHeader>();
  for (const [no, { where, cell }] of keyedRows(orders, 'orderNo', report)) {
    const status = orderStatusOf(cell('status'));
    const orderedAt = legacyDateOf(cell('orderedAt'));
    if (status === null) { report(where, `${columnLabel('status')} ${JSON.stringify(cell('status'))} is not a known status; order skipped`); continue; }
    if (orderedAt === null) { report(where, `${columnLabel('orderedAt')} ${JSON.stringify(cell('orderedAt'))} is not a date; order skipped`); continue; }
    const own = cell('shippedAt') || cell('carrier') || cell('trackingNo') ? shipmentOf(cell, where, report) : null;
    headers.set(no, { status, orderedAt, invoice: invoiceOf(cell, where, report), own });
  }
  const shipped = shipments ? indexShipments(shipments, new Set(headers.keys()), report) : new Map<string, Shipment>();
  return new Map(
    [...headers].map(([no, order]) => {
      const ship = shipped.get(no) ?? order.own ?? { shippedAt: null, carrier: null, trackingNumber: null };
      const record: FulfillmentRecord = {
        status: fulfillmentStatusOf(order.status, ship.shippedAt !== null),
        ...ship,
        // A tax invoice is issued on supply, i.e. at shipping (else at order), as the SQL adapter has it.
        invoice: order.invoice && { number: order.invoice.number, issuedAt: ship.shippedAt ?? order.orderedAt, total: order.invoice.total },
      };
      return [no, record];
    }),
  );
}

function invoiceOf(cell: Cells, where: string, report: Report): Invoice | null {
  const number = cell('invoiceNo');
  if (number === '') return null;
  const total = invoiceTotal(cell);
  if (total) return { number, total };
  const amounts = (['supplyAmount', 'vatAmount', 'totalAmount'] as const).map((c) => `${columnLabel(c)} ${JSON.stringify(cell(c))}`).join(', ');
  report(where, `invoice ${number} has no readable total (${amounts}); invoice left empty`);
  return null;
}

/** 공급가액 and 세액; or 공급가액 alone (10% VAT); or 합계금액 alone (VAT included). */
function invoiceTotal(cell: Cells): Money | null {
  if (cell('supplyAmount') === '') {
    const gross = wholeAmountOf(cell('totalAmount'));
    return gross === null ? null : toMoney(gross, true);
  }
  const amount = wholeAmountOf(cell('supplyAmount'));
  const vat = cell('vatAmount') === '' ? undefined : wholeAmountOf(cell('vatAmount'));
  if (amount === null || vat === null) return null;
  return vat === undefined ? toMoney(amount, false) : { amount, vat, currency: 'KRW' };
}

function shipmentOf(cell: Cells, where: string, report: Report): Shipment {
  const shippedAt = cell('shippedAt') === '' ? null : legacyDateOf(cell('shippedAt'));
  if (cell('shippedAt') !== '' && shippedAt === null) {
    report(where, `${columnLabel('shippedAt')} ${JSON.stringify(cell('shippedAt'))} is not a date; shippedAt left empty`);
  }
  return { shippedAt, carrier: optional(cell('carrier')), trackingNumber: optional(cell('trackingNo')) };
}

/** One shipment per order; an order sent in several parcels shows its first (earliest) one. */
function indexShipments(table: CsvTable, orders: ReadonlySet<string>, report: Report): Map<string, Shipment> {
  const byOrder = new Map<string, Shipment>();
  for (const { where, cell } of readableRows(table, report)) {
    const no = cell('orderNo');
    if (no === '') { report(where, `empty ${columnLabel('orderNo')}; shipment skipped`); continue; }
    if (!orders.has(no)) { report(where, `order ${no} is not in orders.csv; shipment skipped`); continue; }
    const shipment = shipmentOf(cell, where, report);
    const kept = byOrder.get(no);
    if (!kept || isEarlier(shipment.shippedAt, kept.shippedAt)) byOrder.set(no, shipment);
  }
  return byOrder;
}

/** Whether `a` is before `b`, an unknown time being last (ISO +09:00 strings compare as times). */
function isEarlier(a: string | null, b: string | null): boolean {
  return a !== null && (b === null || a < b);
}
