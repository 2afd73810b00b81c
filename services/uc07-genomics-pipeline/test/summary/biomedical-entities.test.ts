import { ComprehendMedicalClient, DetectEntitiesV2Command, type Entity } from '@aws-sdk/client-comprehendmedical';
import {
  createComprehendMedicalEntityPort,
  createLocalMedicalEntityPort,
  type MedicalEntity,
  type MedicalEntityResult,
} from '@fsxn/inference';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractBiomedicalEntities, toBiomedicalEntities } from '../../src/summary/biomedical-entities';

const medical = mockClient(ComprehendMedicalClient);
beforeEach(() => {
  medical.reset();
});

// A research note shaped like what the Analyze step sends: summary sentences, then annotation sentences.
const NOTE = [
  'BRCA1 testing found variant NM_007294.4:c.68_69delAG, dbSNP rs80357914.',
  'SOX2 gene sequencing and a TP53 gene panel were done; CEA level and PSA test were normal.',
  'Li-Fraumeni syndrome is suspected, no evidence of breast cancer; mild fatigue.',
  'Patient John Smith takes tamoxifen 20 mg daily.',
].join('\n');

/** A DetectEntitiesV2 entity for the first occurrence of `text` in NOTE; offsets found by search, not copied. */
const entity = (text: string, fields: Omit<Entity, 'Text' | 'BeginOffset' | 'EndOffset'>): Entity => {
  const begin = NOTE.indexOf(text);
  if (begin < 0) throw new Error(`"${text}" is not in the note`);
  return { Text: text, BeginOffset: begin, EndOffset: begin + text.length, Traits: [], Attributes: [], ...fields };
};

// What Comprehend Medical answers for NOTE (it has no gene category: genes come as TEST_NAME or ANATOMY).
const RESPONSE = {
  Entities: [
    entity('BRCA1', { Id: 0, Category: 'TEST_TREATMENT_PROCEDURE', Type: 'TEST_NAME', Score: 0.93 }),
    entity('SOX2', { Id: 1, Category: 'TEST_TREATMENT_PROCEDURE', Type: 'TEST_NAME', Score: 0.81 }),
    entity('TP53 gene', { Id: 2, Category: 'ANATOMY', Type: 'SYSTEM_ORGAN_SITE', Score: 0.74 }),
    entity('panel', { Id: 3, Category: 'TEST_TREATMENT_PROCEDURE', Type: 'TEST_NAME', Score: 0.9 }),
    entity('CEA', { Id: 4, Category: 'TEST_TREATMENT_PROCEDURE', Type: 'TEST_NAME', Score: 0.97 }),
    entity('PSA test', { Id: 5, Category: 'TEST_TREATMENT_PROCEDURE', Type: 'TEST_NAME', Score: 0.95 }),
    entity('Li-Fraumeni syndrome', {
      Id: 6,
      Category: 'MEDICAL_CONDITION',
      Type: 'DX_NAME',
      Score: 0.96,
      Traits: [{ Name: 'DIAGNOSIS', Score: 0.7 }],
    }),
    entity('breast cancer', {
      Id: 7,
      Category: 'MEDICAL_CONDITION',
      Type: 'DX_NAME',
      Score: 0.95,
      Traits: [{ Name: 'NEGATION', Score: 0.92 }],
    }),
    entity('fatigue', { Id: 8, Category: 'MEDICAL_CONDITION', Type: 'DX_NAME', Score: 0.55 }),
    entity('John Smith', { Id: 9, Category: 'PROTECTED_HEALTH_INFORMATION', Type: 'NAME', Score: 0.99 }),
    entity('tamoxifen', { Id: 10, Category: 'MEDICATION', Type: 'GENERIC_NAME', Score: 0.99 }),
  ],
  UnmappedAttributes: [],
  ModelVersion: '2.4.0',
};

