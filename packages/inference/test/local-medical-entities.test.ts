import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLocalMedicalEntityPort,
  detectMedicalEntitiesLocally,
  KNOWN_CONDITIONS,
  KNOWN_GENE_SYMBOLS,
  type MedicalEntity,
} from '../src/index';

const summary = (entities: readonly MedicalEntity[]) => entities.map((e) => [e.category, e.type, e.text]);
const ofType = (text: string, type: string) =>
  detectMedicalEntitiesLocally(text)
    .filter((e) => e.type === type)
    .map((e) => e.text);

describe('local medical entities: genetics', () => {
  it('finds listed gene symbols anywhere and leaves lookalike tokens alone', () => {
    expect(ofType('Panel: BRCA1, BRCA2, TP53, PALB2 and CYP2C19.', 'GENE_SYMBOL')).toEqual([
      'BRCA1',
      'BRCA2',
      'TP53',
      'PALB2',
      'CYP2C19',
    ]);
    // Inside a longer token, lower case, or a different symbol: not a gene.
    expect(ofType('XBRCA1 brca1 TP53X BRCA12', 'GENE_SYMBOL')).toEqual([]);
  });

  it('needs genomic context for short listed symbols and for symbols not on the list', () => {
    expect(ofType('MET criteria were met. KIT included. RET. ATM withdrawal.', 'GENE_SYMBOL')).toEqual([]);
    expect(
      ofType(
        'MET amplification; KIT-mutant GIST; mutations in SOX2; the gene FOXP3; ALK fusion; NOTCH1 variants; IDH3 R132H',
        'GENE_SYMBOL',
      ),
    ).toEqual(['MET', 'KIT', 'SOX2', 'FOXP3', 'ALK', 'NOTCH1', 'IDH3']);
  });

  it('does not treat assay names, headings or a context word on the next line as genes', () => {
    expect(
      ofType('DNA variants; NGS testing; VUS status; GENE MUTATION STATUS; HIGH RISK VARIANT', 'GENE_SYMBOL'),
    ).toEqual([]);
    expect(ofType('SOX2\ngene list', 'GENE_SYMBOL')).toEqual([]);
  });

  it.each([
    'c.68_69delAG',
    'c.1799T>A',
    'c.-21A>G',
    'c.88+1G>T',
    'c.*37del',
    'c.5266dupC',
    'c.100_102delinsTT',
    'g.43094464del',
    'm.3243A>G',
    'r.76a>c',
    'NM_000059.3:c.5946delT',
    'NM_004333.6(BRAF):c.1799T>A',
    'NC_000017.11:g.43094464del',
    'ENST00000357654.9:c.68_69del',
    'LRG_199t1:c.11T>G',
    'p.Val600Glu',
    'p.(Arg97Glyfs*26)',
    'p.Glu23ValfsTer17',
    'p.Glu746_Ala750del',
    'p.Arg1443Ter',
    'p.V600E',
    'p.R97fs*23',
    'NP_000050.3:p.Ser1982Argfs*22',
  ])('reads the HGVS variant %s as one span', (variant) => {
    const text = `Result: ${variant}, heterozygous.`;
    expect(summary(detectMedicalEntitiesLocally(text))).toEqual([['GENETICS', 'HGVS_VARIANT', variant]]);
  });

  it('rejects HGVS lookalikes: positions without a change, page numbers, abbreviations', () => {
    const text = 'See p.5 and c.1900, e.g. c. 12, i.e. p. Val, x.c.12A>G is glued, c.12A>Gx too.';
    expect(ofType(text, 'HGVS_VARIANT')).toEqual([]);
  });

  it('finds dbSNP ids in lower case only', () => {
    expect(ofType('rs80357906 and rs1801133; not RS232, hrs12, rs0 or rs12a', 'DBSNP_ID')).toEqual([
      'rs80357906',
      'rs1801133',
    ]);
  });

  it('constructed HGVS coding substitutions and deletions are always found whole', () => {
    const base = fc.constantFrom('A', 'C', 'G', 'T');
    const position = fc.integer({ min: 1, max: 99_999 });
    const change = fc.oneof(
      fc.tuple(base, base).map(([from, to]) => `${from}>${to}`),
      fc.array(base, { maxLength: 4 }).map((bases) => `del${bases.join('')}`),
      fc.array(base, { minLength: 1, maxLength: 4 }).map((bases) => `dup${bases.join('')}`),
    );
    const reference = fc.option(
      fc
        .tuple(
          fc.constantFrom('NM', 'NC', 'NG', 'XM'),
          fc.integer({ min: 1, max: 999_999 }),
          fc.integer({ min: 1, max: 20 }),
        )
        .map(([kind, accession, version]) => `${kind}_${String(accession).padStart(6, '0')}.${version}:`),
      { nil: '' },
    );
    fc.assert(
      fc.property(reference, position, fc.option(position, { nil: undefined }), change, (ref, start, span, edit) => {
        const variant = `${ref}c.${start}${span === undefined ? '' : `_${start + span}`}${edit}`;
        const text = `Variant ${variant} was found.`;
        const variants = detectMedicalEntitiesLocally(text).filter((e) => e.type === 'HGVS_VARIANT');
        expect(variants.map((e) => e.text)).toEqual([variant]);
        expect(variants[0]?.beginOffset).toBe('Variant '.length);
      }),
    );
  });

  it('every listed symbol is found with a context word after it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN_GENE_SYMBOLS),
        fc.constantFrom('mutation', 'gene', 'variant'),
        (symbol, word) => {
          expect(ofType(`A ${symbol} ${word} was reported.`, 'GENE_SYMBOL')).toEqual([symbol]);
        },
      ),
    );
  });
});

