import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentOf } from '../../../core/domain/unspsc';
import { projectPath, projectRoot } from '../../../core/paths';
import { ClassificationStore, loadClassificationStore, readClassificationsFile, SHIPPED_CLASSIFICATIONS_FILE } from '../classifications';

const codes = (list: { code: string }[]) => list.map((c) => c.code);

describe('projectRoot', () => {
  it('is the folder with package.json, whatever the working directory', () => {
    expect(existsSync(join(projectRoot(), 'package.json'))).toBe(true);
    expect(projectPath('subgraphs', 'network', 'schema.graphql')).toBe(join(projectRoot(), 'subgraphs/network/schema.graphql'));
    expect(SHIPPED_CLASSIFICATIONS_FILE).toBe(projectPath('subgraphs/network/data/unspsc-subset.csv'));
  });
});

describe('the shipped subset', () => {
  const store = loadClassificationStore();

  it('loads with Korean titles', () => {
    expect(store.size).toBeGreaterThan(40);
    expect(store.get('56101504')).toEqual({ code: '56101504', title: 'Chairs', titleKo: '의자', level: 'COMMODITY' });
  });

  it('holds every parent of every code, so the tree has only segments at the top', () => {
    const all = readClassificationsFile(SHIPPED_CLASSIFICATIONS_FILE);
    const missing = all.map((r) => parentOf(r.code)).filter((p): p is string => p !== null && !store.get(p));
    expect(missing).toEqual([]);
    expect(store.roots().every((c) => c.level === 'SEGMENT')).toBe(true);
  });
});

describe('ClassificationStore', () => {
  const store = new ClassificationStore([
    { code: '56101504', title: 'Chairs' },
    { code: '56000000', title: 'Furniture and Furnishings', titleKo: '가구 및 비품' },
    { code: '56100000', title: 'Accommodation furniture' },
    { code: '56101500', title: 'Furniture' },
    { code: '56101519', title: 'Tables' },
    { code: '56101700', title: 'Office furniture' },
    { code: '50000000', title: 'Food' },
    // Its class 50181900 and family 50180000 are missing: it hangs under the segment.
    { code: '50181901', title: 'Fresh bread' },
    // Its segment 14000000 is missing: it is a root.
    { code: '14110000', title: 'Paper products' },
  ]);

  it('gets by code with the level derived from the code', () => {
    expect(store.get('56101500')).toEqual({ code: '56101500', title: 'Furniture', titleKo: null, level: 'CLASS' });
    expect(store.get('56000000')?.level).toBe('SEGMENT');
    expect(store.get('56100000')?.level).toBe('FAMILY');
    expect(store.get('99999999')).toBeUndefined();
  });

  it('derives parents from the code, falling back to the nearest present ancestor', () => {
    expect(store.parent('56101504')?.code).toBe('56101500');
    expect(store.parent('56101500')?.code).toBe('56100000');
    expect(store.parent('56000000')).toBeUndefined();
    expect(store.parent('50181901')?.code).toBe('50000000');
    expect(store.parent('14110000')).toBeUndefined();
  });

  it('lists direct children in code order', () => {
    expect(codes(store.children('56101500'))).toEqual(['56101504', '56101519']);
    expect(codes(store.children('56100000'))).toEqual(['56101500', '56101700']);
    expect(codes(store.children('50000000'))).toEqual(['50181901']);
    expect(store.children('56101504')).toEqual([]);
    expect(store.children('12345678')).toEqual([]);
  });

  it('list(): roots by default, children by parent, all of a level, descendants of a parent at a level', () => {
    expect(codes(store.list())).toEqual(['14110000', '50000000', '56000000']);
    expect(codes(store.list({ parent: '56000000' }))).toEqual(['56100000']);
    expect(codes(store.list({ level: 'COMMODITY' }))).toEqual(['50181901', '56101504', '56101519']);
    expect(codes(store.list({ level: 'SEGMENT' }))).toEqual(['50000000', '56000000']);
    expect(codes(store.list({ parent: '56000000', level: 'COMMODITY' }))).toEqual(['56101504', '56101519']);
    expect(codes(store.list({ parent: '56100000', level: 'CLASS' }))).toEqual(['56101500', '56101700']);
    expect(store.list({ parent: '56101500', level: 'SEGMENT' })).toEqual([]);
    expect(store.list({ parent: '12000000', level: 'CLASS' })).toEqual([]);
    expect(store.list({ parent: null, level: null })).toEqual(store.roots());
  });
});

describe('loadClassificationStore with an operator file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sbnet-classifications-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds operator codes and lets operator titles win, keeping shipped Korean titles', () => {
    const file = join(dir, 'operator.csv');
    writeFileSync(file, 'code,title,titleKo\n56101504,Seating chairs,\n56101505,Stools,스툴\n');
    const store = loadClassificationStore({ operatorFile: file });
    expect(store.get('56101504')).toEqual({ code: '56101504', title: 'Seating chairs', titleKo: '의자', level: 'COMMODITY' });
    expect(store.get('56101505')?.titleKo).toBe('스툴');
    expect(codes(store.children('56101500'))).toContain('56101505');
    expect(store.get('56000000')?.title).toBe('Furniture and Furnishings');
  });

  it('refuses an operator file with bad rows, naming the line', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'code,title\n56101504,Chairs\n5610,Bad\n12,Worse\n');
    expect(() => loadClassificationStore({ operatorFile: file })).toThrow(
      `${file}:3: code "5610" is not an 8-digit UNSPSC code (and 1 more bad rows); clean it with \`sbnet classifications import\``,
    );
  });

  it('names a missing operator file', () => {
    expect(() => loadClassificationStore({ operatorFile: join(dir, 'nope.csv') })).toThrow(/nope\.csv: ENOENT/);
  });
});
