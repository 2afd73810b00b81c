import { ComprehendMedicalClient, DetectEntitiesV2Command, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { AnalyzeDocumentCommand, TextractClient } from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createInference, fromAwsError, InferenceError, isTransientAwsError } from '../src/index';
import { buildPng } from './fixtures/build-png';

describe('createInference', () => {
  it('local mode returns every port, each naming a local provider', async () => {
    const ports = createInference({ mode: 'local' });
    const png = buildPng({ width: 2, height: 1, colorType: 0, pixels: Uint8Array.of(0, 255) });
    const providers = [
      (await ports.documentText.extractText({ bytes: Buffer.from('a: b'), mimeType: 'text/plain' })).provider,
      (await ports.entities.detectEntities({ text: '2024-01-01', languageCode: 'en' })).provider,
      (await ports.entities.detectPii({ text: 'a@b.co', languageCode: 'en' })).provider,
      (await ports.medicalPhi.detectPhi({ text: 'Dr. Lee' })).provider,
      (await ports.medicalEntities.detectMedicalEntities({ text: 'BRCA1' })).provider,
      (await ports.image.detectLabels({ bytes: png })).provider,
      (await ports.textGeneration.generate({ prompt: 'One. Two.', maxTokens: 50, temperature: 0 })).provider,
      (await ports.embedding.embed({ text: 'hello' })).provider,
    ];
    expect(providers).toHaveLength(8);
    for (const provider of providers) expect(provider).toMatch(/^local:/);
  });

  describe('aws mode', () => {
    const textract = mockClient(TextractClient);
    const medical = mockClient(ComprehendMedicalClient);
    const rekognition = mockClient(RekognitionClient);
    afterEach(() => {
      textract.reset();
      medical.reset();
      rekognition.reset();
    });

    it('calls Textract and Comprehend Medical in their override region and the rest in the main region', async () => {
      textract.on(AnalyzeDocumentCommand).resolves({ Blocks: [] });
      medical.on(DetectPHICommand).resolves({ Entities: [] });
      rekognition.on(DetectLabelsCommand).resolves({ Labels: [] });
      const ports = createInference({
        mode: 'aws',
        region: 'ap-northeast-1',
        textractRegion: 'us-east-1',
        comprehendMedicalRegion: 'us-west-2',
      });
      await ports.documentText.extractText({ bytes: Uint8Array.of(0xff, 0xd8, 0xff), mimeType: 'image/jpeg' });
      await ports.medicalPhi.detectPhi({ text: 'x' });
      await ports.image.detectLabels({ bytes: Uint8Array.of(1) });
      const regionOf = async (mock: { call: (n: number) => { thisValue: unknown } }) =>
        (mock.call(0).thisValue as { config: { region: () => Promise<string> } }).config.region();
      expect(await regionOf(textract)).toBe('us-east-1');
      expect(await regionOf(medical)).toBe('us-west-2');
      expect(await regionOf(rekognition)).toBe('ap-northeast-1');
    });

    it('sends DetectEntitiesV2 to the Comprehend Medical region override', async () => {
      medical.on(DetectEntitiesV2Command).resolves({ Entities: [], ModelVersion: '2.4.0' });
      const ports = createInference({ mode: 'aws', region: 'ap-northeast-1', comprehendMedicalRegion: 'us-east-1' });
      await expect(ports.medicalEntities.detectMedicalEntities({ text: 'BRCA1 mutation' })).resolves.toEqual({
        provider: 'aws:comprehendmedical',
        entities: [],
      });
      const call = medical.commandCalls(DetectEntitiesV2Command)[0];
      expect(call?.args[0].input).toEqual({ Text: 'BRCA1 mutation' });
      const client = call?.thisValue as { config: { region: () => Promise<string> } } | undefined;
      expect(await client?.config.region()).toBe('us-east-1');
    });
  });

  it('rejects an unknown mode', () => {
    expect(() => createInference({ mode: 'gpu' as 'local' })).toThrow(InferenceError);
  });
});

describe('error classification', () => {
  it.each([
    [{ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 502 } }, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 429 } }, true],
    [{ name: 'Whatever', $fault: 'server' }, true],
    [{ name: 'TimeoutError' }, true],
    [{ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 403 } }, false],
    [{ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } }, false],
    ['a string', false],
  ])('classifies %j as transient=%s', (error, transient) => {
    expect(isTransientAwsError(error)).toBe(transient);
    const wrapped = fromAwsError('Op', error);
    expect(wrapped).toMatchObject({ name: 'InferenceError', transient, cause: error });
  });
});
