"""Synthetic reference/distorted pairs for the psnr / ciede oracle logs in ``data/psnr``.

numpy only (integer arithmetic, a hash for noise), so CI rebuilds the exact bytes without any clip.
The cases aim at what the v1 cases (``v1_cases.py``) do not reach: 16-bit samples, 4:2:2 with an
odd width, odd 4:2:0 sizes where libvmaf's ciede reads outside the chroma planes (a chroma width
that is a multiple of 32, so the row padding is empty), identical frames (PSNR caps, infinite
ciede) and full-range noise (largest squared errors).

Planes are numpy arrays (uint8, or uint16 holding native values above 8 bits), chroma at the
usual rounded-up sizes; ``libvmaf_planes`` drops the odd column/row libvmaf never reads.
``python tests/oracle/psnr_cases.py OUTDIR`` writes the inputs of libvmaf's ``vmaf`` tool
(``CASE_ref.y4m`` / ``.yuv`` with the chroma cropped as libvmaf reads it) and of ffmpeg
(``CASE_ref.ff.y4m`` / ``.ff.yuv``, standard layout) and prints their sha256s.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from v1_cases import SynGeometry, fmix64  # noqa: E402  (numpy-only helpers)

DATA = Path(__file__).resolve().parent / "data" / "psnr"


def hashed(shape: tuple[int, int], seed: int) -> np.ndarray:
    n = np.arange(shape[0] * shape[1], dtype=np.uint64) + np.uint64((seed * 0x9E3779B97F4A7C15) % (1 << 64))
    return fmix64(n).reshape(shape)


@dataclasses.dataclass(frozen=True)
class SynCase(SynGeometry):
    name: str
    w: int
    h: int
    chroma: str  # 420 / 422 / 444
    bpc: int
    note: str = ""
    frames: int = 4  # frame 0 identical, 1 small noise, 2 large noise, 3 independent full-range noise

    def _ref_plane(self, k: int, f: int, w: int, h: int) -> np.ndarray:
        """A smooth ramp (different direction per plane and frame) plus a little hashed noise."""
        yy, xx = np.mgrid[0:h, 0:w].astype(np.int64)
        a, b = (3 + k + f, 2 + 2 * k) if k != 1 else (1, 5 + f)
        ramp = ((xx * a + yy * b) * self.maxval) // (w * a + h * b)
        jitter = (hashed((h, w), 100 * f + k) % np.uint64(1 << max(self.bpc - 4, 1))).astype(np.int64)
        return np.clip(ramp + jitter - (1 << max(self.bpc - 5, 0)), 0, self.maxval)

    def generate(self) -> tuple[list[list[np.ndarray]], list[list[np.ndarray]]]:
        dt = np.uint8 if self.bpc == 8 else np.uint16
        ref, dis = [], []
        for f in range(self.frames):
            rf, df = [], []
            for k, (w, h) in enumerate(self.plane_sizes()):
                r = self._ref_plane(k, f, w, h)
                noise = hashed((h, w), 1000 * f + 10 * k + 7)
                if f == 0:
                    d = r.copy()
                elif f in (1, 2):
                    amp = 2 if f == 1 else max(self.maxval // 8, 1)
                    d = np.clip(r + (noise % np.uint64(2 * amp + 1)).astype(np.int64) - amp, 0, self.maxval)
                else:
                    d = (noise & np.uint64(self.maxval)).astype(np.int64)
                rf.append(r.astype(dt))
                df.append(d.astype(dt))
            ref.append(rf)
            dis.append(df)
        return ref, dis

    def libvmaf_planes(self, frame: list[np.ndarray]) -> list[np.ndarray]:
        return [p[:h, :w] for p, (w, h) in zip(frame, self.libvmaf_plane_sizes())]

    # --- files
    @staticmethod
    def raw_bytes(frames: list[list[np.ndarray]]) -> bytes:
        return b"".join(p.astype(p.dtype.newbyteorder("<")).tobytes() for f in frames for p in f)

    @classmethod
    def sha256(cls, frames: list[list[np.ndarray]]) -> str:
        return hashlib.sha256(cls.raw_bytes(frames)).hexdigest()

    def vmaf_input_kind(self) -> str:
        # libvmaf's y4m reader has no 16-bit formats and refuses 8-bit C422
        return "yuv" if self.bpc == 16 or (self.chroma == "422" and self.bpc == 8) else "y4m"

    def vmaf_size_args(self) -> list[str]:
        if self.vmaf_input_kind() == "y4m":
            return []
        return ["-w", str(self.w), "-h", str(self.h), "-p", self.chroma, "-b", str(self.bpc)]

    def y4m_header(self) -> bytes:
        tag = {"420": "420jpeg" if self.bpc == 8 else "420", "422": "422", "444": "444"}[self.chroma]
        if self.bpc > 8:
            tag += f"p{self.bpc}"
        return f"YUV4MPEG2 W{self.w} H{self.h} F25:1 Ip A1:1 C{tag}\n".encode()

    def write_vmaf_input(self, frames: list[list[np.ndarray]], path: Path) -> None:
        """What libvmaf's ``vmaf`` tool reads: chroma cropped to libvmaf's plane sizes."""
        with open(path, "wb") as f:
            if self.vmaf_input_kind() == "y4m":
                f.write(self.y4m_header())
            for fr in frames:
                if self.vmaf_input_kind() == "y4m":
                    f.write(b"FRAME\n")
                f.write(self.raw_bytes([self.libvmaf_planes(fr)]))

    def ffmpeg_kind(self) -> str:
        return "yuv" if self.bpc == 16 else "y4m"

    def ffmpeg_input_args(self) -> list[str]:
        if self.ffmpeg_kind() == "y4m":
            return []
        return ["-f", "rawvideo", "-pix_fmt", f"yuv{self.chroma}p16le", "-s", f"{self.w}x{self.h}", "-r", "25"]

    def write_ffmpeg_input(self, frames: list[list[np.ndarray]], path: Path) -> None:
        """Standard layout (chroma rounded up), as ffmpeg reads it."""
        with open(path, "wb") as f:
            if self.ffmpeg_kind() == "y4m":
                f.write(self.y4m_header())
            for fr in frames:
                if self.ffmpeg_kind() == "y4m":
                    f.write(b"FRAME\n")
                f.write(self.raw_bytes([fr]))


CASES: dict[str, SynCase] = {
    c.name: c
    for c in [
        SynCase("syn_129x68_420_8", 129, 68, "420", 8,
                note="odd width, chroma width 64 = its stride: ciede's last column reads the next chroma row"),
        SynCase("syn_131x66_422_8", 131, 66, "422", 8, note="4:2:2, odd width (chroma 65, stride 96)"),
        SynCase("syn_130x66_422_12", 130, 66, "422", 12, note="4:2:2 12-bit"),
        SynCase("syn_96x64_444_16", 96, 64, "444", 16, note="16-bit: peak 65535, largest squared errors"),
        SynCase("syn_98x66_420_16", 98, 66, "420", 16, note="16-bit 4:2:0"),
        SynCase("syn_66x48_444_10", 66, 48, "444", 10, note="10-bit 4:4:4"),
    ]
}


def main(argv: list[str]) -> int:
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    info = {}
    for name in argv[2:] or list(CASES):
        case = CASES[name]
        ref, dis = case.generate()
        k = case.vmaf_input_kind()
        case.write_vmaf_input(ref, out / f"{name}_ref.{k}")
        case.write_vmaf_input(dis, out / f"{name}_dis.{k}")
        fk = case.ffmpeg_kind()
        case.write_ffmpeg_input(ref, out / f"{name}_ref.ff.{fk}")
        case.write_ffmpeg_input(dis, out / f"{name}_dis.ff.{fk}")
        info[name] = {"ref_sha256": case.sha256(ref), "dis_sha256": case.sha256(dis), "ext": k,
                      "size_args": case.vmaf_size_args(), "ff_ext": fk, "ff_args": case.ffmpeg_input_args()}
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
