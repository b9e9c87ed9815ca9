/**
 * A DataLoader over an adapter's batched get: one adapter call per batch,
 * answers checked to match the keys one to one.
 */
import DataLoader from 'dataloader';
import { callAdapter, type AdapterScope } from './adapterCall';

export function batchLoader<V>(
  scope: AdapterScope,
  operation: string,
  getMany: (localIds: readonly string[]) => Promise<ReadonlyArray<V | null>>,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>((localIds) =>
    callAdapter(scope, operation, async () => {
      const rows = await getMany(localIds);
      if (!Array.isArray(rows) || rows.length !== localIds.length) {
        throw new Error(`${operation} answered ${Array.isArray(rows) ? rows.length : 'no'} rows for ${localIds.length} ids`);
      }
      return rows;
    }),
  );
}
