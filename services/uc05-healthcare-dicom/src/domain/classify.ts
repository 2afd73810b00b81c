/** Modality categories of the UC5 reference; every other code is `other`. */
export const MODALITY_CATEGORIES = {
  CT: 'computed_tomography',
  MR: 'magnetic_resonance',
  US: 'ultrasound',
  XR: 'x_ray',
  CR: 'computed_radiography',
  MG: 'mammography',
  NM: 'nuclear_medicine',
  PT: 'positron_emission',
  DX: 'digital_radiography',
} as const;

export type ModalityCategory = (typeof MODALITY_CATEGORIES)[keyof typeof MODALITY_CATEGORIES] | 'other';

export interface Classification {
  readonly modalityCode: string;
  readonly modalityCategory: ModalityCategory;
  readonly bodyPart: string;
}

const isKnownModality = (code: string): code is keyof typeof MODALITY_CATEGORIES =>
  Object.hasOwn(MODALITY_CATEGORIES, code);

/**
 * Classifies by (0008,0060) Modality and (0018,0015) Body Part Examined. Codes are compared trimmed and
 * upper-cased (CS values are upper case, but hand-edited files are not always); a missing modality is `OT`
 * and a missing body part `UNKNOWN`, as in the reference.
 */
export const classify = (modality: string | null | undefined, bodyPart: string | null | undefined): Classification => {
  const modalityCode = modality?.trim().toUpperCase() || 'OT';
  return {
    modalityCode,
    modalityCategory: isKnownModality(modalityCode) ? MODALITY_CATEGORIES[modalityCode] : 'other',
    bodyPart: bodyPart?.trim().toUpperCase() || 'UNKNOWN',
  };
};
