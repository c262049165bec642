"""Frames carry their chroma planes (what SpEED reads) as the decoder and raw files lay them out."""

from __future__ import annotations

import av
import numpy as np
import pytest

from vmaf_tune.errors import InputError
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
        assert all(p.ctypes.data % p.itemsize == 0 for p in b.planes)  # the engine reads samples aligned


def test_y4m_with_frame_parameters_goes_to_the_decoder(tmp_path):
    path = tmp_path / "params.y4m"
    plane = bytes(range(64)) * 4
    path.write_bytes(b"YUV4MPEG2 W16 H16 F25:1 C444\n" + b"FRAME Ixx\n" + plane * 3)
    assert type(open_source(str(path), planes_only=True)).__name__ != "_RawSource"


def test_raw_frames_outlive_the_reader_and_a_cut_file_is_an_error(tmp_path):
    """Raw frames are read one at a time: a picture stays valid after the reader has moved on,
    and a file cut short after opening is an InputError, not a crash."""
    w, h = 64, 48
    frames = [np.full((h * 3 // 2, w), k, np.uint8) for k in range(4)]
    path = tmp_path / "a.yuv"
    path.write_bytes(b"".join(f.tobytes() for f in frames))
    pics = list(open_source(str(path), width=w, height=h))
    assert [int(p.luma[0, 0]) for p in pics] == [0, 1, 2, 3]
    assert all(np.all(p.chroma[1] == k) for k, p in enumerate(pics))
    source = iter(open_source(str(path), width=w, height=h))
    first = next(source)
    with open(path, "r+b") as fh:
        fh.truncate(2 * len(frames[0].tobytes()) + 10)
    assert int(next(source).luma[-1, -1]) == 1
    with pytest.raises(InputError, match="cut short"):
        next(source)
    assert int(first.chroma[1][-1, -1]) == 0


@pytest.mark.parametrize("pad", [b"", b" "])
def test_y4m_16_bit_samples_are_aligned_whatever_the_header_length(pad, tmp_path):
    """A 16-bit y4m frame starts at an odd file offset when its stream header has an odd length:
    the planes handed to the engine are still aligned to their samples, with the file's values."""
    w, h = 16, 8
    rng = np.random.default_rng(3)
    planes = [rng.integers(0, 1024, shape, dtype=np.uint16) for shape in ((h, w), (h // 2, w // 2), (h // 2, w // 2))]
    header = b"YUV4MPEG2 W16 H8 F25:1 C420p10" + pad + b"\n"
    path = tmp_path / "ten.y4m"
    path.write_bytes(header + (b"FRAME\n" + b"".join(p.astype("<u2").tobytes() for p in planes)) * 2)
    pics = list(open_source(str(path), planes_only=True))
    assert len(pics) == 2 and pics[0].bitdepth == 10
    for pic in pics:
        assert all(np.array_equal(p, q) for p, q in zip(pic.planes, planes))
        assert all(p.ctypes.data % p.itemsize == 0 for p in pic.planes)
