/**
 * Compares a cooperative subgraph's schema with its role's standard schema.
 * Everything the standard has must be there and keep its promise (types,
 * arguments, defaults, enum values, `@key`s); what a cooperative adds is
 * allowed — the network composes the standard schema only, so extras are
 * invisible — and reported as notes. Pure: two models in, findings out.
 */
import type { TypeNode } from 'graphql';
import { error, note, type Finding } from './findings';
import { isFederationName, namedType, typeText, type ArgModel, type FieldModel, type SchemaModel, type TypeKind, type TypeModel } from './model';
import { inputMismatch, isRequired, outputMismatch, type Mismatch } from './typeRefs';

type InputField = FieldModel & { defaultValue?: string };

interface Ctx {
  standard: SchemaModel;
  actual: SchemaModel;
  /** Enum name → how the standard uses it. */
  enumUse: Map<string, { input: boolean; output: boolean }>;
  findings: Finding[];
}

export function compareSchemas(standard: SchemaModel, actual: SchemaModel): Finding[] {
  const ctx: Ctx = { standard, actual, enumUse: enumUsage(standard), findings: [] };
  const standardRoots = new Map(Object.entries(standard.roots).flatMap(([op, name]) => (name ? [[name, op as 'query' | 'mutation']] : [])));
  for (const type of standard.types.values()) {
    if (isFederationName(type.name)) continue;
    const op = standardRoots.get(type.name);
    if (op) compareRoot(ctx, type, op);
    else compareNamedType(ctx, type);
  }
  reportExtraTypes(ctx, standardRoots);
  return ctx.findings;
}

// ── types ────────────────────────────────────────────────────────────────────

const KIND_WORDS: Record<TypeKind, string> = {
  object: 'an object type',
  interface: 'an interface',
  input: 'an input type',
  enum: 'an enum',
  scalar: 'a scalar',
  union: 'a union',
};

function compareRoot(ctx: Ctx, standard: TypeModel, op: 'query' | 'mutation'): void {
  const actualName = ctx.actual.roots[op];
  const actual = actualName ? ctx.actual.types.get(actualName) : undefined;
  if (!actual) {
    const fields = [...standard.fields.keys()].join(', ');
    return void ctx.findings.push(error('MISSING_ROOT', standard.name, `has no ${standard.name} type (the network sends ${fields} there)`));
  }
  compareFields(ctx, standard, actual);
}

function compareNamedType(ctx: Ctx, standard: TypeModel): void {
  const actual = ctx.actual.types.get(standard.name);
  if (!actual) return void ctx.findings.push(error('MISSING_TYPE', standard.name, `type ${standard.name} is missing (${KIND_WORDS[standard.kind]} in the standard schema)`));
  if (actual.kind !== standard.kind) {
    const message = `${standard.name} is ${KIND_WORDS[actual.kind]} here; the standard schema has ${KIND_WORDS[standard.kind]}`;
    return void ctx.findings.push(error('WRONG_KIND', standard.name, message));
  }
  switch (standard.kind) {
    case 'object':
    case 'interface':
      compareFields(ctx, standard, actual);
      compareKeys(ctx, standard, actual);
      return;
    case 'input':
      return compareInputFields(ctx, standard, actual);
    case 'enum':
      return compareEnum(ctx, standard, actual);
    case 'union':
      return compareUnion(ctx, standard, actual);
    case 'scalar':
      return;
  }
}

function reportExtraTypes(ctx: Ctx, standardRoots: Map<string, string>): void {
  const actualRoots = new Set(Object.values(ctx.actual.roots));
  for (const type of ctx.actual.types.values()) {
    if (isFederationName(type.name) || actualRoots.has(type.name) || standardRoots.has(type.name) || ctx.standard.types.has(type.name)) continue;
    ctx.findings.push(note('EXTRA', type.name, `extra type ${type.name} (allowed, not visible in the network)`));
  }
}

// ── object fields and arguments ──────────────────────────────────────────────

