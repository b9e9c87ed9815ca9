/**
 * The simulated SQL ERP: item master, vendor master, stock, and order
 * header/detail tables, named as Korean SME ERPs name them. The DDL keeps to
 * types every target understands (VARCHAR, INTEGER, BIGINT, TEXT); dates are
 * digit strings ('YYYYMMDD', 'YYYYMMDDHHmmss') as such ERPs store them, and
 * there are no foreign keys, so bad rows load as they are.
 */
export type SqlFlavor = 'sqlite' | 'postgres' | 'mariadb';

export interface TableDef {
  name: string;
  /** Column name → portable type and constraints. */
  columns: ReadonlyArray<readonly [name: string, type: string]>;
  primaryKey: readonly string[];
  unique?: readonly string[];
  indexes?: ReadonlyArray<readonly string[]>;
}

export const TABLES: readonly TableDef[] = [
  {
    name: 'VEND_MST',
    columns: [
      ['VEND_CD', 'VARCHAR(20) NOT NULL'],
      ['VEND_NM', 'VARCHAR(200) NOT NULL'],
      ['BIZ_NO', 'VARCHAR(20)'],
      ['CEO_NM', 'VARCHAR(100)'],
      ['AREA_NM', 'VARCHAR(50)'],
    ],
    primaryKey: ['VEND_CD'],
  },
  {
    name: 'ITEM_MST',
    columns: [
      ['ITEM_CD', 'VARCHAR(30) NOT NULL'],
      ['ITEM_NM', 'VARCHAR(200) NOT NULL'],
      ['ITEM_SPEC', 'VARCHAR(200)'],
      ['ITEM_DESC', 'TEXT'],
      ['ITEM_CLS_CD', 'VARCHAR(20)'],
      ['ITEM_UNIT', 'VARCHAR(10)'],
      ['SALE_PRC', 'BIGINT'],
      ['MIN_ORD_QTY', 'INTEGER'],
      ['BARCODE', 'VARCHAR(20)'],
      ['VEND_CD', 'VARCHAR(20)'],
      ['UPD_DT', 'VARCHAR(8)'],
    ],
    primaryKey: ['ITEM_CD'],
    indexes: [['ITEM_NM'], ['ITEM_CLS_CD'], ['ITEM_UNIT'], ['VEND_CD'], ['UPD_DT']],
  },
  {
    name: 'STOCK',
    columns: [
      ['ITEM_CD', 'VARCHAR(30) NOT NULL'],
      ['WH_NM', 'VARCHAR(50) NOT NULL'],
      ['ONHAND_QTY', 'INTEGER'],
      ['RSRV_QTY', 'INTEGER'],
      ['LEAD_DAYS', 'INTEGER'],
      ['STK_DT', 'VARCHAR(8)'],
    ],
    primaryKey: ['ITEM_CD', 'WH_NM'],
  },
  {
    name: 'ORD_HDR',
    columns: [
      ['ORD_NO', 'VARCHAR(30) NOT NULL'],
      ['BUYER_BIZ_NO', 'VARCHAR(20)'],
      ['BUYER_NM', 'VARCHAR(200)'],
      ['VEND_CD', 'VARCHAR(20)'],
      ['ORD_STAT', 'VARCHAR(10) NOT NULL'],
      ['ORD_DTM', 'VARCHAR(14) NOT NULL'],
      ['SHIP_DTM', 'VARCHAR(14)'],
      ['CARRIER_NM', 'VARCHAR(50)'],
      ['TRACK_NO', 'VARCHAR(50)'],
      ['INV_NO', 'VARCHAR(30)'],
      ['IDEMP_KEY', 'VARCHAR(100)'],
      ['CNCL_RSN', 'VARCHAR(500)'],
    ],
    primaryKey: ['ORD_NO'],
    unique: ['IDEMP_KEY'],
    indexes: [['ORD_DTM'], ['BUYER_BIZ_NO'], ['VEND_CD']],
  },
  {
    name: 'ORD_DTL',
    columns: [
      ['ORD_NO', 'VARCHAR(30) NOT NULL'],
      ['LINE_NO', 'INTEGER NOT NULL'],
      ['ITEM_CD', 'VARCHAR(30) NOT NULL'],
      ['ORD_QTY', 'INTEGER NOT NULL'],
      ['UNIT_PRC', 'BIGINT NOT NULL'],
    ],
    primaryKey: ['ORD_NO', 'LINE_NO'],
    indexes: [['ITEM_CD']],
  },
];

/** ORD_STAT words of this ERP (접수 received, 확정 confirmed, 출고 shipped, 배송완료 delivered, 취소 cancelled). */
export const ORDER_STATUS_WORDS = {
  RECEIVED: '접수',
  CONFIRMED: '확정',
  SHIPPED: '출고',
  DELIVERED: '배송완료',
  CANCELLED: '취소',
} as const;

/**
 * MariaDB tables get the server's usual case-insensitive utf8mb4 collation,
 * as a legacy install would; the idempotency key is compared exactly.
 */
function columnType(flavor: SqlFlavor, table: TableDef, [name, type]: readonly [string, string]): string {
  if (flavor === 'mariadb' && table.unique?.includes(name)) return type.replace(/^VARCHAR\((\d+)\)/, 'VARCHAR($1) COLLATE utf8mb4_bin');
  return type;
}

export function createTableStatements(flavor: SqlFlavor = 'sqlite'): string[] {
  return TABLES.flatMap((table) => {
    const columns = table.columns.map((column) => `  ${column[0]} ${columnType(flavor, table, column)}`);
    const constraints = [`  PRIMARY KEY (${table.primaryKey.join(', ')})`];
    if (table.unique) constraints.push(`  UNIQUE (${table.unique.join(', ')})`);
    const options = flavor === 'mariadb' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' : '';
    const create = `CREATE TABLE ${table.name} (\n${[...columns, ...constraints].join(',\n')}\n)${options}`;
    const indexes = (table.indexes ?? []).map((cols) => `CREATE INDEX ${table.name}_${cols.join('_')} ON ${table.name} (${cols.join(', ')})`);
    return [create, ...indexes];
  });
}
