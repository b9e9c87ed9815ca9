/**
 * UNSPSC classification CSVs: decoding, tolerant parsing and the normalized
 * form. Pure (bytes in, records out) so the import command and the store's
 * loader read files the same way.
 *
 * Operators bring what their tools export: Excel on a Korean Windows saves
 * CP949 without a BOM, "CSV UTF-8" with one; headers vary (`UNSPSC Code`,
 * `Title`, `한글명`…). The normalized form is UTF-8 `code,title,titleKo`,
 * sorted by code.
 */
import { decodeLegacyBytes, UnsupportedEncodingError } from '../../core/text';
import { parse } from 'csv-parse/sync';
import { isUnspscCode } from '../../core/domain/unspsc';

export interface ClassificationRecord {
  /** 8-digit UNSPSC code. */
  code: string;
  title: string;
  titleKo?: string;
}

export interface SkippedLine {
  /** 1-based line in the input file where the row starts. */
  line: number;
  reason: string;
}

export type CsvEncoding = 'utf-8' | 'cp949';

export interface ParsedClassifications {
  records: ClassificationRecord[];
  skipped: SkippedLine[];
  encoding: CsvEncoding;
}

/** Thrown when the file as a whole cannot be read (encoding, quoting, header). */
export class ClassificationsCsvError extends Error {
  constructor(
    readonly line: number | null,
    reason: string,
  ) {
    super(line ? `line ${line}: ${reason}` : reason);
    this.name = 'ClassificationsCsvError';
  }
}

type Column = 'code' | 'title' | 'titleKo';

/** Header spellings seen in UNSPSC exports, compared after `normalizeHeader`. */
const HEADER_ALIASES: Record<Column, readonly string[]> = {
  code: ['code', 'unspsc', 'unspsccode', 'commoditycode', 'classificationcode', 'codeunspsc', '코드', '분류코드', 'unspsc코드', '품목분류코드', '상품분류코드'],
  title: ['title', 'name', 'titleen', 'entitle', 'englishtitle', 'nameen', 'englishname', 'commoditytitle', 'unspsctitle', '영문명', '영문명칭', '영문분류명'],
  titleKo: ['titleko', 'kotitle', 'titlekr', 'koreantitle', 'nameko', 'namekr', 'koreanname', '한글명', '국문명', '한글명칭', '분류명', '품명', '명칭'],
};

/** Column positions when the file has no header row: code,title[,titleKo]. */
const POSITIONAL: Record<Column, number> = { code: 0, title: 1, titleKo: 2 };

// ── decoding ─────────────────────────────────────────────────────────────────

/** Legacy decoding (core/text), with UTF-16 reported as a CSV error. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return decodeLegacyBytes(bytes);
  } catch (err) {
    if (err instanceof UnsupportedEncodingError) throw new ClassificationsCsvError(null, err.message);
    throw err;
  }
}

// ── parsing ──────────────────────────────────────────────────────────────────

export function parseClassificationsCsv(input: Uint8Array | string): ParsedClassifications {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeCsvBytes(input);
  const rows = readRows(text);
  if (rows.length === 0) return { records: [], skipped: [], encoding };
  const columns = headerColumns(rows[0]);
  const body = columns ? rows.slice(1) : rows;
  return { ...validateRows(body, columns ?? POSITIONAL), encoding };
}

interface InfoRecord {
  record: string[];
  info: { lines: number };
}

interface Row {
  line: number;
  cells: string[];
}

function readRows(text: string): Row[] {
  // One line ending for csv-parse: mixed CRLF/LF files otherwise miscount lines.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let parsed: InfoRecord[];
  try {
    // csv-parse's types do not model `info: true`, which wraps each record.
    parsed = parse(normalized, {
      delimiter: guessDelimiter(normalized),
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as InfoRecord[];
  } catch (err) {
    throw new ClassificationsCsvError((err as { lines?: number }).lines ?? null, (err as Error).message);
  }
  // info.lines is where a record ends; a quoted cell may span lines.
  return parsed.map(({ record, info }) => ({ line: info.lines - newlinesIn(record), cells: record }));
}

/** Comma unless the first line clearly uses tabs or semicolons (some spreadsheet exports). */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = end < 0 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

function newlinesIn(cells: string[]): number {
  return cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
}

/** Column positions named by a header row, or null when the first row is already data. */
function headerColumns(first: Row): Partial<Record<Column, number>> | null {
  if (isUnspscCode(first.cells[0]?.trim() ?? '')) return null;
  const names = first.cells.map(normalizeHeader);
  const columns: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(HEADER_ALIASES) as Column[]) {
    const index = names.findIndex((name) => HEADER_ALIASES[column].includes(name));
    if (index >= 0) columns[column] = index;
  }
  if (columns.code === undefined || columns.title === undefined) {
    throw new ClassificationsCsvError(first.line, `header must name a code and a title column (got ${first.cells.map((c) => JSON.stringify(c)).join(', ')})`);
  }
  return columns;
}

function normalizeHeader(cell: string): string {
  return cell.normalize('NFC').toLowerCase().replace(/[\s_\-.()/[\]]/g, '');
}

function validateRows(rows: Row[], columns: Partial<Record<Column, number>>): { records: ClassificationRecord[]; skipped: SkippedLine[] } {
  const records: ClassificationRecord[] = [];
  const skipped: SkippedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue; // trailing ",,," rows spreadsheets leave behind
    const record = toRecord(row, columns);
    const reason = typeof record === 'string' ? record : duplicateReason(firstLineOf, record.code);
    if (reason !== undefined) {
      skipped.push({ line: row.line, reason });
    } else if (typeof record !== 'string') {
      firstLineOf.set(record.code, row.line);
      records.push(record);
    }
  }
  return { records, skipped };
}

/** A record, or the reason the row is not one. */
function toRecord(row: Row, columns: Partial<Record<Column, number>>): ClassificationRecord | string {
  const cell = (column: Column): string => (columns[column] === undefined ? '' : cleanText(row.cells[columns[column]!] ?? ''));
  const code = cell('code');
  if (code === '') return 'missing code';
  if (!isUnspscCode(code)) return `code ${JSON.stringify(code)} is not an 8-digit UNSPSC code`;
  const title = cell('title');
  if (title === '') return `missing title for ${code}`;
  const titleKo = cell('titleKo');
  return titleKo === '' ? { code, title } : { code, title, titleKo };
}

function duplicateReason(firstLineOf: ReadonlyMap<string, number>, code: string): string | undefined {
  const first = firstLineOf.get(code);
  return first === undefined ? undefined : `duplicate code ${code} (first on line ${first})`;
}

/** NFC, one space between words: titles compare and print the same whichever tool wrote them. */
function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// ── writing ──────────────────────────────────────────────────────────────────

export const NORMALIZED_HEADER = 'code,title,titleKo';

/** UTF-8 (no BOM) `code,title,titleKo`, sorted by code, LF line endings. */
export function formatClassificationsCsv(records: readonly ClassificationRecord[]): string {
  const sorted = [...records].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const lines = sorted.map((r) => [r.code, r.title, r.titleKo ?? ''].map(csvField).join(','));
  return `${[NORMALIZED_HEADER, ...lines].join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
