import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readClassificationsFile } from '../classifications';
import { ClassificationsImportError, importClassificationsCsv } from '../importClassifications';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbnet-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OPERATOR_CSV = [
  'UNSPSC Code,English Title,한글명', // 1
  '56101519,Tables,탁자', // 2
  '56101504,Chairs,의자', // 3
  '561015,Too short,', // 4
  '56101504,Chairs twice,', // 5
  '56101520,"Lockers, metal",사물함', // 6
].join('\r\n');

describe('importClassificationsCsv', () => {
  it('imports a CP949 file, reports bad lines and writes normalized UTF-8', () => {
    const input = join(dir, 'unspsc-cp949.csv');
    const output = join(dir, 'out', 'classifications.csv');
    writeFileSync(input, iconv.encode(OPERATOR_CSV, 'cp949'));
    expect(importClassificationsCsv(input, output)).toEqual({
      imported: 3,
      skipped: [
        { line: 4, reason: 'code "561015" is not an 8-digit UNSPSC code' },
        { line: 5, reason: 'duplicate code 56101504 (first on line 3)' },
      ],
      encoding: 'cp949',
    });
    expect(readFileSync(output, 'utf8')).toBe('code,title,titleKo\n56101504,Chairs,의자\n56101519,Tables,탁자\n56101520,"Lockers, metal",사물함\n');
  });

  it('imports UTF-8 with and without a BOM to the same output', () => {
    const withBom = join(dir, 'bom.csv');
    const withoutBom = join(dir, 'plain.csv');
    writeFileSync(withBom, `\uFEFF${OPERATOR_CSV}`, 'utf8');
    writeFileSync(withoutBom, OPERATOR_CSV, 'utf8');
    expect(importClassificationsCsv(withBom, join(dir, 'a.csv'))).toMatchObject({ imported: 3, encoding: 'utf-8' });
    expect(importClassificationsCsv(withoutBom, join(dir, 'b.csv'))).toMatchObject({ imported: 3, encoding: 'utf-8' });
    expect(readFileSync(join(dir, 'a.csv'))).toEqual(readFileSync(join(dir, 'b.csv')));
  });

  it('writes a file the network subgraph loads strictly', () => {
    const input = join(dir, 'in.csv');
    writeFileSync(input, OPERATOR_CSV);
    importClassificationsCsv(input, join(dir, 'out.csv'));
    expect(readClassificationsFile(join(dir, 'out.csv')).map((r) => r.code)).toEqual(['56101504', '56101519', '56101520']);
  });

  it('replaces the output atomically and leaves no temporary file', () => {
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(output, 'old\n');
    writeFileSync(input, OPERATOR_CSV);
    importClassificationsCsv(input, output);
    expect(readFileSync(output, 'utf8').startsWith('code,title,titleKo\n')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'out.csv']);
  });

  it('refuses a file with no valid rows and keeps the old output', () => {
    const input = join(dir, 'bad.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(output, 'old\n');
    writeFileSync(input, 'code,title\n123,x\n');
    expect(() => importClassificationsCsv(input, output)).toThrow(
      new ClassificationsImportError(input, 'no valid classification rows; nothing written (line 2: code "123" is not an 8-digit UNSPSC code)'),
    );
    expect(readFileSync(output, 'utf8')).toBe('old\n');
  });

  it('names the file when it cannot be read or its header is unusable', () => {
    expect(() => importClassificationsCsv(join(dir, 'missing.csv'), join(dir, 'out.csv'))).toThrow(/missing\.csv: cannot read/);
    writeFileSync(join(dir, 'nohdr.csv'), 'id,label\n1,x\n');
    expect(() => importClassificationsCsv(join(dir, 'nohdr.csv'), join(dir, 'out.csv'))).toThrow(/nohdr\.csv: line 1: header must name a code and a title column/);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});
