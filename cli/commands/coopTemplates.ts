/**
 * Commented adapter configs, one per legacy kind, for
 * `sbnet init coop <id> --adapter <kind>`: what a cooperative's IT person
 * edits to bring their system into the network. Pure; every template loads
 * with `loadCoopConfig` and passes its adapter's settings check as written.
 */
export type TemplateKind = 'rest' | 'soap' | 'sqlite' | 'postgres' | 'mariadb' | 'csv';

export interface CoopTemplate {
  kind: TemplateKind;
  /** The roles this kind serves, in the order to start them. */
  roles: Array<'marketplace' | 'erp'>;
  /** One line: what legacy system this is. */
  what: string;
  /** The config text; `port` is where its header suggests starting the (first) subgraph. */
  render(id: string, file: string, port?: number): string;
}

const MAPPINGS = `pricesIncludeVat: false             # ← true if your system's prices include 10% VAT; SB-NET shows 공급가액 (excl. VAT) + vat

categories:                         # ← every category code your system uses → UNSPSC commodity (8 digits, quoted)
  F01: "56101703"                   #   e.g. 책상 Desks        (look codes up in subgraphs/network/data/unspsc-subset.csv
  F02: "56101504"                   #   e.g. 의자 Chairs        or the full UNSPSC list your federation imported)
                                    # unmapped codes are reported at start-up and the product shows classification: null

units:                              # ← every unit word your system uses → UN/CEFACT Rec 20 code
  개: EA                            #   each
  세트: SET
  박스: XBX                         #   box
  kg: KGM
                                    # a product whose unit has no mapping is left out (and reported)
`;

export const DEFAULT_PORT = 4101;

function header(id: string, file: string, kind: TemplateKind, what: string, roles: CoopTemplate['roles'], port = DEFAULT_PORT): string {
  const runs = roles.map((role, i) => `#   npx sbnet subgraph ${role} --adapter ${kind} --config ${file} --port ${port + i}`).join('\n');
  const checks = roles.map((role, i) => `#   npx sbnet check ${role} http://127.0.0.1:${port + i}/graphql --id ${id}`).join('\n');
  return `# SB-NET adapter config of cooperative "${id}": ${what}.
# Written by \`sbnet init coop ${id} --adapter ${kind}\`. Change the values marked ←, then
# start your subgraph next to your system and check it:
${runs}
${checks}
# When the check says FIT, ask the federation to register you (README "Joining the network").
cooperative: ${id}                  # your id in the network: the prefix of every id you hand out (${id}:<your code>)
`;
}

export const COOP_TEMPLATES: Readonly<Record<TemplateKind, CoopTemplate>> = {
  rest: {
    kind: 'rest',
    roles: ['marketplace'],
    what: 'a REST/JSON shopping-mall API (page/size paging, prices like "12,000", dates YYYYMMDD)',
    render(id, file, port) {
      return `${header(id, file, 'rest', this.what, this.roles, port)}
legacy:
  url: http://127.0.0.1:8080        # ← base URL of your mall's API (the adapter calls its goods, vendor and order lists below it)
  pageSize: 100                     # rows per list call, 1–100 (100 = fewest calls)
  timeoutMs: 10000                  # how long one call to the mall may take

${MAPPINGS}`;
    },
  },
  soap: {
    kind: 'soap',
    roles: ['marketplace'],
    what: 'a SOAP 1.1/XML shopping-mall service in EUC-KR (GetItemList, GetItemsByCode, RegisterOrder…)',
    render(id, file, port) {
      return `${header(id, file, 'soap', this.what, this.roles, port)}
legacy:
  url: http://127.0.0.1:8080/ws/MallService   # ← the service endpoint (the ?wsdl address you were given works too)
  pageSize: 100                     # rows per list call, 1–100 (the service refuses more)
  timeoutMs: 10000                  # how long one call may take

${MAPPINGS}`;
    },
  },
  sqlite: {
    kind: 'sqlite',
    roles: ['marketplace', 'erp'],
    what: 'ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in a SQLite file',
    render(id, file, port) {
      return `${header(id, file, 'sqlite', this.what, this.roles, port)}
legacy:
  database: ./${id}-erp.sqlite      # ← the ERP's database file, relative to this config file
                                    # (the same config serves both roles: products and orders, stock and fulfilment)

${MAPPINGS}`;
    },
  },
  postgres: {
    kind: 'postgres',
    roles: ['marketplace', 'erp'],
    what: 'ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in PostgreSQL',
    render(id, file, port) {
      return `${header(id, file, 'postgres', this.what, this.roles, port)}
legacy:
  url: postgres://erp_reader@127.0.0.1:5432/erp   # ← connection string (a user that may read those tables; placeOrder also inserts orders)
  schema: public                    # ← the schema the tables are in (search_path)
  poolSize: 5                       # connections kept open

${MAPPINGS}`;
    },
  },
  mariadb: {
    kind: 'mariadb',
    roles: ['marketplace', 'erp'],
    what: 'ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in MariaDB or MySQL',
    render(id, file, port) {
      return `${header(id, file, 'mariadb', this.what, this.roles, port)}
legacy:
  url: mysql://erp_reader@127.0.0.1:3306/erp      # ← connection string (a user that may read those tables; placeOrder also inserts orders)
  poolSize: 5                       # connections kept open

${MAPPINGS}`;
    },
  },
  csv: {
    kind: 'csv',
    roles: ['erp'],
    what: 'CSV exports (items.csv, stock.csv, optionally orders.csv and shipments.csv; CP949 or UTF-8) a nightly ERP job drops into a folder',
    render(id, file, port) {
      return `${header(id, file, 'csv', this.what, this.roles, port)}
# The CSV adapter serves the erp role: stock (inventory) and fulfilment of your products
# and orders. Your products themselves come from your marketplace subgraph (rest, soap,
# sqlite, postgres, mariadb, or your own GraphQL); item codes must be the same in both.
legacy:
  folder: ./${id}-export            # ← where the nightly job drops the files, relative to this config file
  settleMs: 10000                   # a file unchanged this long is complete (jobs write in place)
  pollMs: 30000                     # also look at the folder this often, besides change events
# Categories, units and prices are your marketplace config's business: stock and delivery need no mapping.
`;
    },
  },
};

export const TEMPLATE_KINDS = Object.keys(COOP_TEMPLATES) as TemplateKind[];

/** Default file name: `<id>.<role>.yaml` for a one-role kind, `<id>.yaml` when one config serves both roles. */
export function defaultFileName(id: string, template: CoopTemplate): string {
  return template.roles.length === 1 ? `${id}.${template.roles[0]}.yaml` : `${id}.yaml`;
}
