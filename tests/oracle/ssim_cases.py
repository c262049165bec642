"""Synthetic reference/distorted pairs for the float_ssim / float_ms_ssim / psnr_hvs oracle logs in
``data/ssim`` (numpy only: no decoder, no clip, no floating point).

The real-clip cases of ``v1_cases.py`` cover the common formats; these add what they cannot:
16 bits, frames where the pictures are identical (infinite dB values, ``clip_db``), sizes where
float_ssim's automatic decimation is 2 and 4, odd sizes with decimation, and the smallest sizes
each extractor accepts. Every plane is an integer function of (x, y, frame, seed): a few
gradients and a checkerboard, MurmurHash3-finalised noise, a [1 2 1] blur. Each case records the
sha256 of its reference and distorted raw bytes in ``data/ssim/index.json``;
``tests/oracle/test_ssim_hvs.py`` rebuilds them and fails loudly if they drift.

Run ``python tests/oracle/ssim_cases.py OUTDIR [CASE...]`` to write the oracle inputs (.y4m, with
libvmaf's rounded-down chroma for odd sizes) and print their sha256s.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from v1_cases import SynGeometry, blur121, fmix64, requantize  # noqa: E402  (numpy-only helpers)

DATA = Path(__file__).resolve().parent / "data" / "ssim"


def _noise(shape: tuple[int, int], seed: int, bits: int) -> np.ndarray:
    n = np.arange(shape[0] * shape[1], dtype=np.uint64) + np.uint64((seed * 0x9E3779B97F4A7C15) % (1 << 64))
    return (fmix64(n) & np.uint64((1 << bits) - 1)).astype(np.int64).reshape(shape)


def _picture(w: int, h: int, maxval: int, frame: int, seed: int, plane: int) -> np.ndarray:
    """A textured plane with values 0..maxval (int64)."""
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    scale = (maxval + 1) // 256  # work in 8-bit units, then widen
    base = (x * 3 + y * 2 + 17 * frame + 40 * plane) % 200 + 20
    checker = ((x // (9 + plane) + y // 7 + frame) % 2) * 30
    wave = ((x * x + 3 * y * y) // (37 + 5 * frame)) % 23
    p8 = np.clip(base + checker + wave + _noise((h, w), seed, 4) - 8, 0, 255)
    p8 = blur121(p8)
    p = p8 * scale + _noise((h, w), seed + 7, max(1, scale.bit_length() - 1)) % scale if scale > 1 else p8
    return np.clip(p, 0, maxval)


@dataclasses.dataclass(frozen=True)
class SynthCase(SynGeometry):
    name: str
    w: int
    h: int
    frames: int
    chroma: str = "420"
    bpc: int = 8
    identical: tuple[int, ...] = ()  # frames where dis == ref
    luma_only: tuple[int, ...] = ()  # frames where only the luma differs
    note: str = ""

    def generate(self) -> tuple[list[list[np.ndarray]], list[list[np.ndarray]]]:
        dtype = np.uint8 if self.bpc == 8 else np.uint16
        step = 6 << (self.bpc - 8)
        seed0 = int.from_bytes(hashlib.sha256(self.name.encode()).digest()[:4], "little")
        ref, dis = [], []
        for f in range(self.frames):
            r = [_picture(pw, ph, self.maxval, f, seed0 + 10 * f + k, k) for k, (pw, ph) in enumerate(self.plane_sizes())]
            if f in self.identical:
                d = [p.copy() for p in r]
            else:
                d = [requantize(blur121(r[0]), step, self.maxval)]
                if f in self.luma_only:
                    d += [p.copy() for p in r[1:]]
                else:
                    d += [requantize(blur121(p), step + (4 << (self.bpc - 8)), self.maxval) for p in r[1:]]
            ref.append([p.astype(dtype) for p in r])
            dis.append([p.astype(dtype) for p in d])
        return ref, dis

    @staticmethod
    def raw_bytes(frames: list[list[np.ndarray]]) -> bytes:
        parts = []
        for f in frames:
            for p in f:
                parts.append(p.astype(p.dtype.newbyteorder("<")).tobytes() if p.dtype.itemsize > 1 else p.tobytes())
        return b"".join(parts)

    @classmethod
    def sha256(cls, frames: list[list[np.ndarray]]) -> str:
        return hashlib.sha256(cls.raw_bytes(frames)).hexdigest()

    def oracle_input_kind(self) -> str:
        # libvmaf's y4m reader has no 16-bit formats: raw .yuv (-w -h -p -b) there
        return "yuv" if self.bpc == 16 else "y4m"

    def oracle_size_args(self) -> list[str]:
        if self.oracle_input_kind() == "y4m":
            return []
        return ["-w", str(self.w), "-h", str(self.h), "-p", self.chroma, "-b", str(self.bpc)]

    def write_oracle_input(self, frames: list[list[np.ndarray]], path: Path) -> None:
        """libvmaf's input: .y4m or raw .yuv (see oracle_input_kind), chroma cut to w >> 1 / h >> 1."""
        y4m = self.oracle_input_kind() == "y4m"
        tag = {"420": "420jpeg" if self.bpc == 8 else "420", "422": "422", "444": "444"}[self.chroma]
        if self.bpc > 8:
            tag += f"p{self.bpc}"
        with open(path, "wb") as f:
            if y4m:
                f.write(f"YUV4MPEG2 W{self.w} H{self.h} F25:1 Ip A1:1 C{tag}\n".encode())
            for fr in frames:
                if y4m:
                    f.write(b"FRAME\n")
                f.write(self.raw_bytes([[p[:h, :w] for p, (w, h) in zip(fr, self.libvmaf_plane_sizes())]]))


