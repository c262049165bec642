"""Build-time generator: emits the cffi extension source from csrc/vt.h (the one declaration source)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import cffi


def cdef_from_header(header: str) -> str:
    """Returns the declarations between the VT_CDEF markers, with preprocessor lines dropped
    except the integer #defines cffi understands."""
    body = header.split("/* VT_CDEF_BEGIN */", 1)[1].split("/* VT_CDEF_END */", 1)[0]
    lines = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") and not re.match(r"#define\s+\w+\s+-?\d+", stripped):
            continue
        lines.append(re.sub(r"/\*.*?\*/", "", line))
    return re.sub(r"/\*.*?\*/", "", "\n".join(lines), flags=re.S)


def make_ffi(header_path: Path) -> cffi.FFI:
    ffi = cffi.FFI()
    ffi.cdef(cdef_from_header(header_path.read_text()))
    ffi.set_source("vmaf_tune._native._vt_cffi", '#include "vt.h"')
    return ffi


if __name__ == "__main__":
    make_ffi(Path(sys.argv[1])).emit_c_code(sys.argv[2])
