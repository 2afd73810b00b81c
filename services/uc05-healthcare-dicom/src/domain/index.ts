export { type Classification, classify, MODALITY_CATEGORIES, type ModalityCategory } from './classify';
export {
  type Action,
  actionFor,
  PROFILE_RULES,
  type ProfileCode,
  type ProfileRule,
  profileRuleFor,
} from './confidentiality-profile';
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
export { type DicomLayout, isDicomPart10, MAX_INFLATED_BYTES } from './read-file';
export { formatTag, type Tag, tagOf } from './tag';
export { type TransferSyntax, transferSyntaxOf } from './transfer-syntax';
export { createHmacUidMapper, type HmacUidMapperOptions, type UidMapper } from './uid-mapper';