CASES: dict[str, SynthCase] = {
    c.name: c
    for c in [
        SynthCase("syn_420_16", 320, 240, 3, bpc=16, note="16 bits (psnr_hvs refuses > 12 bits)"),
        SynthCase("syn_444_10_identical", 256, 192, 3, chroma="444", bpc=10, identical=(0,), luma_only=(1,),
                  note="frame 0 identical (ssim 1: inf / clip_db), frame 1 chroma identical"),
        SynthCase("syn_420_8_auto2", 768, 432, 2, note="float_ssim auto scale 2"),
        SynthCase("syn_420_8_odd_auto2", 771, 433, 2, note="odd size, auto scale 2 (decimated 386x217)"),
        SynthCase("syn_420_8_1080p", 1920, 1080, 2, note="float_ssim auto scale 4"),
        SynthCase("syn_422_12_min", 176, 176, 2, chroma="422", bpc=12,
                  note="smallest size float_ms_ssim accepts"),
        SynthCase("syn_420_8_tiny", 23, 17, 2, note="tiny: float_ssim (13x7 map), psnr_hvs (one chroma block row)"),
    ]
}


# ----------------------------------------------------------------------------------------------
# oracle runs: (log name) -> (source, case, --feature arguments)

_LCS = ["float_ssim=enable_lcs=true", "float_ms_ssim=enable_lcs=true", "psnr_hvs"]
_DB_CLIP = ["float_ssim=enable_db=true:clip_db=true", "float_ms_ssim=enable_db=true:clip_db=true"]
_DB = ["float_ssim=enable_db=true", "float_ms_ssim=enable_db=true"]


def _runs() -> dict[str, tuple[str, str, list[str]]]:
    runs: dict[str, tuple[str, str, list[str]]] = {}
    v1 = ["bikes_420_8_blur", "bbb720_420_8_blur", "bikes_420_10_blur", "bikes_420_12_blur", "bikes_422_8_blur",
          "bikes_422_10_blur", "bikes_444_8_blur", "bikes_444_12_blur", "bikes_637x271_420_8_blur",
          "carphone_2x_420_8_clip", "bikes_420_8_sharpen", "bikes_420_8_contrast"]
    for name in v1:
        runs[f"{name}_lcs"] = ("v1", name, _LCS)
    # 176x144: float_ms_ssim refuses it (below 176), so without it
    runs["carphone_420_8_clip_lcs"] = ("v1", "carphone_420_8_clip", ["float_ssim=enable_lcs=true", "psnr_hvs"])
    for k in (2, 4, 5, 7, 10):
        runs[f"bbb720_420_8_blur_scale{k}"] = ("v1", "bbb720_420_8_blur", [f"float_ssim=scale={k}:enable_lcs=true"])
    for k in (2, 3):
        runs[f"bikes_637x271_420_8_blur_scale{k}"] = ("v1", "bikes_637x271_420_8_blur",
                                                       [f"float_ssim=scale={k}:enable_db=true:clip_db=true"])
    runs["bikes_420_12_blur_db"] = ("v1", "bikes_420_12_blur", _DB_CLIP)
    for name in CASES:
        if name == "syn_420_16":
            runs[f"{name}_lcs"] = ("synth", name, _LCS[:2])
            runs[f"{name}_db"] = ("synth", name, _DB_CLIP)
        elif name == "syn_420_8_tiny":
            runs[f"{name}_lcs"] = ("synth", name, [_LCS[0], _LCS[2]])
        else:
            runs[f"{name}_lcs"] = ("synth", name, _LCS)
    runs["syn_444_10_identical_db"] = ("synth", "syn_444_10_identical", _DB)
    runs["syn_444_10_identical_db_clip"] = ("synth", "syn_444_10_identical", _DB_CLIP)
    runs["syn_420_8_1080p_db_scale1"] = ("synth", "syn_420_8_1080p",
                                          ["float_ssim=scale=1:enable_db=true:clip_db=true"])
    return runs


RUNS = _runs()


def parse_feature(arg: str) -> tuple[str, dict[str, str]]:
    """'float_ssim=scale=2:enable_db=true' -> ('float_ssim', {'scale': '2', 'enable_db': 'true'})."""
    name, _, rest = arg.partition("=")
    opts = dict(kv.split("=", 1) for kv in rest.split(":")) if rest else {}
    return name, opts


def main(argv: list[str]) -> int:
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    info = {}
    for name in argv[2:] or list(CASES):
        case = CASES[name]
        ref, dis = case.generate()
        ext = case.oracle_input_kind()
        case.write_oracle_input(ref, out / f"{name}_ref.{ext}")
        case.write_oracle_input(dis, out / f"{name}_dis.{ext}")
        info[name] = {"ref_sha256": case.sha256(ref), "dis_sha256": case.sha256(dis),
                      "size_args": case.oracle_size_args(), "ext": ext}
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
