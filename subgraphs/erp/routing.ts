/** The erp role only extends entities: every fetch is an `_entities` fetch routed by id. */
import type { RoleRouting } from '../../gateway/router/spec';

export const erpRouting: RoleRouting = {
  role: 'erp',
  fields: {
    _entities: { kind: 'entities', keyField: 'id' },
  },
};
