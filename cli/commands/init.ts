/**
 * `sbnet init coop <id> --adapter <kind>`: writes a commented adapter config
 * for that legacy kind and says what to do next.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COOPERATIVE_ID_PATTERN } from '../../core/ids';
import { COOP_TEMPLATES, DEFAULT_PORT, defaultFileName, TEMPLATE_KINDS, type TemplateKind } from './coopTemplates';
import { CommandUsageError, EXIT, integerFlag, type CommandIo } from './io';

export const INIT_USAGE = `usage: sbnet init coop <id> --adapter <kind> [--port 4101] [--out <file>] [--force]
  Writes a commented adapter config for your legacy system.
  kinds: ${TEMPLATE_KINDS.join(', ')}, graphql (you run your own subgraph: no config, just the steps)`;

export async function initCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { adapter: { type: 'string' }, port: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void io.out(`${INIT_USAGE}\n`), EXIT.ok;
  const [what, id, extra] = positionals;
  if (what !== 'coop' || !id || extra) throw new CommandUsageError('sbnet init coop needs a cooperative id', INIT_USAGE);
  if (!COOPERATIVE_ID_PATTERN.test(id)) throw new CommandUsageError(`"${id}" is not a cooperative id: lower-case letters, digits and -, starting with a letter, 2–32 long`, INIT_USAGE);
  const kind = values.adapter;
  if (!kind) throw new CommandUsageError('--adapter <kind> is required', INIT_USAGE);
  if (kind === 'graphql' || kind === 'mercurius') return void io.out(ownSubgraphSteps(id)), EXIT.ok;
  if (!(TEMPLATE_KINDS as string[]).includes(kind)) throw new CommandUsageError(`unknown adapter kind "${kind}"`, INIT_USAGE);

  const template = COOP_TEMPLATES[kind as TemplateKind];
  // Where the next steps start the subgraph (a second role on the next port).
  const port = integerFlag(values.port, '--port', INIT_USAGE, 1) ?? DEFAULT_PORT;
  const file = resolve(io.cwd, values.out ?? defaultFileName(id, template));
  if (existsSync(file) && !values.force) throw new CommandUsageError(`${file} exists; choose another --out or add --force`, INIT_USAGE);
  writeFileSync(file, template.render(id, basename(file), port));
  io.out(`wrote ${file}: ${template.what}\n\nnext:\n  1. edit the values marked ← in ${basename(file)}\n${template.roles
    .map((role, i) => `  ${i + 2}. npx sbnet subgraph ${role} --adapter ${kind} --config ${basename(file)} --port ${port + i}`)
    .join('\n')}\n  ${template.roles.length + 2}. npx sbnet check ${template.roles[0]} http://127.0.0.1:${port}/graphql --id ${id}\n`);
  return EXIT.ok;
}

function ownSubgraphSteps(id: string): string {
  return `A cooperative already on GraphQL runs its own subgraph; SB-NET needs no adapter config.
  1. implement the marketplace template (subgraphs/marketplace/schema.graphql) as a Federation subgraph
     (ids "${id}:<your code>", the one order: name by Unicode code point, ties by id)
  2. npx sbnet check marketplace <your subgraph URL> --id ${id}
  3. when it says FIT, ask the federation to register you (README "Joining the network")
`;
}