describe('local medical entities: conditions and medications', () => {
  it('finds the longest listed condition, in British spelling, possessive or plain form', () => {
    const text =
      'Dx: non-small cell lung cancer; type 2 diabetes; acute myeloid leukaemia; Huntington’s disease; Alzheimer disease; Li Fraumeni syndrome.';
    expect(ofType(text, 'DX_NAME')).toEqual([
      'non-small cell lung cancer',
      'type 2 diabetes',
      'acute myeloid leukaemia',
      'Huntington’s disease',
      'Alzheimer disease',
      'Li Fraumeni syndrome',
    ]);
    expect(ofType('breast\ncancer', 'DX_NAME')).toEqual([]);
  });

  it('marks negated and family conditions from their own clause only', () => {
    const traits = (text: string) =>
      detectMedicalEntitiesLocally(text)
        .filter((e) => e.category === 'MEDICAL_CONDITION')
        .map((e) => [e.text, e.traits.map((t) => t.name)]);
    expect(traits('No evidence of ovarian cancer. Her mother had breast cancer.')).toEqual([
      ['ovarian cancer', ['NEGATION']],
      ['breast cancer', ['PERTAINS_TO_FAMILY']],
    ]);
    expect(traits('Patient denies asthma but has hypertension.')).toEqual([
      ['asthma', ['NEGATION']],
      ['hypertension', []],
    ]);
    expect(traits('Melanoma was ruled out. Sepsis confirmed.')).toEqual([
      ['Melanoma', ['NEGATION']],
      ['Sepsis', []],
    ]);
    // The cue is more than eight words back: no negation.
    expect(traits('No fever reported on admission and over the following days, then pneumonia.')).toEqual([
      ['pneumonia', []],
    ]);
  });

  it('finds dosage-shaped medication mentions with dose, route and frequency attributes', () => {
    const text = 'Started olaparib 300 mg PO BID, Metformin HCl 500 mg daily and aspirin (81 mg).';
    const medications = detectMedicalEntitiesLocally(text).filter((e) => e.category === 'MEDICATION');
    expect(medications.map((e) => [e.type, e.text, e.attributes.map((a) => [a.type, a.text])])).toEqual([
      [
        'GENERIC_NAME',
        'olaparib',
        [
          ['DOSAGE', '300 mg'],
          ['ROUTE_OR_MODE', 'PO'],
          ['FREQUENCY', 'BID'],
        ],
      ],
      [
        'GENERIC_NAME',
        'Metformin',
        [
          ['DOSAGE', '500 mg'],
          ['FREQUENCY', 'daily'],
        ],
      ],
      ['GENERIC_NAME', 'aspirin', [['DOSAGE', '81 mg']]],
    ]);
    for (const e of medications) {
      for (const a of e.attributes) expect(text.slice(a.beginOffset, a.endOffset)).toBe(a.text);
    }
  });

  it('needs both a drug-shaped name and a dose', () => {
    expect(ofType('Take 500 mg twice. Patient on warfarin. Person 20 mg. Reason 5 g.', 'GENERIC_NAME')).toEqual([]);
  });

  it('reports the PHI rules’ findings as PROTECTED_HEALTH_INFORMATION', () => {
    const text = 'Seen by Dr. Lee, a 67-year-old patient, mail lee@example.org.';
    expect(
      summary(detectMedicalEntitiesLocally(text).filter((e) => e.category === 'PROTECTED_HEALTH_INFORMATION')),
    ).toEqual([
      ['PROTECTED_HEALTH_INFORMATION', 'NAME', 'Lee'],
      ['PROTECTED_HEALTH_INFORMATION', 'AGE', '67'],
      ['PROTECTED_HEALTH_INFORMATION', 'EMAIL', 'lee@example.org'],
    ]);
  });

  it('drops a PHI span that would swallow a medical finding and keeps PHI elsewhere', () => {
    // The PHI rule takes a labelled value to the end of its line ("12345678. BRCA1 c.68_69delAG").
    const text = 'MRN: 12345678. BRCA1 c.68_69delAG\nMRN: 87654321';
    expect(summary(detectMedicalEntitiesLocally(text))).toEqual([
      ['GENETICS', 'GENE_SYMBOL', 'BRCA1'],
      ['GENETICS', 'HGVS_VARIANT', 'c.68_69delAG'],
      ['PROTECTED_HEALTH_INFORMATION', 'ID', '87654321'],
    ]);
  });

  it('labels its results as local rules through the port', async () => {
    const result = await createLocalMedicalEntityPort().detectMedicalEntities({ text: 'BRCA1 c.68_69delAG' });
    expect(result.provider).toBe('local:medical-entity-rules');
    expect(summary(result.entities)).toEqual([
      ['GENETICS', 'GENE_SYMBOL', 'BRCA1'],
      ['GENETICS', 'HGVS_VARIANT', 'c.68_69delAG'],
    ]);
  });
});

