"""Independent image check for the UC2 tests: Pillow opens and fully decodes each file given.

Prints one JSON object per file: {"ok": true, "format", "width", "height", "frames"} or
{"ok": false, "error"}.
"""
import json
import sys

from PIL import Image

for path in sys.argv[1:]:
    try:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            im.load()
            print(json.dumps({"ok": True, "format": im.format, "width": im.size[0], "height": im.size[1], "frames": frames}))
    except Exception as error:  # any failure to decode is the verdict we compare against
        print(json.dumps({"ok": False, "error": type(error).__name__}))
