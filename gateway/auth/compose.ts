/** Several tenant-router middlewares as one, outermost first (e.g. access guard, then order guard). */
import type { FieldHandler, FieldMiddleware } from '../router/context';

export function composeMiddleware(...layers: FieldMiddleware[]): FieldMiddleware {
  return (req, route, next) => layers.reduceRight<FieldHandler>((inner, layer) => (r) => layer(r, route, inner), next)(req);
}
