export type GenotypeClass = 'homRef' | 'het' | 'homAlt' | 'missing';

/**
 * Classifies a GT value (`0/1`, `1|1`, `0`, `./.`, `1/2`…). Any missing allele makes the call missing;
 * all alleles 0 is hom-ref, all equal and non-zero hom-alt, anything else het. `phased` is true when the
 * alleles are separated by `|`.
 */
export const classifyGenotype = (gt: string): { kind: GenotypeClass; phased: boolean } | undefined => {
  if (gt === '' || gt === '.') return { kind: 'missing', phased: false };
  const alleles = gt.split(/[/|]/);
  if (alleles.some((a) => a !== '.' && !/^\d+$/.test(a))) return undefined;
  const phased = gt.includes('|');
  if (alleles.some((a) => a === '.')) return { kind: 'missing', phased };
  const first = alleles[0];
  if (alleles.every((a) => a === first)) return { kind: first === '0' ? 'homRef' : 'homAlt', phased };
  return { kind: 'het', phased };
};