describe('local medical entity properties', () => {
  const fragment = fc.oneof(
    fc.constantFrom(
      'BRCA1',
      'SOX2 mutation',
      'NM_000059.3:c.5946delT',
      'p.Val600Glu',
      'rs80357906',
      'olaparib 300 mg PO BID',
      'No',
      'mother',
      'but',
      'Dr. Lee',
      'MRN:',
      'patient_name:',
      '😀',
      '\n',
      ...KNOWN_CONDITIONS.slice(0, 12),
    ),
    fc.string({ maxLength: 10 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  );
  const document = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(' '));

  it('entity and attribute offsets slice to their text; entities never overlap and come in order', () => {
    fc.assert(
      fc.property(document, (text) => {
        let previousEnd = 0;
        for (const e of detectMedicalEntitiesLocally(text)) {
          expect(text.slice(e.beginOffset, e.endOffset)).toBe(e.text);
          expect(e.beginOffset).toBeGreaterThanOrEqual(previousEnd);
          expect(e.score).toBeGreaterThan(0);
          expect(e.score).toBeLessThanOrEqual(1);
          for (const a of e.attributes) expect(text.slice(a.beginOffset, a.endOffset)).toBe(a.text);
          previousEnd = e.endOffset;
        }
      }),
    );
  });
});
