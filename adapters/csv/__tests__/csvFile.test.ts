/** One export file, bytes in, table out: encodings, header variants, line numbers, incomplete files. */
import iconv from 'iconv-lite';
import { parseCsvFile, type CsvTable } from '../csvFile';
import { EXPORT_FILES } from '../layout';

const STOCK = EXPORT_FILES.find((spec) => spec.key === 'stock')!;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const parseStock = (bytes: Uint8Array): CsvTable => parseCsvFile(STOCK, bytes, 0);
const cellsOf = (table: CsvTable, column: 'itemCode' | 'warehouse' | 'onHand') => table.rows.map((r) => r.cells[table.columns[column]!]);

describe('parseCsvFile', () => {
  const text = '품목코드,창고,현재고,재고일자\r\nP-1,김포 물류센터,"1,234",20261031\r\nP-2,본사 창고,5,20261031\r\n';

  it('reads CP949 (no BOM) and UTF-8 with a BOM to the same Korean text', () => {
    const cp949 = parseStock(iconv.encode(text, 'cp949'));
    const utf8 = parseStock(Buffer.concat([BOM, Buffer.from(text)]));
    expect(cp949.encoding).toBe('cp949');
    expect(utf8.encoding).toBe('utf-8');
    expect(cellsOf(cp949, 'warehouse')).toEqual(['김포 물류센터', '본사 창고']);
    expect(cp949.rows).toEqual(utf8.rows);
    expect(cellsOf(cp949, 'onHand')).toEqual(['1,234', '5']);
  });

  it('maps header variants (ECOUNT-style names, units in brackets, spaces) to the same columns', () => {
    const variant = parseStock(Buffer.from('PROD_CD\tWH_NM\t재고 수량\t기준일자\nP-1\t본사\t3\t20261031\n'));
    expect(variant.columns).toEqual({ itemCode: 0, warehouse: 1, onHand: 2, stockDate: 3 });
    expect(cellsOf(variant, 'itemCode')).toEqual(['P-1']);
  });

  it('numbers rows by the line they start on, across quoted line breaks and blank lines', () => {
    const table = parseStock(Buffer.from('품목코드,창고,현재고\n\nP-1,"본사\n창고",1\nP-2,부산,2\n,,\nP-3,대구,3'));
    expect(table.rows.map((r) => [r.line, r.cells[0]])).toEqual([[3, 'P-1'], [5, 'P-2'], [7, 'P-3']]);
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    expect(() => parseStock(Buffer.from('품목코드,창고\nP-1,본사\n'))).toThrow(/line 1: the header names no 현재고 column/);
  });

  it('refuses files cut off while being written', () => {
    const bytes = iconv.encode(text, 'cp949');
    // in the middle of a row, without a line end
    expect(() => parseStock(bytes.subarray(0, bytes.indexOf(Buffer.from(',"1,')) + 1))).toThrow(/incomplete/);
    // inside a quoted amount
    expect(() => parseStock(bytes.subarray(0, bytes.indexOf(Buffer.from('"1,')) + 3))).toThrow(/Quote Not Closed/i);
    // in the middle of a two-byte character
    const hangul = bytes.indexOf(iconv.encode('김포', 'cp949'));
    expect(() => parseStock(bytes.subarray(0, hangul + 1))).toThrow(/not valid cp949/);
    const utf8 = Buffer.concat([BOM, Buffer.from(text)]);
    expect(() => parseStock(utf8.subarray(0, utf8.indexOf(Buffer.from('김포')) + 2))).toThrow(/not valid utf-8/);
  });

  it('refuses an empty file and UTF-16', () => {
    expect(() => parseStock(Buffer.alloc(0))).toThrow(/empty/);
    expect(() => parseStock(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toThrow(/UTF-16/);
  });
});
