"""Reads a LAS file with lasio and prints curves, NULL-excluded statistics and depth range as JSON.

usage: lasio_dump.py <file>
"""
import json
import math
import sys

import lasio

las = lasio.read(sys.argv[1])
curves = []
for curve in las.curves:
    values = [float(v) for v in curve.data if not math.isnan(float(v))]
    curves.append({
        "mnemonic": curve.mnemonic,
        "unit": curve.unit,
        "count": len(values),
        "min": min(values) if values else None,
        "max": max(values) if values else None,
    })
print(json.dumps({"well": las.well["WELL"].value, "curves": curves}))
