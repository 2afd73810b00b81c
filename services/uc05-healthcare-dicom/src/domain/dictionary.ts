import { DicomError } from './errors';
import { elementOf, groupOf, isGroupLength, isPrivateTag, type Tag } from './tag';
import { isVr, type Vr } from './vr';

/**
 * The part of the PS3.6 data dictionary this service needs: every attribute the confidentiality profile
 * acts on, the attributes we report, and the common image attributes. It gives implicit-VR files their VRs
 * and dummy values their VR; anything missing reads as UN, which is always safe to copy or remove.
 * Format: `GGGGEEEE VR Keyword`.
 */
const ENTRIES = `
00020000 UL FileMetaInformationGroupLength
00020001 OB FileMetaInformationVersion
00020002 UI MediaStorageSOPClassUID
00020003 UI MediaStorageSOPInstanceUID
00020010 UI TransferSyntaxUID
00020012 UI ImplementationClassUID
00020013 SH ImplementationVersionName
00020016 AE SourceApplicationEntityTitle
00020017 AE SendingApplicationEntityTitle
00020018 AE ReceivingApplicationEntityTitle
00020100 UI PrivateInformationCreatorUID
00020102 OB PrivateInformation
00080005 CS SpecificCharacterSet
00080008 CS ImageType
00080012 DA InstanceCreationDate
00080013 TM InstanceCreationTime
00080014 UI InstanceCreatorUID
00080016 UI SOPClassUID
00080017 UI AcquisitionUID
00080018 UI SOPInstanceUID
00080020 DA StudyDate
00080021 DA SeriesDate
00080022 DA AcquisitionDate
00080023 DA ContentDate
00080024 DA OverlayDate
00080025 DA CurveDate
0008002A DT AcquisitionDateTime
00080030 TM StudyTime
00080031 TM SeriesTime
00080032 TM AcquisitionTime
00080033 TM ContentTime
00080034 TM OverlayTime
00080035 TM CurveTime
00080050 SH AccessionNumber
00080054 AE RetrieveAETitle
00080055 AE StationAETitle
00080058 UI FailedSOPInstanceUIDList
00080060 CS Modality
00080064 CS ConversionType
00080070 LO Manufacturer
00080080 LO InstitutionName
00080081 ST InstitutionAddress
00080082 SQ InstitutionCodeSequence
00080090 PN ReferringPhysicianName
00080092 ST ReferringPhysicianAddress
00080094 SH ReferringPhysicianTelephoneNumbers
00080096 SQ ReferringPhysicianIdentificationSequence
0008009C PN ConsultingPhysicianName
0008009D SQ ConsultingPhysicianIdentificationSequence
00080100 SH CodeValue
00080102 SH CodingSchemeDesignator
00080104 LO CodeMeaning
00080201 SH TimezoneOffsetFromUTC
00081000 AE NetworkID
00081010 SH StationName
00081030 LO StudyDescription
0008103E LO SeriesDescription
00081040 LO InstitutionalDepartmentName
00081048 PN PhysiciansOfRecord
00081049 SQ PhysiciansOfRecordIdentificationSequence
00081050 PN PerformingPhysicianName
00081052 SQ PerformingPhysicianIdentificationSequence
00081060 PN NameOfPhysiciansReadingStudy
00081062 SQ PhysiciansReadingStudyIdentificationSequence
00081070 PN OperatorsName
00081072 SQ OperatorIdentificationSequence
00081080 LO AdmittingDiagnosesDescription
00081084 SQ AdmittingDiagnosesCodeSequence
00081090 LO ManufacturerModelName
00081110 SQ ReferencedStudySequence
00081111 SQ ReferencedPerformedProcedureStepSequence
00081115 SQ ReferencedSeriesSequence
00081120 SQ ReferencedPatientSequence
00081140 SQ ReferencedImageSequence
0008114A SQ ReferencedInstanceSequence
00081150 UI ReferencedSOPClassUID
00081155 UI ReferencedSOPInstanceUID
00081195 UI TransactionUID
00082111 ST DerivationDescription
00082112 SQ SourceImageSequence
00083010 UI IrradiationEventUID
00084000 LT IdentifyingComments
00100010 PN PatientName
00100020 LO PatientID
00100021 LO IssuerOfPatientID
00100030 DA PatientBirthDate
00100032 TM PatientBirthTime
00100040 CS PatientSex
00100050 SQ PatientInsurancePlanCodeSequence
00101000 LO OtherPatientIDs
00101001 PN OtherPatientNames
00101002 SQ OtherPatientIDsSequence
00101005 PN PatientBirthName
00101010 AS PatientAge
00101020 DS PatientSize
00101030 DS PatientWeight
00101040 LO PatientAddress
00101050 LO InsurancePlanIdentification
00101060 PN PatientMotherBirthName
00101080 LO MilitaryRank
00101081 LO BranchOfService
00101090 LO MedicalRecordLocator
00102000 LO MedicalAlerts
00102110 LO Allergies
00102150 LO CountryOfResidence
00102152 LO RegionOfResidence
00102154 SH PatientTelephoneNumbers
00102155 LT PatientTelecomInformation
00102160 SH EthnicGroup
00102180 SH Occupation
001021A0 CS SmokingStatus
001021B0 LT AdditionalPatientHistory
001021C0 US PregnancyStatus
001021D0 DA LastMenstrualDate
001021F0 LO PatientReligiousPreference
00102203 CS PatientSexNeutered
00102297 PN ResponsiblePerson
00102299 LO ResponsibleOrganization
00104000 LT PatientComments
00120062 CS PatientIdentityRemoved
00120063 LO DeidentificationMethod
00120064 SQ DeidentificationMethodCodeSequence
00180010 LO ContrastBolusAgent
00180015 CS BodyPartExamined
00180050 DS SliceThickness
00180060 DS KVP
00181000 LO DeviceSerialNumber
00181002 UI DeviceUID
00181004 LO PlateID
00181005 LO GeneratorID
00181007 LO CassetteID
00181008 LO GantryID
00181009 UT UniqueDeviceIdentifier
00181012 DA DateOfSecondaryCapture
00181014 TM TimeOfSecondaryCapture
00181020 LO SoftwareVersions
00181030 LO ProtocolName
00181200 DA DateOfLastCalibration
00181201 TM TimeOfLastCalibration
00181400 LO AcquisitionDeviceProcessingDescription
00184000 LT AcquisitionComments
00185100 CS PatientPosition
0018700A SH DetectorID
00189424 LT AcquisitionProtocolDescription
0020000D UI StudyInstanceUID
0020000E UI SeriesInstanceUID
00200010 SH StudyID
00200011 IS SeriesNumber
00200013 IS InstanceNumber
00200020 CS PatientOrientation
00200032 DS ImagePositionPatient
00200037 DS ImageOrientationPatient
00200052 UI FrameOfReferenceUID
00200060 CS Laterality
00200200 UI SynchronizationFrameOfReferenceUID
00203401 CS ModifyingDeviceID
00203406 ST ModifiedImageDescription
00204000 LT ImageComments
00209158 LT FrameComments
00209161 UI ConcatenationUID
00209164 UI DimensionOrganizationUID
00280002 US SamplesPerPixel
00280004 CS PhotometricInterpretation
00280008 IS NumberOfFrames
00280010 US Rows
00280011 US Columns
00280030 DS PixelSpacing
00280100 US BitsAllocated
00280101 US BitsStored
00280102 US HighBit
00280103 US PixelRepresentation
00280301 CS BurnedInAnnotation
00280303 CS LongitudinalTemporalInformationModified
00281050 DS WindowCenter
00281051 DS WindowWidth
00281052 DS RescaleIntercept
00281053 DS RescaleSlope
00281199 UI PaletteColorLookupTableUID
00281214 UI LargePaletteColorLookupTableUID
00282110 CS LossyImageCompression
00284000 LT ImagePresentationComments
00320012 LO StudyIDIssuer
00321020 LO ScheduledStudyLocation
00321021 AE ScheduledStudyLocationAETitle
00321030 LO ReasonForStudy
00321032 PN RequestingPhysician
00321033 LO RequestingService
00321060 LO RequestedProcedureDescription
00321070 LO RequestedContrastAgent
00324000 LT StudyComments
00380010 LO AdmissionID
00380011 LO IssuerOfAdmissionID
00380020 DA AdmittingDate
00380021 TM AdmittingTime
00380040 LO DischargeDiagnosisDescription
00380050 LO SpecialNeeds
00380060 LO ServiceEpisodeID
00380061 LO IssuerOfServiceEpisodeID
00380062 LO ServiceEpisodeDescription
00380300 LO CurrentPatientLocation
00380400 LO PatientInstitutionResidence
00380500 LO PatientState
00384000 LT VisitComments
00400001 AE ScheduledStationAETitle
00400002 DA ScheduledProcedureStepStartDate
00400003 TM ScheduledProcedureStepStartTime
00400004 DA ScheduledProcedureStepEndDate
00400005 TM ScheduledProcedureStepEndTime
00400006 PN ScheduledPerformingPhysicianName
00400007 LO ScheduledProcedureStepDescription
00400009 SH ScheduledProcedureStepID
00400010 SH ScheduledStationName
00400011 SH ScheduledProcedureStepLocation
00400012 LO PreMedication
00400241 AE PerformedStationAETitle
00400242 SH PerformedStationName
00400243 SH PerformedLocation
00400244 DA PerformedProcedureStepStartDate
00400245 TM PerformedProcedureStepStartTime
00400250 DA PerformedProcedureStepEndDate
00400251 TM PerformedProcedureStepEndTime
00400253 SH PerformedProcedureStepID
00400254 LO PerformedProcedureStepDescription
00400275 SQ RequestAttributesSequence
00400280 ST CommentsOnThePerformedProcedureStep
00400555 SQ AcquisitionContextSequence
00401001 SH RequestedProcedureID
00401002 LO ReasonForTheRequestedProcedure
00401004 LO PatientTransportArrangements
00401005 LO RequestedProcedureLocation
00401010 PN NamesOfIntendedRecipientsOfResults
00401101 SQ PersonIdentificationCodeSequence
00401102 ST PersonAddress
00401103 LO PersonTelephoneNumbers
00401400 LT RequestedProcedureComments
00402001 LO ReasonForTheImagingServiceRequest
00402008 PN OrderEnteredBy
00402009 SH OrderEntererLocation
00402010 SH OrderCallbackPhoneNumber
00402016 LO PlacerOrderNumberImagingServiceRequest
00402017 LO FillerOrderNumberImagingServiceRequest
00402400 LT ImagingServiceRequestComments
00403001 LO ConfidentialityConstraintOnPatientDataDescription
0040A027 LO VerifyingOrganization
0040A030 DT VerificationDateTime
0040A073 SQ VerifyingObserverSequence
0040A075 PN VerifyingObserverName
0040A078 SQ AuthorObserverSequence
0040A07A SQ ParticipantSequence
0040A07C SQ CustodialOrganizationSequence
0040A088 SQ VerifyingObserverIdentificationCodeSequence
0040A123 PN PersonName
0040A124 UI UID
0040A730 SQ ContentSequence
00700001 SQ GraphicAnnotationSequence
00700084 PN ContentCreatorName
00880140 UI StorageMediaFileSetUID
00880200 SQ IconImageSequence
30060024 UI ReferencedFrameOfReferenceUID
300600C2 UI RelatedFrameOfReferenceUID
300A0013 UI DoseReferenceUID
40000010 LT Arbitrary
40004000 LT TextComments
7FE00010 OW PixelData
FFFAFFFA SQ DigitalSignaturesSequence
FFFCFFFC OB DataSetTrailingPadding
`;

