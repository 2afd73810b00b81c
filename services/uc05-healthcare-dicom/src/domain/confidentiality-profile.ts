import { lookupTag, tagByKeyword } from './dictionary';
import { elementOf, groupOf, isPrivateTag, type Tag } from './tag';
import type { Vr } from './vr';

/**
 * Action codes of PS3.15 Table E.1-1a. D: replace with a dummy of the same VR; Z: zero-length value;
 * X: remove; K: keep; C: clean (only used by options we do not apply); U: replace with a consistent new UID.
 */
export type Action = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/** The code as the standard prints it, conditional ones included (X/Z, Z/D, X/D, X/Z/D, X/Z/U*). */
export type ProfileCode = Action | 'X/Z' | 'Z/D' | 'X/D' | 'X/Z/D' | 'X/Z/U*';

export interface ProfileRule {
  readonly tag: Tag;
  readonly keyword: string;
  readonly vr: Vr;
  readonly code: ProfileCode;
  /** The concrete action we apply. */
  readonly action: Action;
}

/**
 * Conditional codes depend on whether the attribute is Type 1, 2 or 3 in the object's IOD, which varies
 * between IODs. We resolve each to the alternative that is conformant in every IOD: a zero-length value is
 * valid for Type 2 and 3 (X/Z → Z), a dummy for Types 1, 2 and 3 (X/D, Z/D, X/Z/D → D), and X/Z/U* keeps the
 * sequence with every UID inside remapped (U). No real value survives any of these.
 */
const resolve = (code: ProfileCode): Action => {
  switch (code) {
    case 'X/Z':
      return 'Z';
    case 'X/D':
    case 'Z/D':
    case 'X/Z/D':
      return 'D';
    case 'X/Z/U*':
      return 'U';
    default:
      return code;
  }
};

/**
 * Sequences where the standard's choice would keep content the item-level rules do not cover: D on a
 * sequence means "keep it and de-identify its items", but these carry free text or code values naming a
 * person or an institution, so we take the stricter alternative (earlier editions of the table removed the
 * first three).
 */
const SEQUENCE_OVERRIDES: Readonly<Record<string, Action>> = {
  ContentSequence: 'X',
  GraphicAnnotationSequence: 'X',
  PersonIdentificationCodeSequence: 'X',
  InstitutionCodeSequence: 'Z',
};

