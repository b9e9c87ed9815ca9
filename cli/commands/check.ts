/**
 * `sbnet check <role> <url>`: is this running cooperative subgraph fit to be
 * routed to? Compares its schema with the role's standard, runs the live
 * probe, prints what differs in plain words. Exit 0 only when fit.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { effectiveAuthSettings } from '../../gateway/auth/settings';
import { checkSubgraph, formatReport, probeIdentityHeaders, standardSdl } from '../../gateway/contract';
import { loadSupergraphConfig } from '../../gateway/config/supergraphConfig';
import { COOPERATIVE_ID_PATTERN } from '../../core/ids';
import { CommandUsageError, EXIT, integerFlag, type CommandIo } from './io';

export const CHECK_USAGE = `usage: sbnet check marketplace|erp <url> [--id <cooperativeId>] [--config supergraph.yaml] [--deadline-ms 2000] [--json]
  Checks a running cooperative subgraph against the role's standard schema and
  probes it with a few live queries. Exit code 0 only when it is fit to be routed to.
  --id checks that every id is yours, and signs the probe like the gateway when a
  gateway identity secret is known (gateway.auth.identitySecret in --config, or SBNET_GATEWAY_SECRET).`;

const ROLES = ['marketplace', 'erp'];

export async function checkCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { id: { type: 'string' }, config: { type: 'string' }, 'deadline-ms': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void io.out(`${CHECK_USAGE}\n`), EXIT.ok;
  const [role, url, extra] = positionals;
  if (!role || !url || extra) throw new CommandUsageError('sbnet check needs a role and a URL', CHECK_USAGE);
  if (!ROLES.includes(role)) throw new CommandUsageError(`unknown role "${role}" (${ROLES.join(', ')})`, CHECK_USAGE);
  if (!/^https?:\/\//.test(url)) throw new CommandUsageError(`"${url}" is not an http(s) URL`, CHECK_USAGE);
  if (values.id !== undefined && !COOPERATIVE_ID_PATTERN.test(values.id)) throw new CommandUsageError(`--id "${values.id}" is not a cooperative id ([a-z][a-z0-9-]{1,31})`, CHECK_USAGE);

  const config = values.config ? loadSupergraphConfig(resolve(io.cwd, values.config)) : undefined;
  const schemaFile = config?.subgraphs.find((s) => s.name === role)?.schemaFile;
  const coop = values.id ? config?.cooperatives.find((c) => c.id === values.id) : undefined;
  const deadlineMs = integerFlag(values['deadline-ms'], '--deadline-ms', CHECK_USAGE, 1) ?? coop?.deadlineMs ?? config?.gateway.deadlineMs ?? 2000;
  // Cooperatives that only answer the gateway get the gateway's signed identity (gateway.auth.identitySecret or SBNET_GATEWAY_SECRET).
  const { identitySecret } = effectiveAuthSettings(config?.gateway.auth, io.env);
  const headers = probeIdentityHeaders(identitySecret, values.id);
  const report = await checkSubgraph({ role, url, standardSdl: standardSdl(role, schemaFile), cooperativeId: values.id, deadlineMs, headers });
  io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.fit ? EXIT.ok : EXIT.failed;
}
