import { ComprehendMedicalClient, DetectEntitiesV2Command, type Entity } from '@aws-sdk/client-comprehendmedical';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createComprehendMedicalEntityPort, InferenceError } from '../src/index';

const medical = mockClient(ComprehendMedicalClient);
const port = (maxChars?: number) =>
  createComprehendMedicalEntityPort({
    client: new ComprehendMedicalClient({ region: 'us-east-1' }),
    ...(maxChars === undefined ? {} : { maxChars }),
  });

beforeEach(() => {
  medical.reset();
});

// Positions counted by hand: "Patient was prescribed " is 23 characters, so "40 mg" is 23–28, "Lipitor"
// 32–39, "daily" 40–45, "hypertension" 50–62, "chest pain" 67–77.
const NOTE = 'Patient was prescribed 40 mg of Lipitor daily for hypertension. No chest pain.';

// Shaped like a real DetectEntitiesV2 answer for NOTE: ids, categories, traits, nested attributes,
// an unmapped attribute and the model version.
const NOTE_RESPONSE = {
  Entities: [
    {
      Id: 2,
      BeginOffset: 32,
      EndOffset: 39,
      Score: 0.9968,
      Text: 'Lipitor',
      Category: 'MEDICATION',
      Type: 'BRAND_NAME',
      Traits: [],
      Attributes: [
        {
          Type: 'DOSAGE',
          Score: 0.9312,
          RelationshipScore: 0.9998,
          RelationshipType: 'DOSAGE',
          Id: 1,
          BeginOffset: 23,
          EndOffset: 28,
          Text: '40 mg',
          Category: 'MEDICATION',
          Traits: [],
        },
        {
          Type: 'FREQUENCY',
          Score: 0.9885,
          RelationshipScore: 0.9999,
          RelationshipType: 'FREQUENCY',
          Id: 3,
          BeginOffset: 40,
          EndOffset: 45,
          Text: 'daily',
          Category: 'MEDICATION',
          Traits: [],
        },
      ],
    },
    {
      Id: 4,
      BeginOffset: 50,
      EndOffset: 62,
      Score: 0.9953,
      Text: 'hypertension',
      Category: 'MEDICAL_CONDITION',
      Type: 'DX_NAME',
      Traits: [{ Name: 'DIAGNOSIS', Score: 0.9412 }],
    },
    {
      Id: 5,
      BeginOffset: 67,
      EndOffset: 77,
      Score: 0.9841,
      Text: 'chest pain',
      Category: 'MEDICAL_CONDITION',
      Type: 'DX_NAME',
      Traits: [
        { Name: 'SYMPTOM', Score: 0.8713 },
        { Name: 'NEGATION', Score: 0.9734 },
      ],
      Attributes: [],
    },
  ],
  UnmappedAttributes: [],
  ModelVersion: '2.4.0',
} as const;

