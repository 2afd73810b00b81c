/**
 * Turns the variant annotations of VCF files into plain sentences an entity recogniser can read
 * (Comprehend Medical in AWS, the local medical rules offline): one sentence per annotated record, such as
 * `BRCA1 gene variant NM_007294.4:c.68_69del (frameshift variant), dbSNP rs80357914, reported in
 * hereditary breast and ovarian cancer.` Only annotation fields are read; sample columns (which name
 * patients' samples) and genotypes never reach the text.
 *
 * Understood INFO keys: SnpEff `ANN`, Ensembl VEP `CSQ` (field layout from the header's `Format:`),
 * `GENE`, ClinVar `GENEINFO` (`SYMBOL:id|…`), `CLNDN` (disease names), `CLNHGVS`, `RS`; plus `rs` ids
 * in the ID column of annotated records.
 */

/** INFO keys this reader understands; a file whose header declares none of them is not scanned further. */
export const ANNOTATION_KEYS = ['ANN', 'CSQ', 'GENE', 'GENEINFO', 'CLNDN', 'CLNHGVS', 'RS'] as const;

/** SnpEff's ANN layout (its VCF annotation spec), used when the header does not spell it out. */
const SNPEFF_DEFAULT_FIELDS = [
  'Allele',
  'Annotation',
  'Annotation_Impact',
  'Gene_Name',
  'Gene_ID',
  'Feature_Type',
  'Feature_ID',
  'Transcript_BioType',
  'Rank',
  'HGVS.c',
  'HGVS.p',
];

/** Field names (lower case) per role, SnpEff's first, VEP's second. */
const ROLES = {
  gene: ['gene_name', 'symbol'],
  hgvsC: ['hgvs.c', 'hgvsc'],
  hgvsP: ['hgvs.p', 'hgvsp'],
  consequence: ['annotation', 'consequence'],
  feature: ['feature_id', 'feature'],
} as const;
type Role = keyof typeof ROLES;
type Layout = Partial<Record<Role, number>>;

/** ClinVar filler values that name no disease (e.g. not_provided). */
const NO_CONDITION = new Set(['not provided', 'not specified', 'see cases', '.']);
/** Plausible gene names: symbols, Ensembl/Entrez-style ids; not free text or SnpEff's `CHR_START-…`. */
const GENE_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,30}$/;
const RS_ID = /^rs[1-9]\d{0,11}$/;
/** HGVS-looking values only (`c.`, `p.`, `g.`, `n.`, `m.`, `r.`, optionally after a reference). */
const HGVS_VALUE = /^(?:[A-Za-z0-9_.()-]+:)?[cgmnrp]\.\S+$/;
/** Transcript ids a coding/non-coding HGVS description is relative to (RefSeq, Ensembl, LRG). */
const TRANSCRIPT = /^(?:N[MR]_|X[MR]_|ENST|LRG_)[A-Za-z0-9_.]+$/;

/** SnpEff and VEP (without `--hgvs` prefixes) write `c.`/`n.` without the transcript: add it back. */
const withTranscript = (hgvs: string, feature: string | undefined) =>
  feature !== undefined && TRANSCRIPT.test(feature) && /^[cn]\./.test(hgvs) ? `${feature}:${hgvs}` : hgvs;

/** VCF 4.3 percent-encoding (`%3B` `%3D` `%2C` `%25` …), which VEP and ClinVar use inside values. */
const percentDecode = (value: string) =>
  value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** `Description="…"` of a structured header line, with `\"` unescaped. */
const descriptionOf = (line: string): string | undefined =>
  /Description="((?:[^"\\]|\\.)*)"/.exec(line)?.[1]?.replace(/\\(.)/g, '$1');

