import { pick, seededRandom } from './prng';

export interface FastqSpec {
  reads: number;
  seed: number;
  /** Read lengths are drawn uniformly from [min, max]. */
  minLength?: number;
  maxLength?: number;
  /** Probability that a base is G or C (the rest A or T); the composition the file is built to have. */
  gcFraction?: number;
  /** Probability that a base is N. */
  nFraction?: number;
  /** Phred qualities are drawn uniformly from [minQuality, maxQuality]. */
  minQuality?: number;
  maxQuality?: number;
}

/** What the generator put into the file, counted while writing it. */
export interface FastqTruth {
  reads: number;
  bases: number;
  A: number;
  C: number;
  G: number;
  T: number;
  N: number;
  qualitySum: number;
  q20Bases: number;
  q30Bases: number;
  passingReads: number;
  minLength: number;
  maxLength: number;
}

/** A FASTQ file with a known composition (Phred+33), and the counts it was built with. */
export const generateFastq = (spec: FastqSpec): { text: string; truth: FastqTruth } => {
  const random = seededRandom(spec.seed);
  const minLength = spec.minLength ?? 50;
  const maxLength = spec.maxLength ?? 150;
  const gc = spec.gcFraction ?? 0.45;
  const nRate = spec.nFraction ?? 0.002;
  const minQ = spec.minQuality ?? 2;
  const maxQ = spec.maxQuality ?? 40;
  const truth: FastqTruth = {
    reads: spec.reads,
    bases: 0,
    A: 0,
    C: 0,
    G: 0,
    T: 0,
    N: 0,
    qualitySum: 0,
    q20Bases: 0,
    q30Bases: 0,
    passingReads: 0,
    minLength: Number.POSITIVE_INFINITY,
    maxLength: 0,
  };
  const lines: string[] = [];
  for (let r = 0; r < spec.reads; r += 1) {
    const length = minLength + Math.floor(random() * (maxLength - minLength + 1));
    let seq = '';
    let qual = '';
    let readQuality = 0;
    for (let i = 0; i < length; i += 1) {
      const x = random();
      const base =
        x < nRate ? 'N' : random() < gc ? pick(random, ['G', 'C'] as const) : pick(random, ['A', 'T'] as const);
      truth[base] += 1;
      seq += base;
      const q = minQ + Math.floor(random() * (maxQ - minQ + 1));
      qual += String.fromCharCode(q + 33);
      readQuality += q;
      if (q >= 20) truth.q20Bases += 1;
      if (q >= 30) truth.q30Bases += 1;
    }
    truth.bases += length;
    truth.qualitySum += readQuality;
    if (length > 0 && readQuality / length >= 20) truth.passingReads += 1;
    truth.minLength = Math.min(truth.minLength, length);
    truth.maxLength = Math.max(truth.maxLength, length);
    lines.push(`@read-${spec.seed}-${r + 1} sample=S${spec.seed}`, seq, '+', qual);
  }
  return { text: `${lines.join('\n')}\n`, truth };
};

/**
 * A FASTQ file with three broken records among valid ones: record 2 has no `@`, record 4 no `+`,
 * record 6 a quality string one character short.
 */
export const malformedFastq = (): { text: string; malformedRecords: number[]; validReads: number } => {
  const good = (n: number) => [`@ok-${n}`, 'ACGTACGTAC', '+', 'IIIIIIIIII'];
  const lines = [
    ...good(1),
    ...['ok-2-no-at', 'ACGTACGTAC', '+', 'IIIIIIIIII'],
    ...good(3),
    ...['@ok-4', 'ACGTACGTAC', '-', 'IIIIIIIIII'],
    ...good(5),
    ...['@ok-6', 'ACGTACGTAC', '+', 'IIIIIIIII'],
    ...good(7),
  ];
  return { text: `${lines.join('\n')}\n`, malformedRecords: [2, 4, 6], validReads: 4 };
};
