/**
 * `npm start`: the demo network on the ports of supergraph.yaml, with no
 * external services. Prints the gateway URL and a sample query; Ctrl-C stops
 * everything it started.
 */
import { projectPath } from '../core/paths';
import { createLogger } from '../core/log';
import { announceReady, stopOnSignals } from '../cli/run';
import { startDemoNetwork } from './network';

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
  const demo = await startDemoNetwork({ dataDir: projectPath('.sbnet', 'demo'), freePorts: false, log: createLogger('demo', process.env.LOG_LEVEL ?? 'warn') });
  for (const s of demo.servers) process.stdout.write(`  ${s.name.padEnd(24)} ${s.url}\n`);
  announceReady('gateway', demo.gatewayUrl);
  const curl = `curl -s ${demo.gatewayUrl} -H 'content-type: application/json' --data '${JSON.stringify({ query: SAMPLE_QUERY.replace(/\s+/g, ' ') })}'`;
  process.stdout.write(
    `\nSB-NET demo is up in ${Date.now() - started} ms: ${demo.servers.length - 2} cooperative subgraphs, network subgraph, gateway.\n` +
      `GraphQL endpoint: ${demo.gatewayUrl}   (health: /healthz, metrics: /metrics)\n\nSample query (products across every cooperative, with data from all three subgraphs):\n${SAMPLE_QUERY}\n\nTry it:\n${curl}\n\nCtrl-C stops everything.\n`,
  );
  stopOnSignals([demo], () => process.stdout.write('stopping the demo network…\n'));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`demo failed to start: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
