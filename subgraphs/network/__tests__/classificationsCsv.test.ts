import iconv from 'iconv-lite';
import {
  ClassificationsCsvError,
  decodeCsvBytes,
  formatClassificationsCsv,
  parseClassificationsCsv,
} from '../classificationsCsv';

const KOREAN = 'code,title,titleKo\n56101504,Chairs,의자\n56101519,Tables,탁자\n';

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(KOREAN, 'utf8')]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: KOREAN, encoding: 'utf-8' });
  });

  it('reads valid UTF-8 without a BOM as UTF-8', () => {
    expect(decodeCsvBytes(Buffer.from(KOREAN, 'utf8'))).toEqual({ text: KOREAN, encoding: 'utf-8' });
  });

  it('reads anything else as CP949', () => {
    const bytes = iconv.encode(KOREAN, 'cp949');
    expect(decodeCsvBytes(bytes)).toEqual({ text: KOREAN, encoding: 'cp949' });
  });

  it('reads CP949-only syllables (beyond EUC-KR) as CP949', () => {
    const text = 'code,title,titleKo\n56101504,Chairs,똠얌꿻\n';
    expect(decodeCsvBytes(iconv.encode(text, 'cp949')).text).toBe(text);
  });

  it('refuses UTF-16 with a hint', () => {
    expect(() => decodeCsvBytes(Buffer.from([0xff, 0xfe, 0x63, 0x00]))).toThrow(/UTF-16 .*CSV UTF-8/);
  });
});

describe('parseClassificationsCsv', () => {
  it('reads code,title,titleKo', () => {
    expect(parseClassificationsCsv(KOREAN)).toEqual({
      records: [
        { code: '56101504', title: 'Chairs', titleKo: '의자' },
        { code: '56101519', title: 'Tables', titleKo: '탁자' },
      ],
      skipped: [],
      encoding: 'utf-8',
    });
  });

  it('accepts header variants, any column order and extra columns', () => {
    const csv = '"Segment",한글명,"UNSPSC Code",English Title\n56,의자,56101504,Chairs\n';
    expect(parseClassificationsCsv(csv).records).toEqual([{ code: '56101504', title: 'Chairs', titleKo: '의자' }]);
    expect(parseClassificationsCsv('Code;Title;Title (KO)\n56101504;Chairs;의자\n').records).toEqual([{ code: '56101504', title: 'Chairs', titleKo: '의자' }]);
    expect(parseClassificationsCsv('unspsc_code\ttitle_en\n56101504\tChairs\n').records).toEqual([{ code: '56101504', title: 'Chairs' }]);
  });

  it('reads a file without a header by position', () => {
    expect(parseClassificationsCsv('56101504,Chairs,의자\n56101519,Tables\n').records).toEqual([
      { code: '56101504', title: 'Chairs', titleKo: '의자' },
      { code: '56101519', title: 'Tables' },
    ]);
  });

  it('refuses a header without code or title', () => {
    expect(() => parseClassificationsCsv('id,label\n1,x\n')).toThrow(ClassificationsCsvError);
    expect(() => parseClassificationsCsv('code,label\n1,x\n')).toThrow(/^line 1: header must name a code and a title column \(got "code", "label"\)/);
  });

  it('reports bad rows with their line numbers and keeps the rest', () => {
    const csv = [
      'code,title,titleKo', // 1
      '56101504,Chairs,의자', // 2
      '5610150,Short code,', // 3
      '', // 4 (blank lines are not rows)
      '56101519,,탁자', // 5
      ',Nothing,', // 6
      '00101500,Zero segment,', // 7
      '56101504,Chairs again,', // 8
      '"56101520","Lockers,', // 9
      'metal",사물함', // 10
      'ABCDEFGH,Letters,', // 11
      ',,', // 12 (spreadsheet padding)
    ].join('\r\n');
    expect(parseClassificationsCsv(csv)).toEqual({
      records: [
        { code: '56101504', title: 'Chairs', titleKo: '의자' },
        { code: '56101520', title: 'Lockers, metal', titleKo: '사물함' },
      ],
      skipped: [
        { line: 3, reason: 'code "5610150" is not an 8-digit UNSPSC code' },
        { line: 5, reason: 'missing title for 56101519' },
        { line: 6, reason: 'missing code' },
        { line: 7, reason: 'code "00101500" is not an 8-digit UNSPSC code' },
        { line: 8, reason: 'duplicate code 56101504 (first on line 2)' },
        { line: 11, reason: 'code "ABCDEFGH" is not an 8-digit UNSPSC code' },
      ],
      encoding: 'utf-8',
    });
  });

  it('normalizes titles to NFC with single spaces', () => {
    const decomposed = '의자'.normalize('NFD');
    expect(parseClassificationsCsv(`code,title,titleKo\n 56101504 ,"  Office\n chairs ",${decomposed}\n`).records).toEqual([
      { code: '56101504', title: 'Office chairs', titleKo: '의자' },
    ]);
  });

  it('reports an unclosed quote with its line', () => {
    const parseUnclosed = () => parseClassificationsCsv('code,title\n56101504,"Chairs\n56101519,Tables\n');
    expect(parseUnclosed).toThrow(ClassificationsCsvError);
    expect(parseUnclosed).toThrow(/^line 3: Quote Not Closed/);
  });

  it('reads an empty file as no records', () => {
    expect(parseClassificationsCsv('')).toEqual({ records: [], skipped: [], encoding: 'utf-8' });
  });
});

describe('formatClassificationsCsv', () => {
  it('writes the normalized form sorted by code, quoting where needed', () => {
    const text = formatClassificationsCsv([
      { code: '56101519', title: 'Tables', titleKo: '탁자' },
      { code: '56101520', title: 'Lockers, "metal"' },
    ]);
    expect(text).toBe('code,title,titleKo\n56101519,Tables,탁자\n56101520,"Lockers, ""metal""",\n');
  });

  it('round-trips through the parser', () => {
    const records = [
      { code: '56101504', title: 'Chairs', titleKo: '의자' },
      { code: '56101520', title: 'Lockers, "metal"' },
    ];
    expect(parseClassificationsCsv(formatClassificationsCsv(records)).records).toEqual(records);
  });
});
