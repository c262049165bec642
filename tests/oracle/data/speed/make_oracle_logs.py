"""Regenerates the oracle logs of this directory (see README.md). Needs the libvmaf master build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
import speed_inputs

VMAF = "/work/oracle/vmaf/libvmaf/build/tools/vmaf"


def main(indir: str) -> None:
    src = Path(indir)
    cases = speed_inputs.load_cases()["cases"]
    (HERE / "logs").mkdir(exist_ok=True)
    for name, spec in cases.items():
        if len(sys.argv) > 2 and name not in sys.argv[2:]:
            continue
        if not speed_inputs.is_y4m(spec):
            files = [str(src / f"{name}_ref.yuv"), str(src / f"{name}_dis.yuv")]
            size = ["-w", str(spec["width"]), "-h", str(spec["height"]), "-p", spec["chroma"], "-b", str(spec["bpc"])]
        else:
            files = [str(src / f"{name}_ref.y4m"), str(src / f"{name}_dis.y4m")]
            size = []
        out = src / f"{name}.json"
        cmd = [VMAF, "-r", files[0], "-d", files[1], *size, "--threads", "1", "--json", "-o", str(out), "-n",
               "--frame_cnt", str(speed_inputs.N_FRAMES)]
        for opts in spec["features"]:
            cmd += ["--feature", speed_inputs.feature_arg(opts)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        log = json.loads(out.read_text())
        frames = [
            {"frameNum": fr["frameNum"], "metrics": {k: v for k, v in fr["metrics"].items() if k.startswith("speed")}}
            for fr in log["frames"]
        ]
        keep = {"version": log["version"], "command": " ".join(Path(c).name if "/" in c else c for c in cmd[1:]),
                "frames": frames}
        (HERE / "logs" / f"{name}.json").write_text(json.dumps(keep, indent=0) + "\n")
        print(name, len(frames), sorted(frames[0]["metrics"])[:3])


if __name__ == "__main__":
    main(sys.argv[1])
