"""Independent GDSII reader for the cross-check: gdspy (Debian python3-gdspy) summarises a library as JSON."""
import json
import sys

import warnings

import gdspy

# gdspy skips BOX and NODE records with a warning; the test compares only what it reads.
warnings.simplefilter("ignore")

lib = gdspy.GdsLibrary()
lib.read_gds(sys.argv[1], units="skip")
cells = {}
for name, cell in lib.cell_dict.items():
    box = cell.get_bounding_box()
    cells[name] = {
        "bbox": None if box is None else [float(box[0][0]), float(box[0][1]), float(box[1][0]), float(box[1][1])],
        "polygons": len(cell.polygons),
        "paths": len(cell.paths),
        "labels": len(cell.labels),
        "srefs": sum(1 for r in cell.references if isinstance(r, gdspy.CellReference) and not isinstance(r, gdspy.CellArray)),
        "arefs": sum(1 for r in cell.references if isinstance(r, gdspy.CellArray)),
    }
print(json.dumps({"name": lib.name, "unit": lib.unit, "precision": lib.precision, "cells": cells,
                  "top": sorted(c.name for c in lib.top_level())}))
