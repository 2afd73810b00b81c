import type { ImageLabels, Unsupported } from '@fsxn/inference';
import {
  assessImageQuality,
  DEFAULT_QUALITY_THRESHOLDS,
  decodeImage,
  ImageDecodeError,
  type ImageQuality,
  luminanceOf,
  type QualityThresholds,
} from './domain';

/** The reference asked Rekognition for 20 labels at ≥ 10 % confidence. */
export const LABEL_REQUEST = { maxLabels: 20, minConfidence: 10 } as const;
/** An image whose best label is below this is sent to a person (the reference's CONFIDENCE_THRESHOLD). */
export const MIN_TOP_LABEL_CONFIDENCE = 80;

export interface AnalyzeImageDeps {
  /** Rekognition DetectLabels in AWS; offline the local adapter reports measured image properties. */
  readonly detectLabels: (input: {
    bytes: Uint8Array;
    maxLabels: number;
    minConfidence: number;
  }) => Promise<ImageLabels | Unsupported<string>>;
  readonly thresholds?: QualityThresholds;
  readonly maxPixels?: number;
}

export type LabelsResult =
  | { status: 'ok'; provider: string; labels: { name: string; confidence: number }[]; topConfidence: number | null }
  | { status: 'unsupported'; provider: string; reason: string };

export type ImageOutcome =
  | { kind: 'failed'; reason: string }
  | {
      kind: 'analyzed';
      format: 'png' | 'jpeg';
      quality: ImageQuality;
      labels: LabelsResult;
      flaggedForReview: boolean;
      /** Why it is flagged: quality issues and a low label confidence. */
      reviewReasons: string[];
    };

/**
 * Quality first (decoded offline with a real PNG/JPEG decoder: resolution, Laplacian-variance blur,
 * exposure), then labels. A file that does not decode fails with the decoder's reason; labels that the
 * service cannot give (too large for Rekognition, unknown to the local adapter) are recorded, not fatal.
 */
export const analyzeImage = async (bytes: Uint8Array, deps: AnalyzeImageDeps): Promise<ImageOutcome> => {
  let image: ReturnType<typeof decodeImage>;
  try {
    image = decodeImage(bytes, deps.maxPixels === undefined ? {} : { maxPixels: deps.maxPixels });
  } catch (error) {
    if (error instanceof ImageDecodeError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
  const quality = assessImageQuality(
    { width: image.width, height: image.height, luminance: luminanceOf(image.rgba, image.width, image.height) },
    deps.thresholds ?? DEFAULT_QUALITY_THRESHOLDS,
  );
  const found = await deps.detectLabels({ bytes, ...LABEL_REQUEST });
  const labels: LabelsResult =
    found.status === 'ok'
      ? {
          status: 'ok',
          provider: found.provider,
          labels: found.labels.map((l) => ({ name: l.name, confidence: l.confidence })),
          topConfidence: found.labels.length ? Math.max(...found.labels.map((l) => l.confidence)) : null,
        }
      : { status: 'unsupported', provider: found.provider, reason: `${found.unsupported}: ${found.message}` };
  const reviewReasons = [...quality.issues];
  if (labels.status === 'ok' && (labels.topConfidence ?? 0) < MIN_TOP_LABEL_CONFIDENCE) {
    reviewReasons.push(
      labels.topConfidence === null
        ? 'no label recognised'
        : `best label confidence ${labels.topConfidence.toFixed(1)} < ${MIN_TOP_LABEL_CONFIDENCE}`,
    );
  }
  return {
    kind: 'analyzed',
    format: image.format,
    quality,
    labels,
    flaggedForReview: reviewReasons.length > 0,
    reviewReasons,
  };
};
