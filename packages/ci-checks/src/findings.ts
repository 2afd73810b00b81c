/** One problem a check found. `error` fails CI; `warning` is printed only. */
export interface Finding {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** What the finding is about: a logical resource id, a file, a service. */
  readonly subject: string;
  /** Where inside the subject, e.g. `Properties.Environment.Variables`. */
  readonly path?: string;
  readonly message: string;
}

export const errorsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');

export const formatFinding = (f: Finding): string =>
  `${f.severity.toUpperCase()} [${f.rule}] ${f.subject}${f.path ? ` @ ${f.path}` : ''}: ${f.message}`;
