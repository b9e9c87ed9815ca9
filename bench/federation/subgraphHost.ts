/**
 * Serves the four federation-scenario subgraphs (one process, lightweight
 * servers). Prints one JSON line: { accounts: url, products: url, … }.
 */
import { serveLightweight } from '../lightweight';
import { federationSchema, SUBGRAPH_NAMES } from './schemas';

export async function serveFederationSubgraphs(): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) urls[name] = (await serveLightweight(federationSchema(name))).url;
  return urls;
}

if (require.main === module) {
  serveFederationSubgraphs().then((urls) => process.stdout.write(`${JSON.stringify(urls)}\n`));
}