function compareFields(ctx: Ctx, standard: TypeModel, actual: TypeModel): void {
  for (const field of standard.fields.values()) {
    const coordinate = `${standard.name}.${field.name}`;
    const mine = actual.fields.get(field.name);
    if (!mine) {
      ctx.findings.push(error('MISSING_FIELD', coordinate, `missing field ${coordinate} (${typeText(field.type)})`));
      continue;
    }
    const mismatch = outputMismatch(field.type, mine.type);
    if (mismatch) ctx.findings.push(error('WRONG_FIELD_TYPE', coordinate, `field ${coordinate} has type ${typeText(mine.type)} instead of ${typeText(field.type)}${outputHint(mismatch)}`));
    compareArguments(ctx, coordinate, field, mine);
  }
  for (const extra of actual.fields.values()) {
    if (!standard.fields.has(extra.name) && !isFederationName(extra.name)) {
      ctx.findings.push(note('EXTRA', `${standard.name}.${extra.name}`, `extra field ${standard.name}.${extra.name} (allowed, not visible in the network)`));
    }
  }
}

function compareArguments(ctx: Ctx, coordinate: string, standard: FieldModel, actual: FieldModel): void {
  for (const arg of standard.args.values()) {
    const where = `${coordinate}(${arg.name}:)`;
    const mine = actual.args.get(arg.name);
    if (!mine) {
      ctx.findings.push(error('MISSING_ARGUMENT', where, `${coordinate} has no argument ${arg.name} (${typeText(arg.type)})`));
      continue;
    }
    const mismatch = inputMismatch(arg.type, mine.type);
    if (mismatch) ctx.findings.push(error('WRONG_ARGUMENT_TYPE', where, `argument ${arg.name} of ${coordinate} has type ${typeText(mine.type)} instead of ${typeText(arg.type)}${inputHint(mismatch)}`));
    else compareDefault(ctx, where, `argument ${arg.name} of ${coordinate}`, arg, mine);
  }
  for (const extra of actual.args.values()) {
    if (standard.args.has(extra.name)) continue;
    const where = `${coordinate}(${extra.name}:)`;
    if (isRequired(extra.type, extra.defaultValue)) {
      ctx.findings.push(error('EXTRA_REQUIRED_ARGUMENT', where, `argument ${extra.name} of ${coordinate} is required (${typeText(extra.type)}), but the network never sends it: make it optional`));
    } else {
      ctx.findings.push(note('EXTRA', where, `extra argument ${extra.name} of ${coordinate} (allowed, the network never sends it)`));
    }
  }
}

/** Without the same default, a query that leaves the value out means something else here. */
function compareDefault(ctx: Ctx, where: string, subject: string, standard: Pick<ArgModel, 'defaultValue'>, actual: Pick<ArgModel, 'defaultValue'>): void {
  const [theirs, mine] = [standard.defaultValue, actual.defaultValue];
  if (theirs === mine) return;
  const message =
    mine === undefined
      ? `${subject} has no default (the standard's is ${theirs})`
      : theirs === undefined
        ? `${subject} has default ${mine} (the standard has none)`
        : `${subject} has default ${mine} instead of ${theirs}`;
  ctx.findings.push(error('WRONG_DEFAULT', where, message));
}

function outputHint(mismatch: Mismatch): string {
  return mismatch === 'nullable' ? ': it may answer null where the network promises a value' : '';
}

function inputHint(mismatch: Mismatch): string {
  return mismatch === 'required' ? ': it is required here, but the network may leave it out' : '';
}

// ── input types ──────────────────────────────────────────────────────────────

function compareInputFields(ctx: Ctx, standard: TypeModel, actual: TypeModel): void {
  for (const field of standard.fields.values() as Iterable<InputField>) {
    const coordinate = `${standard.name}.${field.name}`;
    const mine = actual.fields.get(field.name) as InputField | undefined;
    if (!mine) {
      ctx.findings.push(error('MISSING_INPUT_FIELD', coordinate, `input ${standard.name} has no field ${field.name} (${typeText(field.type)})`));
      continue;
    }
    const mismatch = inputMismatch(field.type, mine.type);
    if (mismatch) ctx.findings.push(error('WRONG_INPUT_FIELD_TYPE', coordinate, `input field ${coordinate} has type ${typeText(mine.type)} instead of ${typeText(field.type)}${inputHint(mismatch)}`));
    else compareDefault(ctx, coordinate, `input field ${coordinate}`, field, mine);
  }
  for (const extra of actual.fields.values() as Iterable<InputField>) {
    if (standard.fields.has(extra.name)) continue;
    const coordinate = `${standard.name}.${extra.name}`;
    if (isRequired(extra.type, extra.defaultValue)) {
      ctx.findings.push(error('EXTRA_REQUIRED_INPUT_FIELD', coordinate, `input field ${coordinate} is required (${typeText(extra.type)}), but the network never sends it: make it optional`));
    } else {
      ctx.findings.push(note('EXTRA', coordinate, `extra input field ${coordinate} (allowed, the network never sends it)`));
    }
  }
}

