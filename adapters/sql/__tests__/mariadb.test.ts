/** The shared SQL suites on a real MariaDB (skipped with one line when none is running, failed under CI=true). */
import { silentLogger } from '../../../core/log';
import { createAdapterContext } from '../../types';
import { mariadbAdapter } from '../index';
import { describeWithServer, MARIADB_SERVER, mariadbBackend } from './backends';
import { sampleDataset } from './harness';
import { adapterSuite } from './suites/adapter';
import { erpSuite } from './suites/erp';
import { searchSuite } from './suites/search';
import { statsSuite } from './suites/stats';
import { writesSuite } from './suites/writes';

describeWithServer(MARIADB_SERVER, 'MariaDB dialect', () => {
  searchSuite(mariadbBackend, { pageSizes: [0, 5], numRuns: 15 });
  statsSuite(mariadbBackend);
  writesSuite(mariadbBackend);
  erpSuite(mariadbBackend);
  adapterSuite(mariadbBackend);

  it('the mariadb factory opens legacy.url', async () => {
    const db = await mariadbBackend.seed(sampleDataset(true, mariadbBackend.dataset));
    try {
      const marketplace = await mariadbAdapter.marketplace!(db.ctx);
      expect(marketplace.kind).toBe('mariadb');
      expect((await marketplace.getProducts(['P-001']))[0]?.name).toBe('가구 책상');
      await marketplace.close!();
      const noUrl = createAdapterContext({ ...db.config, legacy: {} }, silentLogger);
      await expect(mariadbAdapter.erp!(noUrl)).rejects.toThrow(/legacy\.url/);
    } finally {
      await db.drop();
    }
  });
});
