"""Frames carry their chroma planes (what SpEED reads) as the decoder and raw files lay them out."""

from __future__ import annotations

import av
import numpy as np
import pytest

from vmaf_tune.frames import Picture, as_picture, luma_of, open_source, scale_to


def _frame(fmt: str, w: int = 66, h: int = 38, seed: int = 0) -> tuple[av.VideoFrame, list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    base = av.VideoFrame(w, h, fmt)
    planes = []
    for p in base.planes:
        dtype = np.uint8 if "p1" not in fmt and not fmt.endswith("le") else np.uint16
        top = 255 if dtype == np.uint8 else (1 << int(fmt.split("p")[-1][:2])) - 1
        arr = rng.integers(0, top + 1, (p.height, p.line_size // np.dtype(dtype).itemsize), dtype=dtype)
        p.update(arr.tobytes())
        planes.append(arr[:, : p.width])
    return base, planes


@pytest.mark.parametrize("fmt", ["yuv420p", "yuv422p", "yuv444p", "yuv420p10le", "yuv444p12le"])
def test_planar_frames_give_luma_and_chroma_views(fmt):
    frame, planes = _frame(fmt)
    pic = luma_of(frame)
    assert len(pic.planes) == 3
    for got, want in zip(pic.planes, planes):
        assert np.array_equal(got, want)


def test_nv12_chroma_is_split_into_u_and_v():
    frame, _ = _frame("yuv420p", seed=3)
    nv = frame.reformat(format="nv12")
    pic = luma_of(nv)
    ref = luma_of(frame)
    assert np.array_equal(pic.luma, ref.luma)
    assert np.array_equal(pic.chroma[0], ref.chroma[0]) and np.array_equal(pic.chroma[1], ref.chroma[1])


def test_gray_frames_have_no_chroma():
    frame = av.VideoFrame(32, 24, "gray")
    assert luma_of(frame).chroma is None


def test_raw_yuv_reads_chroma_planes(tmp_path):
    w, h = 35, 21  # odd: chroma planes round up
    rng = np.random.default_rng(1)
    y = rng.integers(0, 1024, (h, w), dtype=np.uint16)
    u = rng.integers(0, 1024, (11, 18), dtype=np.uint16)
    v = rng.integers(0, 1024, (11, 18), dtype=np.uint16)
    path = tmp_path / "a.yuv"
    path.write_bytes((y.tobytes() + u.tobytes() + v.tobytes()) * 2)
    pics = list(open_source(str(path), width=w, height=h, pix_fmt="yuv420p10le"))
    assert len(pics) == 2
    for pic in pics:
        assert np.array_equal(pic.luma, y) and np.array_equal(pic.chroma[0], u) and np.array_equal(pic.chroma[1], v)


def test_tuples_of_planes_and_rescaling_keep_chroma():
    y = np.zeros((40, 64), np.uint8)
    u = np.full((20, 32), 100, np.uint8)
    v = np.full((20, 32), 200, np.uint8)
    pic = as_picture((y, u, v))
    assert pic.chroma is not None and pic.planes[2][0, 0] == 200
    small = Picture(y[:20, :32].copy(), 8, (u[:10, :16].copy(), v[:10, :16].copy()))
    scaled = scale_to(small, pic)
    assert scaled.luma.shape == (40, 64) and scaled.chroma[0].shape == (20, 32)
    assert np.all(scaled.chroma[1] == 200)


@pytest.mark.parametrize("fmt", ["yuv420p", "yuv422p", "yuv444p", "gray", "yuv420p10le", "yuv444p12le", "gray16le"])
def test_y4m_read_in_place_equals_the_decoder(fmt, tmp_path):
    """score reads uniform .y4m files in place (no decoder): the same planes, depth and range as
    PyAV decodes, odd sizes included; anything unusual goes to PyAV."""
    src = av.VideoFrame.from_ndarray(np.random.default_rng(2).integers(0, 256, (33, 37, 3), dtype=np.uint8),
                                     format="rgb24")
    path = tmp_path / f"{fmt}.y4m"
    with av.open(str(path), "w", format="yuv4mpegpipe", options={"strict": "-1"}) as out:
        stream = out.add_stream("wrapped_avframe", rate=25)
        stream.width, stream.height, stream.pix_fmt = 37, 33, fmt
        for k in range(3):
            frame = src.reformat(format=fmt)
            frame.pts = k
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    decoded = list(open_source(str(path)))
    direct = open_source(str(path), planes_only=True)
    assert type(direct).__name__ == "_RawSource" and direct.info.fps == 25
    read = list(direct)
    assert len(read) == len(decoded) == 3
    for a, b in zip(decoded, read):
        assert a.bitdepth == b.bitdepth and a.full_range == b.full_range
        assert all(np.array_equal(p, q) for p, q in zip(a.planes, b.planes))


def test_y4m_with_frame_parameters_goes_to_the_decoder(tmp_path):
    path = tmp_path / "params.y4m"
    plane = bytes(range(64)) * 4
    path.write_bytes(b"YUV4MPEG2 W16 H16 F25:1 C444\n" + b"FRAME Ixx\n" + plane * 3)
    assert type(open_source(str(path), planes_only=True)).__name__ != "_RawSource"