// ── enums and unions ─────────────────────────────────────────────────────────

function compareEnum(ctx: Ctx, standard: TypeModel, actual: TypeModel): void {
  const use = ctx.enumUse.get(standard.name) ?? { input: true, output: true };
  for (const value of standard.values) {
    if (actual.values.has(value)) continue;
    const where = `${standard.name}.${value}`;
    if (use.input) ctx.findings.push(error('MISSING_ENUM_VALUE', where, `enum ${standard.name} lacks value ${value}, which the network may send`));
    else ctx.findings.push(note('EXTRA', where, `enum ${standard.name} lacks value ${value} (allowed: you never answer it)`));
  }
  for (const value of actual.values) {
    if (standard.values.has(value)) continue;
    const where = `${standard.name}.${value}`;
    if (use.output) ctx.findings.push(error('EXTRA_ENUM_VALUE', where, `enum ${standard.name} has value ${value}, which the network does not know: an answer with it fails`));
    else ctx.findings.push(note('EXTRA', where, `extra enum value ${where} (allowed, the network never sends it)`));
  }
}

function compareUnion(ctx: Ctx, standard: TypeModel, actual: TypeModel): void {
  for (const member of actual.members) {
    if (!standard.members.has(member)) ctx.findings.push(error('EXTRA_UNION_MEMBER', standard.name, `union ${standard.name} has member ${member}, which the network does not know`));
  }
}

/** An enum used in arguments or input fields must accept every value; one used in answers must not add any. */
function enumUsage(model: SchemaModel): Map<string, { input: boolean; output: boolean }> {
  const use = new Map<string, { input: boolean; output: boolean }>();
  const mark = (type: TypeNode, side: 'input' | 'output') => {
    const name = namedType(type);
    if (model.types.get(name)?.kind !== 'enum') return;
    const entry = use.get(name) ?? { input: false, output: false };
    entry[side] = true;
    use.set(name, entry);
  };
  for (const type of model.types.values()) {
    for (const field of type.fields.values()) {
      mark(field.type, type.kind === 'input' ? 'input' : 'output');
      for (const arg of field.args.values()) mark(arg.type, 'input');
    }
  }
  return use;
}

// ── entity keys ──────────────────────────────────────────────────────────────

function compareKeys(ctx: Ctx, standard: TypeModel, actual: TypeModel): void {
  for (const key of standard.keys) {
    const spelled = `@key(fields: "${key.fields}")`;
    const same = actual.keys.filter((k) => k.fields === key.fields);
    if (same.length === 0) {
      const others = actual.keys.map((k) => `@key(fields: "${k.fields}")`);
      const consequence = key.resolvable ? `the gateway fetches ${standard.name} entities from you by ${key.fields}` : `other subgraphs refer to ${standard.name} by ${key.fields}`;
      if (others.length) ctx.findings.push(error('WRONG_KEY', standard.name, `${standard.name} has ${others.join(', ')} instead of ${spelled}: ${consequence}`));
      else ctx.findings.push(error('MISSING_KEY', standard.name, `${standard.name} has no ${spelled}: ${consequence}`));
      continue;
    }
    if (key.resolvable && !same.some((k) => k.resolvable)) {
      ctx.findings.push(error('KEY_NOT_RESOLVABLE', standard.name, `${standard.name}'s ${spelled} is marked resolvable: false, but the gateway fetches ${standard.name} entities from you by ${key.fields}`));
    }
  }
}
