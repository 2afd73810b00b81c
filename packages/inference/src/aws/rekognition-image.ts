import { DetectLabelsCommand, DetectTextCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { callAws } from '../errors';
import type { ImageLabels, ImagePort, ImageText, Unsupported } from '../ports';

export const REKOGNITION_PROVIDER = 'aws:rekognition';
/** Rekognition accepts at most 5 MB of raw image bytes. */
export const REKOGNITION_MAX_BYTES = 5 * 1024 * 1024;

const tooLarge = (size: number): Unsupported<'too-large'> => ({
  status: 'unsupported',
  provider: REKOGNITION_PROVIDER,
  unsupported: 'too-large',
  message: `image is ${size} bytes; Rekognition takes at most ${REKOGNITION_MAX_BYTES} as bytes`,
});

/** Rekognition DetectLabels / DetectText (LINE detections only) on image bytes. */
export function createRekognitionImagePort(options: { client: RekognitionClient }): ImagePort {
  return {
    async detectLabels({ bytes, maxLabels, minConfidence }): Promise<ImageLabels | Unsupported<'too-large'>> {
      if (bytes.length > REKOGNITION_MAX_BYTES) return tooLarge(bytes.length);
      const response = await callAws('Rekognition DetectLabels', () =>
        options.client.send(
          new DetectLabelsCommand({
            Image: { Bytes: bytes },
            MaxLabels: maxLabels ?? 20,
            MinConfidence: minConfidence ?? 50,
          }),
        ),
      );
      return {
        status: 'ok',
        provider: REKOGNITION_PROVIDER,
        labels: (response.Labels ?? []).map((label) => ({
          name: label.Name ?? '',
          confidence: label.Confidence ?? 0,
          parents: (label.Parents ?? []).map((p) => p.Name ?? '').filter((n) => n.length > 0),
          categories: (label.Categories ?? []).map((c) => c.Name ?? '').filter((n) => n.length > 0),
          instanceCount: label.Instances?.length ?? 0,
        })),
      };
    },
    async detectText({ bytes }): Promise<ImageText | Unsupported<'too-large'>> {
      if (bytes.length > REKOGNITION_MAX_BYTES) return tooLarge(bytes.length);
      const response = await callAws('Rekognition DetectText', () =>
        options.client.send(new DetectTextCommand({ Image: { Bytes: bytes } })),
      );
      return {
        status: 'ok',
        provider: REKOGNITION_PROVIDER,
        lines: (response.TextDetections ?? [])
          .filter((d) => d.Type === 'LINE')
          .map((d) => {
            const box = d.Geometry?.BoundingBox;
            return {
              text: d.DetectedText ?? '',
              confidence: d.Confidence ?? 0,
              ...(box === undefined
                ? {}
                : {
                    boundingBox: {
                      left: box.Left ?? 0,
                      top: box.Top ?? 0,
                      width: box.Width ?? 0,
                      height: box.Height ?? 0,
                    },
                  }),
            };
          }),
      };
    },
  };
}
