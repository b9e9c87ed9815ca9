/**
 * Fills the simulated ERP from a LegacyDataset: products become ITEM_MST and
 * STOCK rows, members VEND_MST rows, orders ORD_HDR/ORD_DTL rows. Bad rows
 * (invalid GTINs and business numbers, unmapped units and categories) are
 * stored exactly as given; coping with them is the adapter's job.
 */
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { LegacyDataset, LegacyMember, LegacyOrder, LegacyProduct } from '../../data/types';
import { createTableStatements, ORDER_STATUS_WORDS, TABLES } from './schema';

export type CellValue = string | number | null;

/** Rows per table, each row in the column order of `TABLES`. */
export type LegacyTables = Record<string, CellValue[][]>;

function vendorRow(m: LegacyMember): CellValue[] {
  return [m.code, m.name, m.businessNumber, m.representative, m.region];
}

function itemRow(p: LegacyProduct): CellValue[] {
  return [
    p.code, p.name, p.spec, p.description, p.categoryCode, p.unitWord, p.price, p.minOrderQuantity,
    p.gtin === '' ? null : p.gtin, // an ERP leaves a missing barcode NULL; a wrong one stays wrong
    p.supplierCode, p.updatedDate,
  ];
}

/** The dataset has no stock count date; the item's last update stands in for it. */
function stockRow(p: LegacyProduct): CellValue[] {
  return [p.code, p.warehouse, p.stockOnHand, p.stockReserved, p.leadTimeDays, p.updatedDate];
}

/** Buyers' numbers are kept as 10 digits without hyphens, as procurement systems (bizno) do. */
function headerRow(o: LegacyOrder): CellValue[] {
  return [
    o.code, o.buyerBusinessNumber.replace(/-/g, ''), o.buyerName, o.supplierCode, ORDER_STATUS_WORDS[o.status], o.orderedAt,
    o.shippedAt, o.carrier, o.trackingNumber, o.invoiceNumber, o.idempotencyKey, null,
  ];
}

function lineRows(o: LegacyOrder): CellValue[][] {
  return o.lines.map((line, i) => [o.code, i + 1, line.productCode, line.quantity, line.unitPrice]);
}

/** The dataset as ERP table rows (also used to seed PostgreSQL and MariaDB in tests). */
export function legacyTables(dataset: LegacyDataset): LegacyTables {
  return {
    VEND_MST: dataset.members.map(vendorRow),
    ITEM_MST: dataset.products.map(itemRow),
    STOCK: dataset.products.map(stockRow),
    ORD_HDR: dataset.orders.map(headerRow),
    ORD_DTL: dataset.orders.flatMap(lineRows),
  };
}

/** `INSERT INTO T (cols) VALUES (?, …)` for a table of `TABLES`, with the given placeholder style. */
export function insertStatement(tableName: string, placeholder: (index: number) => string = () => '?'): string {
  const table = TABLES.find((t) => t.name === tableName);
  if (!table) throw new Error(`No table ${tableName}`);
  const names = table.columns.map(([name]) => name);
  return `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map((_, i) => placeholder(i + 1)).join(', ')})`;
}

/** Creates (or replaces) a SQLite ERP file holding `dataset`. */
export function seedSqlite(dbFile: string, dataset: LegacyDataset): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(dbFile + suffix)) rmSync(dbFile + suffix);
  }
  const db = new Database(dbFile);
  try {
    const tables = legacyTables(dataset);
    db.transaction(() => {
      for (const statement of createTableStatements('sqlite')) db.exec(statement);
      for (const table of TABLES) {
        const insert = db.prepare(insertStatement(table.name));
        for (const row of tables[table.name]) insert.run(...row);
      }
    })();
  } finally {
    db.close();
  }
}
