/**
 * What of a product filter the mall can do itself: GetItemList takes a list
 * of its own category codes. The pushed-down part only narrows to a superset
 * of the answer; the exact filter still runs in memory (memory.ts).
 */
import { localCodesUnder } from '../../core/domain/unspsc';
import type { ProductFilter } from '../../subgraphs/marketplace/port';

/**
 * The local category codes whose UNSPSC mapping starts with the filter's
 * classification prefix: undefined when the filter has none (ask for every
 * category), [] when no local code can match (nothing to ask).
 */
export function categoryCodesFor(filter: ProductFilter, categories: Readonly<Record<string, string>>): string[] | undefined {
  return filter.classificationPrefix ? localCodesUnder(filter.classificationPrefix, categories) : undefined;
}
