/**
 * `npm start`: the demo network on the ports of supergraph.yaml, with no
 * external services. Prints the gateway URL and a sample query; Ctrl-C stops
 * everything it started.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { projectPath } from '../core/paths';
import { createLogger } from '../core/log';
import { announceReady, stopOnSignals } from '../cli/run';
import { startDemoNetwork } from './network';
import { effectiveAuthSettings } from '../gateway/auth/settings';
import { loadSupergraphConfig } from '../gateway/config/supergraphConfig';

export const SAMPLE_QUERY = `{
  products(filter: { text: "책상" }, orderBy: { field: PRICE, direction: ASC }, first: 5) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name spec unit
      price { amount vat currency }
      cooperative { name region status }
      classification { code title titleKo }
      supplier { name businessNumber }
      inventory { onHand available warehouse }
    }
  }
}`;

async function main(): Promise<void> {
  const started = Date.now();
  const adminToken = demoAdminToken();
  const demo = await startDemoNetwork({ dataDir: projectPath('.sbnet', 'demo'), freePorts: false, log: createLogger('demo', process.env.LOG_LEVEL ?? 'warn') });
  for (const s of demo.servers) process.stdout.write(`  ${s.name.padEnd(24)} ${s.url}\n`);
  announceReady('gateway', demo.gatewayUrl);
  const curl = `curl -s ${demo.gatewayUrl} -H 'content-type: application/json' --data '${JSON.stringify({ query: SAMPLE_QUERY.replace(/\s+/g, ' ') })}'`;
  process.stdout.write(
    `\nSB-NET demo is up in ${Date.now() - started} ms: ${demo.servers.length - 2} cooperative subgraphs, network subgraph, gateway.\n` +
      `GraphQL endpoint: ${demo.gatewayUrl}   (health: /healthz, metrics: /metrics)\n\nSample query (products across every cooperative, with data from all three subgraphs):\n${SAMPLE_QUERY}\n\nTry it:\n${curl}\n\n` +
      tokenHowTo(demo.gatewayUrl) +
      registryHowTo(adminToken) +
      `Ctrl-C stops everything.\n`,
  );
  stopOnSignals([demo], () => process.stdout.write('stopping the demo network…\n'));
}

/**
 * The admin token of the demo's live registry (`/admin/cooperatives`, `sbnet coop`):
 * `SBNET_ADMIN_TOKEN` when set, else a fresh one written to `.sbnet/demo/admin-token`.
 */
function demoAdminToken(): { file?: string } {
  if (process.env.SBNET_ADMIN_TOKEN) return {};
  const file = projectPath('.sbnet', 'demo', 'admin-token');
  mkdirSync(dirname(file), { recursive: true });
  process.env.SBNET_ADMIN_TOKEN = randomBytes(18).toString('base64url');
  writeFileSync(file, `${process.env.SBNET_ADMIN_TOKEN}\n`, { mode: 0o600 });
  return { file };
}

/** How to add a cooperative to the running demo (README "Joining the network"). */
function registryHowTo(token: { file?: string }): string {
  const env = token.file ? `export SBNET_ADMIN_TOKEN=$(cat ${relative(process.cwd(), token.file) || token.file})` : 'SBNET_ADMIN_TOKEN is the one you started the demo with';
  return (
    `Live registry (cooperatives join and leave while the demo runs; see README "Joining the network"):\n` +
    `  ${env}\n` +
    `  npx sbnet coop list\n` +
    `  npx sbnet coop add <id> --name <이름> --marketplace <url>     (or add it to supergraph.yaml: the file is watched)\n\n`
  );
}

/** How to get a token and read orders, when the demo's gateway verifies tokens (gateway.auth in supergraph.yaml). */
export function tokenHowTo(gatewayUrl: string, configFile = projectPath('supergraph.yaml')): string {
  const auth = effectiveAuthSettings(loadSupergraphConfig(configFile).gateway.auth);
  if (!auth.hs256Secret) return 'No token key configured (gateway.auth): every caller is anonymous and sees the catalogue only.\n\n';
  const orders = JSON.stringify({ query: '{ orders(first: 3) { totalCount nodes { id status total { amount } buyer { name businessNumber } } } }' });
  return (
    `Without a token you see the catalogue. Orders need a bearer token (roles: member, coop_admin, analyst, federation_admin):\n` +
    `  TOKEN=$(npx sbnet token --config supergraph.yaml --role coop_admin --coop sgfurn --ttl 1h)\n` +
    `  curl -s ${gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' --data '${orders}'\n` +
    `A member company: --role member --coop sgfurn --business-number <its 사업자등록번호> (sees only its own orders).\n\n`
  );
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`demo failed to start: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
