"""Independent reader for the UC5 tests: prints what pydicom sees in each DICOM file given as argument.

Output: one JSON object {path: {...}} with the attributes our parser reports, a SHA-256 of the Pixel Data
value bytes, every UID value found at any nesting level, and the number of private elements.
"""
import hashlib
import json
import sys

import pydicom

KEYWORDS = [
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "SeriesInstanceUID",
    "SOPInstanceUID", "SOPClassUID", "StudyDate", "StudyTime", "StudyDescription", "SeriesDescription",
    "Modality", "BodyPartExamined", "InstitutionName", "ReferringPhysicianName", "AccessionNumber",
    "BurnedInAnnotation", "PatientIdentityRemoved",
]


def describe(path):
    ds = pydicom.dcmread(path, force=True)
    attributes = {}
    for keyword in KEYWORDS:
        value = ds.get(keyword)
        attributes[keyword] = None if value is None else str(value)
    uids = []
    private = 0

    def collect(dataset):
        nonlocal private
        for element in dataset:
            if element.tag.is_private:
                private += 1
            if element.VR == "SQ":
                for item in element.value:
                    collect(item)
            elif element.VR == "UI" and element.value:
                values = element.value if isinstance(element.value, pydicom.multival.MultiValue) else [element.value]
                uids.extend(str(v) for v in values)

    collect(ds)
    meta = getattr(ds, "file_meta", None)
    return {
        "transferSyntax": str(meta.TransferSyntaxUID) if meta is not None and "TransferSyntaxUID" in meta else None,
        "mediaStorageSopInstanceUid": str(meta.MediaStorageSOPInstanceUID) if meta is not None and "MediaStorageSOPInstanceUID" in meta else None,
        "attributes": attributes,
        "rows": int(ds.Rows) if "Rows" in ds else None,
        "columns": int(ds.Columns) if "Columns" in ds else None,
        "pixelSha256": hashlib.sha256(ds.PixelData).hexdigest() if "PixelData" in ds else None,
        "uids": sorted(uids),
        "privateCount": private,
    }


result = {}
for path in sys.argv[1:]:
    try:
        result[path] = describe(path)
    except Exception as error:  # reported, not raised: the test asserts there are none
        result[path] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps(result))
