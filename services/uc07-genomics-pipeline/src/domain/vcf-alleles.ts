/** What one ALT allele is relative to REF. */
export type AlleleClass =
  | { kind: 'snv'; ref: string; alt: string }
  | { kind: 'mnv' | 'insertion' | 'deletion' | 'complex' }
  | { kind: 'symbolic'; name: string }
  | { kind: 'breakend' }
  | { kind: 'star' }
  | { kind: 'missing' }
  | { kind: 'same-as-ref' }
  | { kind: 'invalid' };

const BASES = /^[ACGTN]+$/i;

/** A↔G and C↔T are transitions; every other base change is a transversion. */
export const isTransition = (ref: string, alt: string): boolean => {
  const pair = `${ref}${alt}`.toUpperCase();
  return pair === 'AG' || pair === 'GA' || pair === 'CT' || pair === 'TC';
};

/**
 * Classifies an ALT allele. Equal-length alleles differing in exactly one base are SNVs (VCF allows
 * padding such as REF=ACG ALT=ATG), in more than one base MNVs. Otherwise the common prefix and suffix
 * are trimmed: only REF bases left is a deletion, only ALT bases an insertion, both a complex indel.
 * Symbolic alleles (`<DEL>`, `<CNV>`…), breakends and the spanning-deletion `*` are kept apart.
 */
export const classifyAllele = (ref: string, alt: string): AlleleClass => {
  if (alt === '.') return { kind: 'missing' };
  if (alt === '*') return { kind: 'star' };
  if (alt.startsWith('<') && alt.endsWith('>')) return { kind: 'symbolic', name: alt };
  if (alt.includes('[') || alt.includes(']')) return { kind: 'breakend' };
  if (!BASES.test(ref) || !BASES.test(alt)) return { kind: 'invalid' };
  const r = ref.toUpperCase();
  const a = alt.toUpperCase();
  if (r.length === a.length) {
    let diffs = 0;
    let at = -1;
    for (let i = 0; i < r.length; i += 1) {
      if (r[i] !== a[i]) {
        diffs += 1;
        at = i;
      }
    }
    if (diffs === 0) return { kind: 'same-as-ref' };
    if (diffs === 1) return { kind: 'snv', ref: r[at] ?? '', alt: a[at] ?? '' };
    return { kind: 'mnv' };
  }
  let prefix = 0;
  while (prefix < r.length && prefix < a.length && r[prefix] === a[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < r.length - prefix &&
    suffix < a.length - prefix &&
    r[r.length - 1 - suffix] === a[a.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const refLeft = r.length - prefix - suffix;
  const altLeft = a.length - prefix - suffix;
  if (refLeft === 0) return { kind: 'insertion' };
  if (altLeft === 0) return { kind: 'deletion' };
  return { kind: 'complex' };
};
