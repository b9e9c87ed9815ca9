/** Running the network subgraph (directory + classifications) over HTTP. */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { serveApollo, type RunningServer } from '../../core/http/serve';
import type { Registry } from '../../core/registry';
import type { Logger } from '../../core/log';
import { PUBLIC_ERRORS } from '../../core/errors';
import { requestLogPlugin } from '../../core/requestLog';
import { loadClassificationStore } from './classifications';
import { buildNetworkSchema, type CooperativeDirectory, type CooperativeStatus } from './schema';

export interface NetworkSubgraphOptions {
  registry: Registry;
  /** An operator-supplied full UNSPSC file (supergraph.yaml `classifications.file`). */
  classificationsFile?: string;
  /** The gateway's live view of each cooperative; UNKNOWN without one. */
  statusOf?: (cooperativeId: string) => CooperativeStatus;
  /** The live registry's directory: everyone registered with their admission (gateway/registry). */
  directory?: CooperativeDirectory;
  host?: string;
  port?: number;
  /** With a logger: one line per request, with the gateway's x-request-id. */
  log?: Logger;
}

export async function startNetworkSubgraph(options: NetworkSubgraphOptions): Promise<RunningServer> {
  const classifications = loadClassificationStore({ operatorFile: options.classificationsFile });
  const schema = buildNetworkSchema({ registry: options.registry, classifications, statusOf: options.statusOf, directory: options.directory });
  const apollo = new ApolloServer({
    schema,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ...(options.log ? [requestLogPlugin({ log: options.log })] : [])],
    ...PUBLIC_ERRORS,
    // Signals are handled by the CLI, which stops every server it started.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const server = await serveApollo(apollo, {
    host: options.host,
    port: options.port,
    routes: { '/healthz': () => ({ status: 200, body: '{"status":"ok"}' }) },
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      await apollo.stop();
    },
  };
}
