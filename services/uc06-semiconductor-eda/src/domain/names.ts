/** The reference's naming rule: only `[A-Za-z0-9_./]` (so `-` and spaces are violations). */
const ALLOWED = /^[A-Za-z0-9_./]$/;

export interface NamingViolation {
  kind: 'library' | 'cell';
  name: string;
  /** The distinct offending characters, in order of first appearance. */
  characters: string[];
}

export const offendingCharacters = (name: string): string[] => {
  const found: string[] = [];
  for (const ch of name) if (!ALLOWED.test(ch) && !found.includes(ch)) found.push(ch);
  return found;
};

/** Names that break the rule; an empty name is a violation too (it cannot be referenced by name). */
export const namingViolations = (libraryName: string | null, cellNames: readonly string[]): NamingViolation[] => {
  const out: NamingViolation[] = [];
  const check = (kind: NamingViolation['kind'], name: string) => {
    const characters = offendingCharacters(name);
    if (characters.length > 0 || name === '') out.push({ kind, name, characters });
  };
  if (libraryName !== null) check('library', libraryName);
  for (const name of cellNames) check('cell', name);
  return out;
};