/** Table E.1-1, Basic Profile column (2025 edition), for the attributes in our dictionary. */
const CODES: Readonly<Record<string, ProfileCode>> = {
  AccessionNumber: 'Z',
  AcquisitionComments: 'X',
  AcquisitionContextSequence: 'X/Z',
  AcquisitionDate: 'X/Z',
  AcquisitionDateTime: 'X/Z/D',
  AcquisitionDeviceProcessingDescription: 'X/D',
  AcquisitionProtocolDescription: 'X',
  AcquisitionTime: 'X/Z',
  AcquisitionUID: 'U',
  AdditionalPatientHistory: 'X',
  AdmissionID: 'X',
  AdmittingDate: 'X',
  AdmittingDiagnosesCodeSequence: 'X',
  AdmittingDiagnosesDescription: 'X',
  AdmittingTime: 'X',
  Allergies: 'X',
  Arbitrary: 'X',
  AuthorObserverSequence: 'X',
  BranchOfService: 'X',
  CassetteID: 'X',
  CommentsOnThePerformedProcedureStep: 'X',
  ConcatenationUID: 'U',
  ConfidentialityConstraintOnPatientDataDescription: 'X',
  ConsultingPhysicianIdentificationSequence: 'X',
  ConsultingPhysicianName: 'Z',
  ContentCreatorName: 'Z/D',
  ContentDate: 'Z/D',
  ContentSequence: 'D',
  ContentTime: 'Z/D',
  ContrastBolusAgent: 'Z/D',
  CountryOfResidence: 'X',
  CurrentPatientLocation: 'X',
  CurveDate: 'X',
  CurveTime: 'X',
  CustodialOrganizationSequence: 'X',
  DataSetTrailingPadding: 'X',
  DateOfLastCalibration: 'X',
  DateOfSecondaryCapture: 'X',
  DerivationDescription: 'X',
  DetectorID: 'X/D',
  DeviceSerialNumber: 'X/Z/D',
  DeviceUID: 'U',
  DigitalSignaturesSequence: 'X',
  DimensionOrganizationUID: 'U',
  DischargeDiagnosisDescription: 'X',
  DoseReferenceUID: 'U',
  EthnicGroup: 'X',
  FailedSOPInstanceUIDList: 'U',
  FillerOrderNumberImagingServiceRequest: 'Z',
  FrameComments: 'X',
  FrameOfReferenceUID: 'U',
  GantryID: 'X',
  GeneratorID: 'X',
  GraphicAnnotationSequence: 'D',
  IconImageSequence: 'X',
  IdentifyingComments: 'X',
  ImageComments: 'X',
  ImagePresentationComments: 'X',
  ImagingServiceRequestComments: 'X',
  InstanceCreationDate: 'X/D',
  InstanceCreationTime: 'X/Z/D',
  InstanceCreatorUID: 'U',
  InstitutionAddress: 'X',
  InstitutionCodeSequence: 'X/Z/D',
  InstitutionName: 'X/Z/D',
  InstitutionalDepartmentName: 'X',
  InsurancePlanIdentification: 'X',
  IrradiationEventUID: 'U',
  IssuerOfAdmissionID: 'X',
  IssuerOfPatientID: 'X',
  IssuerOfServiceEpisodeID: 'X',
  LargePaletteColorLookupTableUID: 'U',
  LastMenstrualDate: 'X',
  MediaStorageSOPInstanceUID: 'U',
  MedicalAlerts: 'X',
  MedicalRecordLocator: 'X',
  MilitaryRank: 'X',
  ModifiedImageDescription: 'X',
  ModifyingDeviceID: 'X',
  NameOfPhysiciansReadingStudy: 'X',
  NamesOfIntendedRecipientsOfResults: 'X',
  NetworkID: 'X',
  Occupation: 'X',
  OperatorIdentificationSequence: 'X/D',
  OperatorsName: 'X/Z/D',
  OrderCallbackPhoneNumber: 'X',
  OrderEnteredBy: 'X',
  OrderEntererLocation: 'X',
  OtherPatientIDs: 'X',
  OtherPatientIDsSequence: 'X',
  OtherPatientNames: 'X',
  OverlayDate: 'X',
  OverlayTime: 'X',
  PaletteColorLookupTableUID: 'U',
  ParticipantSequence: 'X',
  PatientAddress: 'X',
  PatientAge: 'X',
  PatientBirthDate: 'Z',
  PatientBirthName: 'X',
  PatientBirthTime: 'X',
  PatientComments: 'X',
  PatientID: 'Z/D',
  PatientInstitutionResidence: 'X',
  PatientInsurancePlanCodeSequence: 'X',
  PatientMotherBirthName: 'X',
  PatientName: 'Z',
  PatientReligiousPreference: 'X',
  PatientSex: 'Z',
  PatientSexNeutered: 'X/Z',
  PatientSize: 'X',
  PatientState: 'X',
  PatientTelecomInformation: 'X',
  PatientTelephoneNumbers: 'X',
  PatientTransportArrangements: 'X',
  PatientWeight: 'X',
  PerformedLocation: 'X',
  PerformedProcedureStepDescription: 'X',
  PerformedProcedureStepEndDate: 'X',
  PerformedProcedureStepEndTime: 'X',
  PerformedProcedureStepID: 'X',
  PerformedProcedureStepStartDate: 'X',
  PerformedProcedureStepStartTime: 'X',
  PerformedStationAETitle: 'X',
  PerformedStationName: 'X',
  PerformingPhysicianIdentificationSequence: 'X',
  PerformingPhysicianName: 'X',
  PersonAddress: 'X',
  PersonIdentificationCodeSequence: 'D',
  PersonName: 'D',
  PersonTelephoneNumbers: 'X',
  PhysiciansOfRecord: 'X',
  PhysiciansOfRecordIdentificationSequence: 'X',
  PhysiciansReadingStudyIdentificationSequence: 'X',
  PlacerOrderNumberImagingServiceRequest: 'Z',
  PlateID: 'X',
  PreMedication: 'X',
  PregnancyStatus: 'X',
  ProtocolName: 'X/D',
  ReasonForStudy: 'X',
  ReasonForTheImagingServiceRequest: 'X',
  ReasonForTheRequestedProcedure: 'X',
  ReferencedFrameOfReferenceUID: 'U',
  ReferencedImageSequence: 'X/Z/U*',
  ReferencedPatientSequence: 'X',
  ReferencedPerformedProcedureStepSequence: 'X/Z/D',
  ReferencedSOPInstanceUID: 'U',
  ReferencedStudySequence: 'X/Z',
  ReferringPhysicianAddress: 'X',
  ReferringPhysicianIdentificationSequence: 'X',
  ReferringPhysicianName: 'Z',
  ReferringPhysicianTelephoneNumbers: 'X',
  RegionOfResidence: 'X',
  RelatedFrameOfReferenceUID: 'U',
  RequestAttributesSequence: 'X',
  RequestedContrastAgent: 'X',
  RequestedProcedureComments: 'X',
  RequestedProcedureDescription: 'X/Z',
  RequestedProcedureID: 'X',
  RequestedProcedureLocation: 'X',
  RequestingPhysician: 'X',
  RequestingService: 'X',
  ResponsibleOrganization: 'X',
  ResponsiblePerson: 'X',
  RetrieveAETitle: 'X',
  ScheduledPerformingPhysicianName: 'X',
  ScheduledProcedureStepDescription: 'X',
  ScheduledProcedureStepEndDate: 'X',
  ScheduledProcedureStepEndTime: 'X',
  ScheduledProcedureStepID: 'X',
  ScheduledProcedureStepLocation: 'X',
  ScheduledProcedureStepStartDate: 'X',
  ScheduledProcedureStepStartTime: 'X',
  ScheduledStationAETitle: 'X',
  ScheduledStationName: 'X',
  ScheduledStudyLocation: 'X',
  ScheduledStudyLocationAETitle: 'X',
  SeriesDate: 'X/D',
  SeriesDescription: 'X',
  SeriesInstanceUID: 'U',
  SeriesTime: 'X/D',
  ServiceEpisodeDescription: 'X',
  ServiceEpisodeID: 'X',
  SmokingStatus: 'X',
  SOPInstanceUID: 'U',
  SourceImageSequence: 'X/Z/U*',
  SpecialNeeds: 'X',
  StationAETitle: 'X',
  StationName: 'X/Z/D',
  StorageMediaFileSetUID: 'U',
  StudyComments: 'X',
  StudyDate: 'Z',
  StudyDescription: 'X',
  StudyID: 'Z',
  StudyIDIssuer: 'X',
  StudyInstanceUID: 'U',
  StudyTime: 'Z',
  SynchronizationFrameOfReferenceUID: 'U',
  TextComments: 'X',
  TimeOfLastCalibration: 'X',
  TimeOfSecondaryCapture: 'X',
  TimezoneOffsetFromUTC: 'X',
  TransactionUID: 'U',
  UID: 'U',
  UniqueDeviceIdentifier: 'X',
  VerificationDateTime: 'D',
  VerifyingObserverIdentificationCodeSequence: 'Z',
  VerifyingObserverName: 'D',
  VerifyingObserverSequence: 'D',
  VerifyingOrganization: 'D',
  VisitComments: 'X',
};

