export { type Classification, classify, MODALITY_CATEGORIES, type ModalityCategory } from './classify';
export {
  type Action,
  actionFor,
  PROFILE_RULES,
  type ProfileCode,
  type ProfileRule,
  profileRuleFor,
} from './confidentiality-profile';
export { crc32 } from './crc32';
export {
  DEFAULT_DEIDENTIFICATION_METHOD,
  type DeidentificationSummary,
  type DeidentifiedDicom,
  type DeidentifyOptions,
  deidentify,
  IMPLEMENTATION_CLASS_UID,
} from './deidentify';
export { DEFAULT_DUMMY_VALUES, type DummyValues } from './dummy-values';
export type { DicomDataset, DicomElement, DicomFragment, DicomItem } from './elements';
export { DeidentificationConfigError, DicomError, DicomParseError } from './errors';
export { downscaleBox, encodePngWithin, type FittedPng } from './fit-png';
export { type DicomAttributes, type ParsedDicom, type PixelDataInfo, parseDicom } from './parse-dicom';
export {
  collectTextValues,
  DEFAULT_DETECTOR_CHUNK_CHARS,
  type DetectPhiOptions,
  detectPhi,
  listProfileAttributes,
  type PhiAttributeFinding,
  type PhiEntity,
  type PhiReport,
  type PhiTextDetector,
  type TextPhiFinding,
  type TextValue,
} from './phi-detection';
export { findPhiLeaks, type PhiLeak, type PhiLeakKind } from './phi-leaks';
export { type ImagePixelModule, readImagePixelModule } from './pixel-module';
export { encodePng, PNG_SIGNATURE, PngEncodeError, type RasterImage } from './png';
export { type DicomLayout, isDicomPart10, MAX_INFLATED_BYTES } from './read-file';
export {
  DEFAULT_MAX_FRAME_PIXELS,
  DEFAULT_MAX_PNG_BYTES,
  type FrameRendering,
  type NotRenderable,
  type RenderedFrame,
  type RenderedPhotometric,
  type RenderFrameOptions,
  renderFirstFrame,
} from './render-frame';
export { formatTag, type Tag, tagOf } from './tag';
export { type TransferSyntax, transferSyntaxOf } from './transfer-syntax';
export { createHmacUidMapper, type HmacUidMapperOptions, type UidMapper } from './uid-mapper';
export { applyMinMax, applyWindow, type VoiFunction, type VoiWindow, voiWindowOf } from './voi';
