import { silentLogger } from '../../../core/log';
import { generateDataset } from '../../../demo/data/generate';
import { startSoapLegacy } from '../../../demo/legacy/soap/server';
import { createAdapterContext } from '../../types';
import { configFor } from '../../rest/__tests__/oracle';
import { SoapClient } from '../client';
import { soapAdapter } from '../index';
test('lat', async () => {
  const dataset = generateDataset({ id: 'kelec', industry: 'electrical', productCount: 230, memberCount: 16, orderCount: 140, pricesIncludeVat: true, seed: 1 });
  const legacy = await startSoapLegacy({ dataset });
  const client = new SoapClient({ endpoint: legacy.url, pageSize: 100, timeoutMs: 5000 });
  for (const [label, params] of [['small', { ItemCd: ['P-10001'] }], ['page', { PageNo: 1, PageSize: 100 }]] as const) {
    const op = label === 'small' ? 'GetItemsByCode' : 'GetItemList';
    for (let i = 0; i < 3; i++) await client.call(op, params);
    const s = performance.now();
    for (let i = 0; i < 10; i++) await client.call(op, params);
    console.log(label, ((performance.now() - s) / 10).toFixed(1), 'ms');
  }
  const ctx = createAdapterContext(configFor(dataset, { url: legacy.url }), silentLogger);
  const a = await soapAdapter.marketplace!(ctx);
  const s = performance.now();
  for (let i = 0; i < 10; i++) await a.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 37, after: null });
  console.log('search', ((performance.now() - s) / 10).toFixed(1), 'ms');
  await client.close(); await a.close!(); await legacy.close();
});