const buildRule = (keyword: string, code: ProfileCode): ProfileRule => {
  const tag = tagByKeyword(keyword);
  const vr = lookupTag(tag)?.vr ?? 'UN';
  return { tag, keyword, vr, code, action: SEQUENCE_OVERRIDES[keyword] ?? resolve(code) };
};

export const PROFILE_RULES: readonly ProfileRule[] = Object.entries(CODES).map(([keyword, code]) =>
  buildRule(keyword, code),
);
const BY_TAG: ReadonlyMap<Tag, ProfileRule> = new Map(PROFILE_RULES.map((rule) => [rule.tag, rule]));

const isInRepeatingGroup = (tag: Tag, base: number): boolean => {
  const group = groupOf(tag);
  return group >= base && group <= base + 0xff && (group & 1) === 0;
};

/**
 * The rule for any tag: listed attributes, plus the table's pattern rows: private attributes (odd groups),
 * curve data (50xx,xxxx), overlay data and comments (60xx,3000 / 60xx,4000) are all removed.
 */
export const profileRuleFor = (tag: Tag): ProfileRule | undefined => {
  const listed = BY_TAG.get(tag);
  if (listed !== undefined) return listed;
  if (isPrivateTag(tag)) return { tag, keyword: 'PrivateAttribute', vr: 'UN', code: 'X', action: 'X' };
  if (isInRepeatingGroup(tag, 0x5000)) return { tag, keyword: 'CurveData', vr: 'UN', code: 'X', action: 'X' };
  if (isInRepeatingGroup(tag, 0x6000) && (elementOf(tag) === 0x3000 || elementOf(tag) === 0x4000)) {
    const entry = lookupTag(tag);
    return { tag, keyword: entry?.keyword ?? 'Overlay', vr: entry?.vr ?? 'UN', code: 'X', action: 'X' };
  }
  return undefined;
};

/** The action for a tag; attributes the table does not list are kept. */
export const actionFor = (tag: Tag): Action => profileRuleFor(tag)?.action ?? 'K';
