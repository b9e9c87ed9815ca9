/** The contract check report as text for a terminal (and for `sbnet coop list` reasons). Pure. */
import type { CheckReport } from './check';
import { errorsOf, type Finding } from './findings';

const MAX_EXTRAS_LISTED = 8;

export function formatReport(report: CheckReport): string {
  const lines = [`sbnet check ${report.role} ${report.url}`, ''];
  lines.push(`Schema (compared with the ${report.role} standard schema):`);
  const schemaErrors = errorsOf(report.schema);
  if (!report.reachable || report.schema.some((f) => f.code === 'NOT_A_SUBGRAPH' || f.code === 'SDL_INVALID')) {
    for (const f of schemaErrors) lines.push(`  ✗ ${f.message}`);
  } else {
    if (schemaErrors.length === 0) lines.push('  ✓ every type, field, argument and @key of the standard is there');
    for (const f of schemaErrors) lines.push(`  ✗ ${f.message}`);
    lines.push(...extrasLine(report.schema));
  }
  lines.push('');
  if (report.probe) {
    lines.push(`Live probe${report.cooperativeId ? ` (cooperative ${report.cooperativeId})` : ''}:`);
    for (const step of report.probe.steps) {
      lines.push(`  ${step.ok ? '✓' : '✗'} ${step.name}: ${step.summary}${step.ms !== undefined ? ` (${step.ms} ms)` : ''}`);
      for (const more of step.problems.slice(1, 6)) lines.push(`      ✗ ${more}`);
      if (step.problems.length > 6) lines.push(`      … and ${step.problems.length - 6} more`);
    }
    for (const f of report.probe.findings.filter((f) => f.level === 'note')) lines.push(`  · ${f.message}`);
  } else if (report.reachable) {
    lines.push('Live probe: not run (fix the schema first).');
  }
  lines.push('');
  const problems = errorsOf(report.findings).length;
  lines.push(
    report.fit
      ? 'FIT: this subgraph can be routed to.'
      : `NOT FIT to be routed to: ${problems} problem${problems === 1 ? '' : 's'}. Fix ${problems === 1 ? 'it' : 'them'} and run sbnet check again.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Extras are allowed: one line saying so, naming a few. */
function extrasLine(findings: readonly Finding[]): string[] {
  const extras = findings.filter((f) => f.level === 'note' && f.code === 'EXTRA');
  if (!extras.length) return [];
  const named = extras.slice(0, MAX_EXTRAS_LISTED).map((f) => f.where).join(', ');
  const more = extras.length > MAX_EXTRAS_LISTED ? ` and ${extras.length - MAX_EXTRAS_LISTED} more` : '';
  return [`  · ${extras.length} extra${extras.length === 1 ? '' : 's'} (allowed, not visible in the network): ${named}${more}`];
}

/** One line for a registry entry: the first problems, with a count of the rest. */
export function summarizeProblems(findings: readonly Finding[], limit = 3): string {
  const errors = errorsOf(findings);
  const shown = errors.slice(0, limit).map((f) => f.message);
  const rest = errors.length - shown.length;
  return `${shown.join('; ')}${rest > 0 ? ` (+${rest} more)` : ''}`;
}
