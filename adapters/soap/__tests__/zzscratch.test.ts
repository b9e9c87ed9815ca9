import iconv from 'iconv-lite';
import { generateDataset } from '../../../demo/data/generate';
const inds = ['furniture','steel-wire','metal','textiles','printing','soy','electrical','lighting','gloves','sauce'] as const;
const bad = new Map<string, number>();
for (const industry of inds) {
  const d = generateDataset({ id: 'x', industry, productCount: 300, memberCount: 30, orderCount: 100, pricesIncludeVat: false, seed: 7 });
  const s = JSON.stringify(d);
  for (const ch of new Set(s)) {
    const back = iconv.decode(iconv.encode(ch, 'euc-kr'), 'euc-kr');
    if (back !== ch) bad.set(ch, (bad.get(ch) ?? 0) + 1);
  }
}
test.skip("",()=>{});console.log([...bad.keys()]);
test.skip("",()=>{});console.log(JSON.stringify(iconv.decode(Buffer.from([0x41, 0xC7, 0x41, 0xFF, 0xB0, 0xA1]), 'euc-kr')));
test.skip("",()=>{});console.log(iconv.encode('한㎜😀–', 'euc-kr'));
test.skip("",()=>{});console.log(JSON.stringify(iconv.decode(Buffer.from('한글', 'utf8'), 'euc-kr')));
test.skip("",()=>{});console.log(JSON.stringify(iconv.decode(iconv.encode('한글 사무용 책상', 'euc-kr'), 'utf8')));
