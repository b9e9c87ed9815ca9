/**
 * The adapter conformance suite's entry point: what a legacy kind implements
 * to join (`ConformanceHarness`), and `runConformanceSuite(harness)`, which
 * registers one describe block per behaviour group (suite/*.ts) with Jest's
 * global describe/it. A new kind is ready when its ~15-line test file passes.
 */
import type { CoopConfig } from '../../core/coopConfig';
import { silentLogger } from '../../core/log';
import { createAdapterContext, type AdapterContext, type RowReport } from '../../adapters/types';
import type { LegacyDataset } from '../../demo/data/types';
import type { ErpAdapter } from '../../subgraphs/erp/port';
import type { MarketplaceAdapter } from '../../subgraphs/marketplace/port';
import { conformanceFixture, type Fixture } from './fixture';
import { batchGroup } from './suite/batch';
import { erpGroup } from './suite/erp';
import { errorsGroup } from './suite/errors';
import { ordersGroup } from './suite/orders';
import { recordsGroup } from './suite/records';
import { searchGroup } from './suite/search';
import { statsGroup } from './suite/stats';
import { suppliersAndOrdersGroup } from './suite/suppliersAndOrders';
import { validationGroup } from './suite/validation';

export type Role = 'marketplace' | 'erp';

/** What a kind can do, and its known quirks; groups skip what a kind declares it cannot do. */
export interface Capabilities {
  /** placeOrder writes to the legacy system (false for read-only kinds, e.g. nightly CSV exports). */
  placeOrder: boolean;
  /** cancelOrder changes the order in the legacy system. */
  cancelOrder: boolean;
  /**
   * The adapter answers from a copy it loaded (an export folder) and, when the
   * legacy source breaks, keeps serving the last good copy and reports the
   * breakage instead of failing calls (CSV exports). The errors group then
   * checks that rule instead of COOPERATIVE_UNAVAILABLE. Default false.
   */
  keepsLastGoodData?: boolean;
}

/** One legacy system seeded with a dataset, and the adapters in front of it. */
export interface LegacyUnderTest {
  /** Present when the kind has the marketplace role. */
  marketplace?: MarketplaceAdapter;
  /** Present when the kind has the erp role. */
  erp?: ErpAdapter;
  /** Calls the legacy system has served so far (HTTP requests, SQL statements, file reads…). */
  legacyCalls(): number;
  /** Makes every later legacy call fail (server answers 500, tables gone, folder unreadable…). */
  breakLegacy(): Promise<void> | void;
  /** What the adapters reported through `ctx.report` (the `reports` of `adapterContext`). */
  reports: RowReport[];
  /** Closes adapters and the legacy system, removes temp files. */
  teardown(): Promise<void>;
}

export interface ConformanceHarness {
  /** The legacy kind, as given to `--adapter`. */
  kind: string;
  roles: Role[];
  capabilities: Capabilities;
  /**
   * Starts a fresh legacy system holding `dataset` (stored in the kind's own
   * shape, defects included) and the adapters over it. Called once per
   * behaviour group, so groups never see each other's writes or breakage.
   */
  setup(dataset: LegacyDataset): Promise<LegacyUnderTest>;
}

export interface SuiteOptions {
  /** The dataset and its deliberate defects (default: `conformanceFixture()`). */
  fixture?: Fixture;
  /** Runs of each fast-check property (default 25; the seed is fixed). */
  numRuns?: number;
}

/** What every group gets: the kind, the data it was seeded with, and the run options. */
export interface GroupInput {
  harness: ConformanceHarness;
  fixture: Fixture;
  numRuns: number;
}

/** Registers the whole suite for one kind. */
export function runConformanceSuite(harness: ConformanceHarness, options: SuiteOptions = {}): void {
  const input: GroupInput = { harness, fixture: options.fixture ?? conformanceFixture(), numRuns: options.numRuns ?? 25 };
  describe(`adapter conformance: ${harness.kind}`, () => {
    if (harness.roles.includes('marketplace')) {
      recordsGroup(input);
      searchGroup(input);
      suppliersAndOrdersGroup(input);
      batchGroup(input);
      statsGroup(input);
      ordersGroup(input);
      validationGroup(input);
    }
    if (harness.roles.includes('erp')) erpGroup(input);
    errorsGroup(input);
  });
}

/** A cooperative config for `dataset` (its id, VAT convention, category and unit tables). */
export function coopConfigFor(dataset: LegacyDataset, legacy: Record<string, unknown>, baseDir: string = process.cwd()): CoopConfig {
  return {
    cooperative: dataset.cooperative,
    legacy,
    pricesIncludeVat: dataset.pricesIncludeVat,
    categories: dataset.categories,
    units: dataset.units,
    baseDir,
  };
}

/** The adapter context a kind's factory gets; its `reports` is what `LegacyUnderTest.reports` returns. */
export function adapterContext(
  dataset: LegacyDataset,
  legacy: Record<string, unknown>,
  baseDir?: string,
): AdapterContext & { reports: RowReport[] } {
  return createAdapterContext(coopConfigFor(dataset, legacy, baseDir), silentLogger);
}

export { conformanceFixture, type Fixture } from './fixture';