/** The `|`-separated field names a CSQ/ANN description declares (`Format: a|b|c` or `'a | b | c'`). */
export const layoutFieldsOf = (description: string): string[] | undefined => {
  const marker = /(?:format|functional annotations)\s*:\s*/i.exec(description);
  if (!marker) return undefined;
  const fields = description
    .slice(marker.index + marker[0].length)
    .replace(/^['"\s]+|['"\s]+$/g, '')
    .split('|')
    .map((f) => f.trim());
  return fields.length >= 2 ? fields : undefined;
};

const layoutOf = (fields: readonly string[]): Layout => {
  const lower = fields.map((f) => f.toLowerCase());
  const layout: Layout = {};
  for (const role of Object.keys(ROLES) as Role[]) {
    const index = ROLES[role].map((name) => lower.indexOf(name)).find((i) => i >= 0);
    if (index !== undefined) layout[role] = index;
  }
  return layout;
};

/** What one record's annotations name, each list distinct and in order of appearance. */
export interface RecordAnnotations {
  genes: string[];
  hgvs: string[];
  consequences: string[];
  rsIds: string[];
  conditions: string[];
}

const add = (list: string[], value: string | undefined, limit: number) => {
  if (value === undefined || value.length === 0 || list.includes(value) || list.length >= limit) return;
  list.push(value);
};

/** The sentence for one annotated record, or undefined when it names nothing an entity reader can use. */
export const annotationSentence = (a: RecordAnnotations): string | undefined => {
  if (a.genes.length + a.hgvs.length + a.rsIds.length + a.conditions.length === 0) return undefined;
  let sentence = a.genes.length > 0 ? `${a.genes.join(', ')} gene variant` : 'Variant';
  if (a.hgvs.length > 0) sentence += ` ${a.hgvs.join(', ')}`;
  if (a.consequences.length > 0) sentence += ` (${a.consequences.join(', ')})`;
  if (a.rsIds.length > 0) sentence += `, dbSNP ${a.rsIds.join(', ')}`;
  if (a.conditions.length > 0) sentence += `, reported in ${a.conditions.join('; ')}`;
  return `${sentence}.`;
};

export interface AnnotationTextOptions {
  /** Budget for the whole text (Comprehend Medical bills per 100 characters); 20,000 as the reference. */
  maxChars: number;
  /** At most this many genes / HGVS descriptions / … per record (VEP repeats a gene per transcript). */
  maxValuesPerRecord?: number;
}

/** Reads one file's lines; `pushLine` returns false when nothing more is wanted from this file. */
export interface VcfAnnotationReader {
  pushLine(line: string): boolean;
}

/**
 * Collects annotation sentences over several VCF files into one text: identical sentences are kept once
 * (with how many records said it), the text stops growing at `maxChars`, and then `full` tells the
 * caller to stop reading.
 */
export class AnnotationTextCollector {
  private readonly sentences = new Map<string, number>();
  private chars = 0;
  private records = 0;
  private truncatedFlag = false;
  private readonly perRecord: number;

  constructor(private readonly options: AnnotationTextOptions) {
    this.perRecord = options.maxValuesPerRecord ?? 3;
  }

  get full(): boolean {
    return this.truncatedFlag;
  }

  /** A reader for the next file; header state is per file, the text and budget are shared. */
  reader(): VcfAnnotationReader {
    let started = false;
    let done = false;
    let declared = false;
    const layouts = new Map<string, Layout>();
    const next = (line: string): boolean => {
      if (!started) {
        started = true;
        return line.startsWith('##fileformat=VCF');
      }
      if (line.startsWith('##INFO=')) {
        const id = /[<,]ID=([^,>]+)/.exec(line)?.[1];
        if (id !== undefined && (ANNOTATION_KEYS as readonly string[]).includes(id)) {
          declared = true;
          const fields = layoutFieldsOf(descriptionOf(line) ?? '');
          if (id === 'ANN') layouts.set(id, layoutOf(fields ?? SNPEFF_DEFAULT_FIELDS));
          else if (id === 'CSQ' && fields) layouts.set(id, layoutOf(fields));
        }
        return true;
      }
      if (line.startsWith('##')) return true;
      // The #CHROM line: without declared annotation fields the records have nothing to read.
      if (line.startsWith('#')) return declared;
      if (line.length > 0) this.record(line, layouts);
      return !this.truncatedFlag;
    };
    return {
      pushLine: (line) => {
        // Once a file said "no more" (not VCF, nothing declared, budget full) it stays done.
        done = done || this.truncatedFlag || !next(line);
        return !done;
      },
    };
  }

  private record(line: string, layouts: ReadonlyMap<string, Layout>): void {
    // Only the first eight columns: ID and INFO; sample columns are never split or read.
    let end = -1;
    for (let column = 0; column < 8; column += 1) {
      end = line.indexOf('\t', end + 1);
      if (end === -1) break;
    }
    const columns = (end === -1 ? line : line.slice(0, end)).split('\t');
    const [, , id = '.', , , , , info = '.'] = columns;
    const found: RecordAnnotations = { genes: [], hgvs: [], consequences: [], rsIds: [], conditions: [] };
    const limit = this.perRecord;
    for (const entry of info.split(';')) {
      const eq = entry.indexOf('=');
      if (eq <= 0) continue;
      const key = entry.slice(0, eq);
      const value = entry.slice(eq + 1);
      const layout = layouts.get(key);
      if (layout) {
        for (const annotation of value.split(',')) {
          const fields = annotation.split('|').map(percentDecode);
          const at = (role: Role) => {
            const index = layout[role];
            return index === undefined ? undefined : fields[index];
          };
          const gene = at('gene');
          if (gene !== undefined && GENE_NAME.test(gene)) add(found.genes, gene, limit);
          for (const hgvs of [at('hgvsC'), at('hgvsP')]) {
            if (hgvs !== undefined && HGVS_VALUE.test(hgvs))
              add(found.hgvs, withTranscript(hgvs, at('feature')), limit);
          }
          for (const term of (at('consequence') ?? '').split('&'))
            add(found.consequences, term.replaceAll('_', ' '), limit);
        }
      } else if (key === 'GENE') {
        for (const gene of value.split(',').map(percentDecode)) if (GENE_NAME.test(gene)) add(found.genes, gene, limit);
      } else if (key === 'GENEINFO') {
        for (const pair of value.split('|')) {
          const symbol = percentDecode(pair.split(':')[0] ?? '');
          if (GENE_NAME.test(symbol)) add(found.genes, symbol, limit);
        }
      } else if (key === 'CLNDN') {
        for (const name of value.split(/[|,]/)) {
          const condition = percentDecode(name).replaceAll('_', ' ').trim();
          if (!NO_CONDITION.has(condition.toLowerCase())) add(found.conditions, condition, limit);
        }
      } else if (key === 'CLNHGVS') {
        for (const hgvs of value.split(',').map(percentDecode)) if (HGVS_VALUE.test(hgvs)) add(found.hgvs, hgvs, limit);
      } else if (key === 'RS') {
        for (const rs of value.split(',')) if (/^[1-9]\d{0,11}$/.test(rs)) add(found.rsIds, `rs${rs}`, limit);
      }
    }
    for (const rs of id.split(';')) if (RS_ID.test(rs)) add(found.rsIds, rs, limit);
    const sentence = annotationSentence(found);
    if (sentence === undefined) return;
    const seen = this.sentences.get(sentence);
    if (seen === undefined) {
      const cost = sentence.length + (this.sentences.size > 0 ? 1 : 0);
      if (this.chars + cost > this.options.maxChars) {
        this.truncatedFlag = true;
        return;
      }
      this.chars += cost;
    }
    this.sentences.set(sentence, (seen ?? 0) + 1);
    this.records += 1;
  }

  /** The sentences, one per line, in the order they were first seen. */
  text(): string {
    return [...this.sentences.keys()].join('\n');
  }

  /** Counts only: safe to log. */
  stats() {
    return {
      annotatedRecords: this.records,
      sentences: this.sentences.size,
      chars: this.chars,
      truncated: this.truncatedFlag,
    };
  }
}
