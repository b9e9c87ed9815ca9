/** The shared SQL suites on a real PostgreSQL (skipped with one line when none is running, failed under CI=true). */
import { silentLogger } from '../../../core/log';
import { createAdapterContext } from '../../types';
import { postgresAdapter } from '../index';
import { describeWithServer, POSTGRES_SERVER, postgresBackend } from './backends';
import { sampleDataset } from './harness';
import { adapterSuite } from './suites/adapter';
import { erpSuite } from './suites/erp';
import { searchSuite } from './suites/search';
import { statsSuite } from './suites/stats';
import { writesSuite } from './suites/writes';

describeWithServer(POSTGRES_SERVER, 'PostgreSQL dialect', () => {
  searchSuite(postgresBackend, { pageSizes: [0, 5], numRuns: 15 });
  statsSuite(postgresBackend);
  writesSuite(postgresBackend);
  erpSuite(postgresBackend);
  adapterSuite(postgresBackend);

  it('the postgres factory opens legacy.url in legacy.schema', async () => {
    const db = await postgresBackend.seed(sampleDataset(true));
    try {
      const marketplace = await postgresAdapter.marketplace!(db.ctx);
      expect(marketplace.kind).toBe('postgres');
      expect((await marketplace.getProducts(['P-001']))[0]?.name).toBe('가구 책상');
      await marketplace.close!();
      const noUrl = createAdapterContext({ ...db.config, legacy: {} }, silentLogger);
      await expect(postgresAdapter.erp!(noUrl)).rejects.toThrow(/legacy\.url/);
    } finally {
      await db.drop();
    }
  });
});