describe('Comprehend Medical DetectEntitiesV2 adapter', () => {
  it('sends the text as DetectEntitiesV2 input and maps categories, types, traits and attributes', async () => {
    medical
      .on(DetectEntitiesV2Command)
      .resolves(NOTE_RESPONSE as unknown as { Entities: Entity[]; ModelVersion: string });
    const result = await port().detectMedicalEntities({ text: NOTE });
    expect(medical.commandCalls(DetectEntitiesV2Command).map((call) => call.args[0].input)).toEqual([{ Text: NOTE }]);
    expect(result).toEqual({
      provider: 'aws:comprehendmedical',
      entities: [
        {
          type: 'BRAND_NAME',
          category: 'MEDICATION',
          text: 'Lipitor',
          beginOffset: 32,
          endOffset: 39,
          score: 0.9968,
          traits: [],
          attributes: [
            {
              type: 'DOSAGE',
              category: 'MEDICATION',
              relationshipType: 'DOSAGE',
              relationshipScore: 0.9998,
              text: '40 mg',
              beginOffset: 23,
              endOffset: 28,
              score: 0.9312,
              traits: [],
            },
            {
              type: 'FREQUENCY',
              category: 'MEDICATION',
              relationshipType: 'FREQUENCY',
              relationshipScore: 0.9999,
              text: 'daily',
              beginOffset: 40,
              endOffset: 45,
              score: 0.9885,
              traits: [],
            },
          ],
        },
        {
          type: 'DX_NAME',
          category: 'MEDICAL_CONDITION',
          text: 'hypertension',
          beginOffset: 50,
          endOffset: 62,
          score: 0.9953,
          traits: [{ name: 'DIAGNOSIS', score: 0.9412 }],
          attributes: [],
        },
        {
          type: 'DX_NAME',
          category: 'MEDICAL_CONDITION',
          text: 'chest pain',
          beginOffset: 67,
          endOffset: 77,
          score: 0.9841,
          traits: [
            { name: 'SYMPTOM', score: 0.8713 },
            { name: 'NEGATION', score: 0.9734 },
          ],
          attributes: [],
        },
      ],
    });
    // The hand-counted offsets agree with the text.
    for (const word of ['Lipitor', 'hypertension', 'chest pain']) {
      expect(result.entities.find((e) => e.text === word)?.beginOffset).toBe(NOTE.indexOf(word));
    }
  });

  it('chunks at 20,000 characters and rebases entity and attribute offsets from code points', async () => {
    // The emoji is one code point but two UTF-16 units, so a missing conversion would shift every offset.
    const tail = '😀 Started olaparib 300 mg for breast cancer.';
    const text = `${'word '.repeat(4_500)}\n\n${tail}`;
    medical.on(DetectEntitiesV2Command).callsFake((input: { Text: string }) => {
      const codePoints = (s: string) => [...s].length;
      const at = (needle: string) => codePoints(input.Text.slice(0, input.Text.indexOf(needle)));
      if (!input.Text.includes('olaparib')) return { Entities: [], ModelVersion: '2.4.0' };
      return {
        ModelVersion: '2.4.0',
        Entities: [
          {
            Id: 0,
            BeginOffset: at('olaparib'),
            EndOffset: at('olaparib') + 8,
            Score: 0.99,
            Text: 'olaparib',
            Category: 'MEDICATION',
            Type: 'GENERIC_NAME',
            Attributes: [
              {
                Type: 'DOSAGE',
                Id: 1,
                BeginOffset: at('300 mg'),
                EndOffset: at('300 mg') + 6,
                Score: 0.95,
                RelationshipType: 'DOSAGE',
                RelationshipScore: 0.99,
                Text: '300 mg',
              },
            ],
          },
          {
            Id: 2,
            BeginOffset: at('breast cancer'),
            EndOffset: at('breast cancer') + 13,
            Score: 0.98,
            Text: 'breast cancer',
            Category: 'MEDICAL_CONDITION',
            Type: 'DX_NAME',
            Traits: [{ Name: 'DIAGNOSIS', Score: 0.7 }],
          },
        ],
      };
    });
    const result = await port().detectMedicalEntities({ text });
    const sent = medical.commandCalls(DetectEntitiesV2Command).map((call) => call.args[0].input.Text ?? '');
    expect(sent).toHaveLength(2);
    expect(sent.every((chunk) => [...chunk].length <= 20_000)).toBe(true);
    expect(sent.join('')).toBe(text);
    expect(
      result.entities.map((e) => [e.text, e.beginOffset, e.attributes.map((a) => [a.text, a.beginOffset])]),
    ).toEqual([
      ['olaparib', text.indexOf('olaparib'), [['300 mg', text.indexOf('300 mg')]]],
      ['breast cancer', text.indexOf('breast cancer'), []],
    ]);
  });

  it('skips chunks that are only whitespace and sends nothing for empty text', async () => {
    medical.on(DetectEntitiesV2Command).resolves({ Entities: [], ModelVersion: '2.4.0' });
    await expect(port().detectMedicalEntities({ text: '' })).resolves.toEqual({
      provider: 'aws:comprehendmedical',
      entities: [],
    });
    // 10-character chunks: "BRCA1 " (break after a space), "test. " (after a sentence end), then two of
    // spaces only, which are not sent.
    await port(10).detectMedicalEntities({ text: 'BRCA1 test.           ' });
    expect(medical.commandCalls(DetectEntitiesV2Command).map((call) => call.args[0].input.Text)).toEqual([
      'BRCA1 ',
      'test. ',
    ]);
  });

  it('rejects an entity without a category as a malformed response', async () => {
    medical.on(DetectEntitiesV2Command).resolves({
      Entities: [{ BeginOffset: 0, EndOffset: 5, Type: 'DX_NAME', Text: 'gout.', Score: 0.9 }],
      ModelVersion: '2.4.0',
    });
    await expect(port().detectMedicalEntities({ text: 'gout.' })).rejects.toMatchObject({
      name: 'InferenceError',
      code: 'MalformedResponse',
      transient: false,
    });
  });

  it('wraps throttling as a transient InferenceError without the input text', async () => {
    medical
      .on(DetectEntitiesV2Command)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' }));
    const error = await port()
      .detectMedicalEntities({ text: 'secret patient note' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({ transient: true, code: 'ThrottlingException' });
    expect(String((error as Error).message)).not.toContain('secret');
  });
});
