import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { ComprehendMedicalClient } from '@aws-sdk/client-comprehendmedical';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { TextractClient } from '@aws-sdk/client-textract';
import {
  createBedrockTextGenerationPort,
  createTitanEmbeddingPort,
  DEFAULT_EMBEDDING_MODEL_ID,
  DEFAULT_TEXT_MODEL_ID,
  resolveModelId,
} from './aws/bedrock';
import { createComprehendEntityPort } from './aws/comprehend-entities';
import { createComprehendMedicalEntityPort } from './aws/comprehend-medical-entities';
import { createComprehendMedicalPhiPort } from './aws/comprehend-medical-phi';
import { createRekognitionImagePort } from './aws/rekognition-image';
import { createTextractDocumentTextPort, type TextractDocumentTextOptions } from './aws/textract-document-text';
import { InferenceError } from './errors';
import { createLocalEntityPort } from './local/entities/local-entities';
import { createLocalPhiPort } from './local/entities/medical-phi';
import { createLocalDocumentTextPort } from './local/local-document-text';
import { createLocalEmbeddingPort } from './local/local-embedding';
import { createLocalImagePort } from './local/local-image';
import { createLocalTextGenerationPort } from './local/local-text-generation';
import { createLocalMedicalEntityPort } from './local/medical/local-medical-entities';
import type { InferencePorts } from './ports';

/** Prebuilt SDK clients (tests, custom credentials, endpoints); missing ones are built from `region`. */
export interface InferenceClients {
  readonly textract?: TextractClient;
  readonly comprehend?: ComprehendClient;
  readonly comprehendMedical?: ComprehendMedicalClient;
  readonly rekognition?: RekognitionClient;
  readonly bedrockRuntime?: BedrockRuntimeClient;
}

export interface InferenceOptions {
  readonly mode: 'aws' | 'local';
  readonly clients?: InferenceClients;
  /** Region for every service unless overridden; the SDK's own resolution (AWS_REGION) when absent. */
  readonly region?: string;
  /**
   * Textract and Comprehend Medical are not offered in every region (e.g. not in ap-northeast-1 for
   * Comprehend Medical); call them in another region while the rest stays local to the data.
   */
  readonly textractRegion?: string;
  readonly comprehendMedicalRegion?: string;
  /** Bedrock cross-region inference geography (`us`, `eu`, `apac`, `jp`, …) prefixed to model ids. */
  readonly crossRegion?: string;
  readonly textModelId?: string;
  readonly embeddingModelId?: string;
  readonly embeddingDimensions?: 256 | 512 | 1024;
  readonly textract?: Pick<TextractDocumentTextOptions, 'featureTypes' | 'pollIntervalMs' | 'maxWaitMs' | 'sleep'>;
}

const regionConfig = (region: string | undefined) => (region === undefined ? {} : { region });

/**
 * All seven ports for one mode. Build once per cold start and pass the ports into handlers; in `aws` mode
 * the SDK clients are created here (once), in `local` mode no client and no network is involved.
 */
export function createInference(options: InferenceOptions): InferencePorts {
  if (options.mode === 'local') {
    return {
      documentText: createLocalDocumentTextPort(),
      entities: createLocalEntityPort(),
      medicalPhi: createLocalPhiPort(),
      medicalEntities: createLocalMedicalEntityPort(),
      image: createLocalImagePort(),
      textGeneration: createLocalTextGenerationPort(),
      embedding: createLocalEmbeddingPort(
        options.embeddingDimensions === undefined ? {} : { dimensions: options.embeddingDimensions },
      ),
    };
  }
  if (options.mode !== 'aws')
    throw new InferenceError(`unknown inference mode "${String(options.mode)}"`, { transient: false });
  const clients = options.clients ?? {};
  const bedrockRuntime = clients.bedrockRuntime ?? new BedrockRuntimeClient(regionConfig(options.region));
  // One client for DetectPHI and DetectEntitiesV2, both in the Comprehend Medical region.
  const comprehendMedical =
    clients.comprehendMedical ??
    new ComprehendMedicalClient(regionConfig(options.comprehendMedicalRegion ?? options.region));
  return {
    documentText: createTextractDocumentTextPort({
      ...options.textract,
      client: clients.textract ?? new TextractClient(regionConfig(options.textractRegion ?? options.region)),
    }),
    entities: createComprehendEntityPort({
      client: clients.comprehend ?? new ComprehendClient(regionConfig(options.region)),
    }),
    medicalPhi: createComprehendMedicalPhiPort({ client: comprehendMedical }),
    medicalEntities: createComprehendMedicalEntityPort({ client: comprehendMedical }),
    image: createRekognitionImagePort({
      client: clients.rekognition ?? new RekognitionClient(regionConfig(options.region)),
    }),
    textGeneration: createBedrockTextGenerationPort({
      client: bedrockRuntime,
      modelId: resolveModelId(options.textModelId ?? DEFAULT_TEXT_MODEL_ID, options.crossRegion),
    }),
    embedding: createTitanEmbeddingPort({
      client: bedrockRuntime,
      modelId: options.embeddingModelId ?? DEFAULT_EMBEDDING_MODEL_ID,
      ...(options.embeddingDimensions === undefined ? {} : { dimensions: options.embeddingDimensions }),
    }),
  };
}
