/**
 * One export file, bytes in, table out (pure). The whole file is either
 * readable or not: an encoding it cannot be decoded in, broken quoting, a
 * header without the required columns or a truncated last row make it
 * unreadable (`CsvFileError`). Rows are kept with the line they start on, so
 * a bad row can be reported as `stock.csv:17`; judging rows is the index's job.
 */
import { parse } from 'csv-parse/sync';
import { decodeLegacyBytes as decodeCsvBytes, type LegacyEncoding as CsvEncoding } from '../../core/text';
import { columnIndex, columnLabel, type Column, type ExportFileSpec } from './layout';

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  spec: ExportFileSpec;
  encoding: CsvEncoding;
  /** Positions of the columns the header names (of those the spec knows). */
  columns: Partial<Record<Column, number>>;
  headerLength: number;
  rows: CsvRow[];
  /** The file's modification time (ms), the stock date when the file has none. */
  modifiedAt: number;
}

export class CsvFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    reason: string,
  ) {
    super(line === null ? reason : `line ${line}: ${reason}`);
    this.name = 'CsvFileError';
  }
}

export function parseCsvFile(spec: ExportFileSpec, bytes: Uint8Array, modifiedAt: number): CsvTable {
  const fail = (reason: string, line: number | null = null): never => {
    throw new CsvFileError(spec.name, line, reason);
  };
  let decoded: { text: string; encoding: CsvEncoding };
  try {
    decoded = decodeCsvBytes(bytes);
  } catch (error) {
    return fail((error as Error).message);
  }
  // A character cut in half (a file still being written) or bytes of another encoding.
  const broken = decoded.text.indexOf('\uFFFD');
  if (broken >= 0) fail(`bytes that are not valid ${decoded.encoding}`, lineAt(decoded.text, broken));
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const rows = readRows(text, spec.name);
  if (rows.length === 0) fail('the file is empty (no header row)');
  const [header, ...body] = rows;
  const last = body[body.length - 1];
  if (last && !text.endsWith('\n') && last.cells.length < header.cells.length) {
    fail(`the last row has ${last.cells.length} of ${header.cells.length} columns and no line end: the file is incomplete`, last.line);
  }
  return { spec, encoding: decoded.encoding, columns: headerColumns(spec, header), headerLength: header.cells.length, rows: body, modifiedAt };
}

interface InfoRecord {
  record: string[];
  info: { lines: number };
}

function readRows(text: string, file: string): CsvRow[] {
  let parsed: InfoRecord[];
  try {
    // csv-parse's types do not model `info: true`, which wraps each record.
    parsed = parse(text, {
      delimiter: guessDelimiter(text),
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as InfoRecord[];
  } catch (error) {
    throw new CsvFileError(file, (error as { lines?: number }).lines ?? null, (error as Error).message);
  }
  return parsed
    .filter(({ record }) => record.some((cell) => cell.trim() !== '')) // ",,,," rows spreadsheets leave behind
    .map(({ record, info }) => ({ line: info.lines - newlinesIn(record), cells: record }));
}

/** Comma unless the first line clearly uses tabs or semicolons. */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = end < 0 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

function newlinesIn(cells: readonly string[]): number {
  return cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
}

function lineAt(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

function headerColumns(spec: ExportFileSpec, header: CsvRow): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  for (const column of [...spec.columns, ...spec.optional]) {
    const index = columnIndex(header.cells, column);
    if (index !== undefined) columns[column] = index;
  }
  const missing = spec.columns.filter((column) => columns[column] === undefined);
  if (missing.length > 0) {
    const got = header.cells.map((cell) => JSON.stringify(cell)).join(', ');
    throw new CsvFileError(spec.name, header.line, `the header names no ${missing.map(columnLabel).join(', ')} column (got ${got})`);
  }
  return columns;
}
