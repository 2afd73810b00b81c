"""Reads SEG-Y files with segyio (Debian python3-segyio) and prints what the TypeScript inspector reports, as JSON.

usage: segyio_dump.py <file>   (one file per process: segyio aborts the interpreter on some bad inputs)
"""
import json
import struct
import sys

import segyio
from segyio import BinField, TraceField


def endian_of(path):
    """segyio needs the byte order up front; judged here from the format code alone (bytes 3225-3226)."""
    with open(path, "rb") as f:
        f.seek(3224)
        raw = f.read(2)
    if len(raw) == 2 and 1 <= struct.unpack(">h", raw)[0] <= 16:
        return "big"
    return "little"


def dump(path):
    last_error = None
    for endian in (endian_of(path),):
        try:
            with segyio.open(path, "r", ignore_geometry=True, endian=endian) as f:
                indices = sorted({0, f.tracecount // 2, f.tracecount - 1})
                traces = []
                for i in indices:
                    h = f.header[i]
                    traces.append({
                        "index": i,
                        "inline": h[TraceField.INLINE_3D],
                        "crossline": h[TraceField.CROSSLINE_3D],
                        "cdpX": h[TraceField.CDP_X],
                        "cdpY": h[TraceField.CDP_Y],
                        "scalar": h[TraceField.SourceGroupScalar],
                        "samples": h[TraceField.TRACE_SAMPLE_COUNT],
                        "data": [float(v) for v in f.trace[i][:50]],
                    })
                return {
                    "endian": endian,
                    "traceCount": f.tracecount,
                    "samples": len(f.samples),
                    "format": f.bin[BinField.Format],
                    "interval": f.bin[BinField.Interval],
                    "revision": f.bin[BinField.SEGYRevision],
                    "extHeaders": f.ext_headers,
                    "text": bytes(f.text[0]).decode("latin1")[:80],
                    "traces": traces,
                }
        except Exception as error:  # noqa: BLE001 - report segyio's refusal as data
            last_error = str(error)
    return {"error": last_error}


print(json.dumps(dump(sys.argv[1])))