export interface DictionaryEntry {
  readonly tag: Tag;
  readonly vr: Vr;
  readonly keyword: string;
}

const parseEntries = (text: string): DictionaryEntry[] =>
  text
    .trim()
    .split('\n')
    .map((line) => {
      const [hex = '', vr = '', keyword = ''] = line.split(' ');
      if (!isVr(vr)) throw new DicomError(`dictionary line has an unknown VR: ${line}`);
      return { tag: Number.parseInt(hex, 16) >>> 0, vr, keyword };
    });

export const DICTIONARY: readonly DictionaryEntry[] = parseEntries(ENTRIES);
const BY_TAG: ReadonlyMap<Tag, DictionaryEntry> = new Map(DICTIONARY.map((entry) => [entry.tag, entry]));
const BY_KEYWORD: ReadonlyMap<string, DictionaryEntry> = new Map(DICTIONARY.map((entry) => [entry.keyword, entry]));

/** Repeating groups 50xx (curves) and 60xx (overlays) are looked up by their element alone. */
const isRepeatingGroup = (group: number, base: number): boolean =>
  group >= base && group <= base + 0xff && (group & 1) === 0;

export const lookupTag = (tag: Tag): DictionaryEntry | undefined => {
  const found = BY_TAG.get(tag);
  if (found !== undefined) return found;
  const group = groupOf(tag);
  if (isRepeatingGroup(group, 0x6000)) {
    if (elementOf(tag) === 0x3000) return { tag, vr: 'OW', keyword: 'OverlayData' };
    if (elementOf(tag) === 0x4000) return { tag, vr: 'LT', keyword: 'OverlayComments' };
  }
  if (isGroupLength(tag)) return { tag, vr: 'UL', keyword: 'GroupLength' };
  if (isPrivateTag(tag) && elementOf(tag) >= 0x0010 && elementOf(tag) <= 0x00ff) {
    return { tag, vr: 'LO', keyword: 'PrivateCreator' };
  }
  return undefined;
};

export const keywordOf = (tag: Tag): string => lookupTag(tag)?.keyword ?? 'Unknown';

/** The VR an implicit-VR reader assumes for a tag; unknown tags are UN (bytes kept as they are). */
export const implicitVrOf = (tag: Tag): Vr => lookupTag(tag)?.vr ?? 'UN';

export const tagByKeyword = (keyword: string): Tag => {
  const entry = BY_KEYWORD.get(keyword);
  if (entry === undefined) throw new DicomError(`keyword not in the dictionary: ${keyword}`);
  return entry.tag;
};
