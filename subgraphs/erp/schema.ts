/**
 * The erp role server: `Product.inventory` and `Order.fulfillment` over one
 * cooperative's ERP adapter. References are kept as they come (the entity
 * lives in the marketplace subgraph); the fields load through the request's
 * DataLoaders, one adapter call per batch. Another cooperative's entity or an
 * item the ERP does not know answers null, without an error.
 */
import type { GraphQLSchema } from 'graphql';
import { silentLogger, type Logger } from '../../core/log';
import { parseGlobalId } from '../../core/ids';
import type { AdapterScope } from '../shared/adapterCall';
import { DateTimeScalar } from '../shared/dateTime';
import { createSubgraphContext, type SubgraphContext } from '../shared/perRequest';
import { buildRoleSchema, type ResolverMap } from '../shared/roleSchema';
import { erpLoaders, type ErpLoaders } from './loaders';
import type { ErpAdapter } from './port';
import { accessOf, orderAccess, requireAccess } from '../shared/identityRules';

export interface ErpServerOptions {
  cooperativeId: string;
  adapter: ErpAdapter;
  log?: Logger;
}

export type ErpContext = SubgraphContext;

/** A Product or Order reference: its global id and, when it is this cooperative's, the local id. */
interface ErpEntity {
  id: string;
  localId: string | null;
}

/** Async so a malformed id fails only its own entity in an `_entities` list. */
async function referenceOf(cooperativeId: string, ref: { id: string }): Promise<ErpEntity> {
  const parsed = parseGlobalId(ref.id);
  return { id: ref.id, localId: parsed.cooperativeId === cooperativeId ? parsed.localId : null };
}

function erpResolvers(cooperativeId: string, loaders: (context: unknown) => ErpLoaders): ResolverMap {
  const load = (loader: keyof ErpLoaders) => (entity: ErpEntity, _: unknown, context: unknown) =>
    entity.localId === null ? null : loaders(context)[loader].load(entity.localId);
  return {
    DateTime: DateTimeScalar,
    Product: {
      __resolveReference: (ref: { id: string }) => referenceOf(cooperativeId, ref),
      inventory: load('inventory'),
    },
    Order: {
      __resolveReference: (ref: { id: string }) => referenceOf(cooperativeId, ref),
      // Order data: the gateway-signed caller must see this cooperative's orders (the buyer is checked where the order is read).
      fulfillment: (entity: ErpEntity, args: unknown, context: unknown) => {
        requireAccess(accessOf(context, orderAccess, cooperativeId), cooperativeId);
        return load('fulfillment')(entity, args, context);
      },
    },
  };
}

export function buildErpSchema(opts: ErpServerOptions): GraphQLSchema {
  const scope: AdapterScope = { cooperativeId: opts.cooperativeId, log: opts.log ?? silentLogger };
  return buildRoleSchema('erp', erpResolvers(opts.cooperativeId, erpLoaders(opts.adapter, scope)));
}

/** Apollo Server's context function: a fresh object per request carries its DataLoaders. */
export function createErpContext(): ErpContext {
  return createSubgraphContext();
}
