import { compareCodePoints } from '../../../../core/order';
import { generateDataset } from '../../../data/generate';
import { startRestLegacy, type RestLegacyHandle } from '../server';

const dataset = generateDataset({ id: 'kprint', industry: 'printing', productCount: 130, memberCount: 8, orderCount: 30, pricesIncludeVat: false, seed: 3 });

describe('simulated REST mall', () => {
  let mall: RestLegacyHandle;
  const get = async (path: string) => {
    const res = await fetch(mall.url + path);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(mall.url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return (await res.json()) as Record<string, any>;
  };

  beforeAll(async () => {
    mall = await startRestLegacy({ dataset, port: 0, now: () => new Date('2026-11-02T01:00:00Z') });
  });
  afterAll(() => mall.close());

  it('pages 1-based, caps size at 100 and says so in `size`', async () => {
    const { body } = await get('/api/v1/goods?page=2&size=500');
    expect(body).toMatchObject({ resultCode: '0000', totalCnt: 130, page: 2, size: 100 });
    expect(body.list).toHaveLength(30);
    expect((await get('/api/v1/goods?page=9&size=50')).body.list).toEqual([]);
  });

  it('shows goods in its own field names and formats', async () => {
    const p = dataset.products.find((x) => x.price >= 1000)!;
    const { body } = await get(`/api/v1/goods/batch?goodsNo=${p.code},NOPE`);
    expect(body.list).toEqual([
      expect.objectContaining({
        goodsNo: p.code, goodsNm: p.name, ctgryCd: p.categoryCode, unitNm: p.unitWord, barcode: p.gtin, vendorCd: p.supplierCode, updDt: p.updatedDate,
        salePrc: p.price.toLocaleString('en-US'), minOrdQty: String(p.minOrderQuantity),
      }),
    ]);
    expect(body.list[0].salePrc).toMatch(/^\d{1,3}(,\d{3})+$/);
  });

  it('lists in an order of its own, not the code-point order of names', async () => {
    const { body } = await get('/api/v1/goods?page=1&size=100');
    const names: string[] = body.list.map((g: { goodsNm: string }) => g.goodsNm);
    expect(names).not.toEqual([...names].sort(compareCodePoints));
  });

  it('filters goods by a category list and vendors come with bare-digit 사업자등록번호', async () => {
    const { body } = await get('/api/v1/goods?ctgryCd=P01,P99&size=100');
    expect(body.list.every((g: { ctgryCd: string }) => ['P01', 'P99'].includes(g.ctgryCd))).toBe(true);
    expect(body.totalCnt).toBe(dataset.products.filter((p) => ['P01', 'P99'].includes(p.categoryCode)).length);
    const vendors = (await get('/api/v1/vendors?size=100')).body.list;
    expect(vendors).toHaveLength(8);
    for (const v of vendors) expect(v.bizrNo).toMatch(/^\d{10}$/);
  });

  it('places an order priced from its goods, refuses a reused clientOrderKey, cancels', async () => {
    const p = dataset.products[0];
    const order = { buyerBizrNo: '2208100127', buyerNm: '서울특별시교육청', clientOrderKey: 'k1', itemList: [{ goodsNo: p.code, ordQty: 3 }] };
    const placed = await post('/api/v1/orders', order);
    expect(placed.data).toMatchObject({ ordStat: '10', ordDt: '20261102100000', clientOrderKey: 'k1', itemList: [{ goodsNo: p.code, ordQty: '3', ordPrc: p.price.toLocaleString('en-US') }] });
    expect(await post('/api/v1/orders', order)).toMatchObject({ resultCode: '2001', ordNo: placed.data.ordNo });
    expect((await get('/api/v1/orders?clientOrderKey=k1')).body.list).toHaveLength(1);
    expect((await post(`/api/v1/orders/${placed.data.ordNo}/cancel`, { cnclRsn: '중복' })).data).toMatchObject({ ordStat: '90', cnclRsn: '중복' });
    expect(await post('/api/v1/orders', { ...order, clientOrderKey: 'k2', itemList: [{ goodsNo: 'NOPE', ordQty: 1 }] })).toMatchObject({ resultCode: '1002' });
    expect(dataset.orders).toHaveLength(30); // the caller's dataset is untouched
  });

  it('answers errors the way such systems do', async () => {
    expect(await get('/api/v1/goods?page=abc')).toMatchObject({ status: 200, body: { resultCode: '9001' } });
    expect(await get('/api/v1/goods/batch')).toMatchObject({ status: 200, body: { resultCode: '9001' } });
    const notFound = await fetch(`${mall.url}/api/v2/goods`);
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('<html>');
    mall.setFault('http500');
    expect(await get('/api/v1/goods')).toMatchObject({ status: 500, body: { resultCode: '9999' } });
    mall.setFault(null);
  });

  it('counts the requests it served', async () => {
    const before = mall.calls();
    await get('/api/v1/vendors');
    await get('/nope').catch(() => undefined);
    expect(mall.calls()).toBe(before + 2);
  });
});
