/**
 * Ports: what the use cases ask of AI services. Every result names its `provider` so an output written
 * by a local adapter can never be mistaken for a model's answer. Offsets are JavaScript string indices
 * (UTF-16 code units) into the text that was passed in: `text.slice(beginOffset, endOffset)` is the
 * entity text, whichever adapter produced it.
 */

/** `aws:<service>` for AWS adapters, `local:<algorithm>` for offline ones. */
export type Provider = `aws:${string}` | `local:${string}`;

/** The adapter cannot produce this kind of result for this input; nothing is invented instead. */
export interface Unsupported<Reason extends string = string> {
  readonly status: 'unsupported';
  readonly provider: Provider;
  readonly unsupported: Reason;
  /** Human-readable explanation, safe to log (never contains document content). */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------------
// 1. Document text (Textract)

export interface S3ObjectLocation {
  readonly bucket: string;
  readonly key: string;
  readonly version?: string;
}

/**
 * Bytes for the synchronous path; an S3 location (a standard bucket, never an FSx S3 access point,
 * which Textract cannot read by reference) for multi-page documents.
 */
export type DocumentTextInput =
  | { readonly bytes: Uint8Array; readonly mimeType: string }
  | { readonly s3Object: S3ObjectLocation; readonly mimeType?: string };

export interface DocumentLine {
  readonly text: string;
  /** 0–100, as Textract reports it. */
  readonly confidence: number;
  /** 1-based page number. */
  readonly page: number;
}

export interface KeyValuePair {
  readonly key: string;
  readonly value: string;
  /** The lower of the key's and the value's confidence, 0–100. */
  readonly confidence: number;
  readonly page: number;
}

export interface DocumentTable {
  readonly page: number;
  /** Cell texts by row then column; merged cells repeat their text in every grid position they span. */
  readonly rows: readonly (readonly string[])[];
  /** 0–100 */
  readonly confidence: number;
}

export interface DocumentText {
  readonly status: 'ok';
  readonly provider: Provider;
  readonly pageCount: number;
  /** All lines joined with `\n`, pages in order. */
  readonly text: string;
  readonly lines: readonly DocumentLine[];
  readonly keyValues: readonly KeyValuePair[];
  readonly tables: readonly DocumentTable[];
  readonly warnings: readonly string[];
}

export type DocumentTextUnsupportedReason =
  | 'no-text-layer'
  | 'image-needs-ocr'
  | 'encrypted'
  | 'unknown-font-encoding'
  | 'unsupported-format'
  | 's3-reference-unavailable';

export type DocumentTextResult = DocumentText | Unsupported<DocumentTextUnsupportedReason>;

export interface DocumentTextPort {
  extractText(input: DocumentTextInput): Promise<DocumentTextResult>;
}

// ---------------------------------------------------------------------------------------------------
// 2. Entities and PII (Comprehend)

/** Comprehend's DetectEntities types. */
export type EntityType =
  | 'PERSON'
  | 'LOCATION'
  | 'ORGANIZATION'
  | 'COMMERCIAL_ITEM'
  | 'EVENT'
  | 'DATE'
  | 'QUANTITY'
  | 'TITLE'
  | 'OTHER';

export interface TextEntity<Type extends string = string> {
  readonly type: Type;
  /** Finer kind found by local recognisers (e.g. `AMOUNT`, `INVOICE_NUMBER`); absent from AWS results. */
  readonly subtype?: string;
  readonly text: string;
  readonly beginOffset: number;
  readonly endOffset: number;
  /** 0–1 */
  readonly score: number;
  /** Canonical form when a recogniser knows it: ISO date `YYYY-MM-DD`, amount `JPY 12000`, digits only for ids. */
  readonly normalized?: string;
}

export interface EntityInput {
  readonly text: string;
  /** ISO 639-1, e.g. `en`, `ja`. Comprehend PII detection supports `en` and `es` only. */
  readonly languageCode: string;
}

export interface EntityResult<Type extends string = string> {
  readonly provider: Provider;
  readonly entities: readonly TextEntity<Type>[];
}

/** Comprehend DetectPiiEntities types (the subset local rules can also find, plus any string AWS returns). */
export type PiiType =
  | 'NAME'
  | 'ADDRESS'
  | 'AGE'
  | 'EMAIL'
  | 'PHONE'
  | 'SSN'
  | 'CREDIT_DEBIT_NUMBER'
  | 'INTERNATIONAL_BANK_ACCOUNT_NUMBER'
  | 'DATE_TIME'
  | 'URL'
  | 'IP_ADDRESS'
  | 'AWS_ACCESS_KEY'
  | 'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER'
  | (string & {});

export interface EntityPort {
  detectEntities(input: EntityInput): Promise<EntityResult<EntityType>>;
  detectPii(input: EntityInput): Promise<EntityResult<PiiType>>;
}

// ---------------------------------------------------------------------------------------------------
// 3. Medical PHI (Comprehend Medical)

export type PhiType = 'NAME' | 'DATE' | 'AGE' | 'ID' | 'ADDRESS' | 'PHONE_OR_FAX' | 'EMAIL' | 'URL' | 'PROFESSION';

export interface PhiPort {
  detectPhi(input: { readonly text: string }): Promise<EntityResult<PhiType>>;
}

// ---------------------------------------------------------------------------------------------------
// 3b. Medical entities (Comprehend Medical DetectEntitiesV2)

/**
 * Comprehend Medical's entity categories, plus `GENETICS`, which only the local rules report (gene
 * symbols, HGVS variants, dbSNP ids): Comprehend Medical has no gene category and reports gene tests as
 * `TEST_TREATMENT_PROCEDURE`/`TEST_NAME`.
 */
export type MedicalEntityCategory =
  | 'MEDICAL_CONDITION'
  | 'MEDICATION'
  | 'TEST_TREATMENT_PROCEDURE'
  | 'ANATOMY'
  | 'PROTECTED_HEALTH_INFORMATION'
  | 'TIME_EXPRESSION'
  | 'BEHAVIORAL_ENVIRONMENTAL_SOCIAL'
  | 'GENETICS'
  | (string & {});

/** Comprehend Medical traits: context that changes what a mention means. */
export type MedicalTraitName =
  | 'NEGATION'
  | 'DIAGNOSIS'
  | 'SIGN'
  | 'SYMPTOM'
  | 'PERTAINS_TO_FAMILY'
  | 'HYPOTHETICAL'
  | 'LOW_CONFIDENCE'
  | 'PAST_HISTORY'
  | 'FUTURE'
  | (string & {});

export interface MedicalTrait {
  readonly name: MedicalTraitName;
  /** 0–1 */
  readonly score: number;
}

/** A mention that modifies an entity (a medication's `DOSAGE`, a test's `TEST_VALUE`), with its own offsets. */
export interface MedicalAttribute {
  /** `DOSAGE`, `FREQUENCY`, `ROUTE_OR_MODE`, `STRENGTH`, `TEST_VALUE`, `SYSTEM_ORGAN_SITE`, … */
  readonly type: string;
  readonly category?: MedicalEntityCategory;
  /** How the attribute relates to its entity (`DOSAGE`, `FREQUENCY`, …) when the service says. */
  readonly relationshipType?: string;
  readonly text: string;
  readonly beginOffset: number;
  readonly endOffset: number;
  /** 0–1: that this is an attribute of this type. */
  readonly score: number;
  /** 0–1: that it belongs to this entity. */
  readonly relationshipScore?: number;
  readonly traits: readonly MedicalTrait[];
}

/**
 * `type` is the finer kind (`DX_NAME`, `GENERIC_NAME`, `TEST_NAME`, `SYSTEM_ORGAN_SITE`, `NAME`, … and the
 * local-only `GENE_SYMBOL`, `HGVS_VARIANT`, `DBSNP_ID`).
 */
export interface MedicalEntity extends TextEntity {
  readonly category: MedicalEntityCategory;
  readonly traits: readonly MedicalTrait[];
  readonly attributes: readonly MedicalAttribute[];
}

export interface MedicalEntityResult {
  readonly provider: Provider;
  readonly entities: readonly MedicalEntity[];
}

export interface MedicalEntityPort {
  detectMedicalEntities(input: { readonly text: string }): Promise<MedicalEntityResult>;
}

// ---------------------------------------------------------------------------------------------------
// 4. Images (Rekognition)

export interface ImageLabel {
  readonly name: string;
  /** 0–100 */
  readonly confidence: number;
  readonly parents: readonly string[];
  readonly categories: readonly string[];
  /** Number of bounding-box instances Rekognition found (0 when the label is scene-level). */
  readonly instanceCount: number;
}

export interface ImageStats {
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
  /** Colour channels in the encoded image (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha or CMYK). */
  readonly channels: number;
  /** Mean Rec. 601 luma 0–255 of the decoded pixels; only for PNGs the local decoder can unpack. */
  readonly meanLuminance?: number;
  /** True when every decoded pixel has R = G = B (or the image is stored as grey). */
  readonly grayscale?: boolean;
}

export interface ImageLabels {
  readonly status: 'ok';
  readonly provider: Provider;
  readonly labels: readonly ImageLabel[];
  /** Measured facts about the pixels, present for local results. */
  readonly stats?: ImageStats;
}

export interface DetectLabelsInput {
  readonly bytes: Uint8Array;
  /** Default 20. */
  readonly maxLabels?: number;
  /** 0–100, default 50. */
  readonly minConfidence?: number;
}

export interface ImageTextLine {
  readonly text: string;
  /** 0–100 */
  readonly confidence: number;
  /** Box as ratios of the image size. */
  readonly boundingBox?: {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
  };
}

export interface ImageText {
  readonly status: 'ok';
  readonly provider: Provider;
  readonly lines: readonly ImageTextLine[];
}

export type ImageUnsupportedReason = 'unknown-image-format' | 'corrupt-image' | 'no-ocr-engine' | 'too-large';

export interface ImagePort {
  detectLabels(input: DetectLabelsInput): Promise<ImageLabels | Unsupported<ImageUnsupportedReason>>;
  detectText(input: { readonly bytes: Uint8Array }): Promise<ImageText | Unsupported<ImageUnsupportedReason>>;
}

// ---------------------------------------------------------------------------------------------------
// 5. Text generation (Bedrock Converse)

export interface GenerateInput {
  readonly system?: string;
  readonly prompt: string;
  readonly maxTokens: number;
  /** 0–1 */
  readonly temperature: number;
}

export interface GeneratedText {
  readonly provider: Provider;
  readonly text: string;
  /** Converse stop reason (`end_turn`, `max_tokens`, …). */
  readonly stopReason: string;
  /** Token counts; local adapters report an estimate (≈4 Latin characters or 1 CJK character per token). */
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
  readonly modelId?: string;
}

export interface TextGenerationPort {
  generate(input: GenerateInput): Promise<GeneratedText>;
}

// ---------------------------------------------------------------------------------------------------
// 6. Embeddings (Bedrock Titan Text Embeddings v2)

export interface Embedding {
  readonly provider: Provider;
  /** L2-normalised. */
  readonly vector: readonly number[];
  readonly dimensions: number;
}

export interface EmbeddingPort {
  embed(input: { readonly text: string }): Promise<Embedding>;
}

/** All ports together, as the factory returns them. */
export interface InferencePorts {
  readonly documentText: DocumentTextPort;
  readonly entities: EntityPort;
  readonly medicalPhi: PhiPort;
  readonly medicalEntities: MedicalEntityPort;
  readonly image: ImagePort;
  readonly textGeneration: TextGenerationPort;
  readonly embedding: EmbeddingPort;
}