describe('biomedical entities through Comprehend Medical DetectEntitiesV2', () => {
  it('sends the whole text once and maps conditions, medications and genes from test names and anatomy', async () => {
    medical.on(DetectEntitiesV2Command).resolves(RESPONSE);
    const port = createComprehendMedicalEntityPort({ client: new ComprehendMedicalClient({ region: 'us-east-1' }) });

    const entities = await extractBiomedicalEntities(port, NOTE);

    const calls = medical.commandCalls(DetectEntitiesV2Command);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ Text: NOTE });
    expect(entities).toEqual({
      provider: 'aws:comprehendmedical',
      variantsProvider: 'local:medical-entity-rules',
      minScore: 0.7,
      diseases: [{ name: 'Li-Fraumeni syndrome', mentions: 1 }],
      medications: [{ name: 'tamoxifen', mentions: 1 }],
      // BRCA1: a well-known symbol as TEST_NAME; SOX2: "gene" follows it; TP53: ANATOMY containing "gene".
      // Not genes: "panel" (no symbol), CEA and "PSA test" (symbol-shaped, not known, no gene context).
      genes: [
        { name: 'BRCA1', mentions: 1 },
        { name: 'SOX2', mentions: 1 },
        { name: 'TP53', mentions: 1 },
      ],
      variants: [
        { name: 'NM_007294.4:c.68_69delAG', mentions: 1 },
        { name: 'rs80357914', mentions: 1 },
      ],
      distinct: { diseases: 1, medications: 1, genes: 3, variants: 2 },
      excluded: { belowMinScore: 1, negated: 1, protectedHealthInformation: 1 },
    });
  });

  it('lists nothing that identifies a patient: PHI is only counted', async () => {
    medical.on(DetectEntitiesV2Command).resolves(RESPONSE);
    const port = createComprehendMedicalEntityPort({ client: new ComprehendMedicalClient({ region: 'us-east-1' }) });
    const entities = await extractBiomedicalEntities(port, NOTE);
    expect(JSON.stringify(entities)).not.toContain('John');
    expect(JSON.stringify(entities)).not.toContain('Smith');
  });
});

const genetics = (text: string, at: number, type: string, normalized?: string): MedicalEntity => ({
  category: 'GENETICS',
  type,
  text,
  beginOffset: at,
  endOffset: at + text.length,
  score: 0.9,
  ...(normalized === undefined ? {} : { normalized }),
  traits: [],
  attributes: [],
});

describe('biomedical entities from the local medical rules (GENETICS)', () => {
  it('maps GENETICS gene symbols to genes, deduplicated with their mention counts', () => {
    const text = 'BRCA1 gene variant. TP53 gene variant. BRCA1 gene variant again.';
    const result: MedicalEntityResult = {
      provider: 'local:medical-entity-rules',
      entities: [
        genetics('BRCA1', text.indexOf('BRCA1'), 'GENE_SYMBOL', 'BRCA1'),
        genetics('TP53', text.indexOf('TP53'), 'GENE_SYMBOL', 'TP53'),
        genetics('BRCA1', text.lastIndexOf('BRCA1'), 'GENE_SYMBOL', 'BRCA1'),
      ],
    };
    const entities = toBiomedicalEntities(text, result, { provider: 'local:medical-entity-rules', entities: [] });
    expect(entities.genes).toEqual([
      { name: 'BRCA1', mentions: 2 },
      { name: 'TP53', mentions: 1 },
    ]);
    expect(entities.diseases).toEqual([]);
    expect(entities.provider).toBe('local:medical-entity-rules');
  });

  it('finds genes, variants and conditions offline in annotation sentences', async () => {
    const text =
      'BRCA1 gene variant NM_007294.4:c.100T>C (missense variant), dbSNP rs80357064, reported in Hereditary breast and ovarian cancer.\n' +
      'SOX2 gene variant NM_003106.4:c.792G>C (missense variant), dbSNP rs11915160.\n' +
      'Variant NC_000017.11:g.43045712del, reported in cystic fibrosis.';
    const entities = await extractBiomedicalEntities(createLocalMedicalEntityPort(), text);
    expect(entities.genes).toEqual([
      { name: 'BRCA1', mentions: 1 },
      { name: 'SOX2', mentions: 1 },
    ]);
    expect(entities.variants.map((v) => v.name).sort()).toEqual(
      ['NM_007294.4:c.100T>C', 'rs80357064', 'NM_003106.4:c.792G>C', 'rs11915160', 'NC_000017.11:g.43045712del'].sort(),
    );
    expect(entities.diseases.map((d) => d.name.toLowerCase()).sort()).toEqual([
      'cystic fibrosis',
      'hereditary breast and ovarian cancer',
    ]);
  });
});
