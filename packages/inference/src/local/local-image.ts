import type { ImageLabel, ImageLabels, ImagePort, ImageStats, Unsupported } from '../ports';
import { measureImage } from './image/image-stats';

export const LOCAL_IMAGE_PROVIDER = 'local:image-stats';

const property = (name: string): ImageLabel => ({
  name,
  // Measured, not guessed: the label states a property of the pixels or the header.
  confidence: 100,
  parents: [],
  categories: ['Image Properties'],
  instanceCount: 0,
});

/** Labels that describe the picture as data (shape, colour, brightness), never its content. */
export function propertyLabels(stats: ImageStats): ImageLabel[] {
  const labels: ImageLabel[] = [];
  const ratio = stats.width / stats.height;
  labels.push(property(ratio > 1.05 ? 'Landscape Format' : ratio < 0.95 ? 'Portrait Format' : 'Square Format'));
  if (stats.grayscale !== undefined) labels.push(property(stats.grayscale ? 'Grayscale' : 'Color'));
  if (stats.meanLuminance !== undefined) {
    labels.push(property(stats.meanLuminance < 64 ? 'Dark' : stats.meanLuminance > 192 ? 'Bright' : 'Mid-tone'));
  }
  return labels;
}

/**
 * Offline image port. `detectLabels` measures the image (header dimensions, PNG pixel luminance) and
 * reports property labels; it recognises no objects. `detectText` needs OCR and is unsupported.
 */
export function createLocalImagePort(): ImagePort {
  return {
    async detectLabels({
      bytes,
      maxLabels,
      minConfidence,
    }): Promise<ImageLabels | Unsupported<'unknown-image-format' | 'corrupt-image'>> {
      const outcome = measureImage(bytes);
      if ('error' in outcome) {
        return {
          status: 'unsupported',
          provider: LOCAL_IMAGE_PROVIDER,
          unsupported: outcome.error,
          message: outcome.message,
        };
      }
      const labels = propertyLabels(outcome.stats)
        .filter((l) => l.confidence >= (minConfidence ?? 50))
        .slice(0, maxLabels ?? 20);
      return { status: 'ok', provider: LOCAL_IMAGE_PROVIDER, labels, stats: outcome.stats };
    },
    async detectText(): Promise<Unsupported<'no-ocr-engine'>> {
      return {
        status: 'unsupported',
        provider: LOCAL_IMAGE_PROVIDER,
        unsupported: 'no-ocr-engine',
        message: 'reading text in images needs OCR, which does not run offline',
      };
    },
  };
}
