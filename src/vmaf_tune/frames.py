"""Frame sources: decoded video (PyAV), raw planar YUV, or arrays, as luma planes.

VMAF's features only read luma, so a source yields 2-D numpy views of the Y plane (uint8 for
8-bit, uint16 for 9-16 bit) straight out of the decoder's buffers: no copies, padded strides
kept as they are. Memory stays bounded: frames are produced one at a time.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from .errors import InputError, InputFileNotFound

__all__ = ["Picture", "VideoInfo", "open_source", "luma_of", "pix_fmt_bits", "scale_to", "to_bitdepth", "RAW_PIX_FMTS"]

RAW_SUFFIXES = {".yuv", ".raw"}

# Planar formats whose first plane is LSB-aligned luma that can be read in place.
_DIRECT = re.compile(r"^(gray|yuvj?a?4[0-4][0-4]p|yuv41[01]p|nv12|nv21|nv16|nv24|nv42)(9|10|12|14|16)?(le)?$")

# Raw planar layouts: name -> (bits, chroma width divisor, chroma height divisor, planes)
RAW_PIX_FMTS: dict[str, tuple[int, int, int, int]] = {}
for _bits in (8, 9, 10, 12, 14, 16):
    _sfx = "" if _bits == 8 else f"{_bits}le"
    RAW_PIX_FMTS[f"yuv420p{_sfx}"] = (_bits, 2, 2, 3)
    RAW_PIX_FMTS[f"yuv422p{_sfx}"] = (_bits, 2, 1, 3)
    RAW_PIX_FMTS[f"yuv444p{_sfx}"] = (_bits, 1, 1, 3)
    RAW_PIX_FMTS[f"gray{_sfx}"] = (_bits, 1, 1, 1)


@dataclass(frozen=True)
class Picture:
    """One frame's planes (views into the decoder's buffers where possible) and its bit depth.
    ``chroma`` is (U, V), or None for gray input and for bare luma planes."""

    luma: np.ndarray
    bitdepth: int
    chroma: tuple[np.ndarray, np.ndarray] | None = None
    full_range: bool = False  # tagged full ("pc"/JPEG) range; only a bit-depth conversion reads it

    @property
    def chroma_size(self) -> tuple[int, int] | None:
        """(width, height) of the chroma planes as libvmaf sizes them: the luma size halved
        (rounded down) along each subsampled axis, so odd sizes drop a last column/row."""
        if self.chroma is None:
            return None
        ch, cw = self.chroma[0].shape
        return (self.width >> 1 if cw < self.width else self.width, self.height >> 1 if ch < self.height else self.height)

    @property
    def planes(self) -> tuple[np.ndarray, ...]:
        """(Y,) or (Y, U, V), as the engine's kernels take them."""
        return (self.luma,) if self.chroma is None else (self.luma, *self.chroma)

    @property
    def width(self) -> int:
        return int(self.luma.shape[1])

    @property
    def height(self) -> int:
        return int(self.luma.shape[0])


@dataclass(frozen=True)
class VideoInfo:
    path: str
    width: int
    height: int
    bitdepth: int
    pix_fmt: str
    frames: int | None  # as declared by the container; None when unknown
    fps: Fraction | None

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "width": self.width,
            "height": self.height,
            "bitdepth": self.bitdepth,
            "pix_fmt": self.pix_fmt,
            "frames": self.frames,
            "fps": float(self.fps) if self.fps else None,
        }


def _bits_of(fmt) -> int:
    """Bits per luma sample (per component for RGB-like formats that have no luma)."""
    comps = list(fmt.components)
    luma = [int(c.bits) for c in comps if c.is_luma] or [int(c.bits) for c in comps]
    return max(luma) if luma else 8


def _plane_view(plane, width: int, height: int, dtype: np.dtype) -> np.ndarray:
    row = plane.line_size // dtype.itemsize
    return np.frombuffer(plane, dtype=dtype)[: row * height].reshape(height, row)[:, :width]


def luma_of(frame) -> Picture:
    """A PyAV VideoFrame's planes as numpy views (converting only exotic layouts): the luma, and
    the chroma planes when the frame has them (semi-planar NV formats are split into copies)."""
    fmt = frame.format
    if not _DIRECT.match(fmt.name) or fmt.is_big_endian:
        bits = _bits_of(fmt)
        target = "yuv444p" if bits <= 8 else "yuv444p10le" if bits <= 10 else "yuv444p12le" if bits <= 12 else "yuv444p16le"
        frame = frame.reformat(format=target)
        fmt = frame.format
    bits = _bits_of(fmt)
    dtype = np.dtype(np.uint8) if bits <= 8 else np.dtype("<u2")
    luma = _plane_view(frame.planes[0], frame.width, frame.height, dtype)
    chroma = None
    if fmt.name.startswith("nv"):
        uv = frame.planes[1]
        both = _plane_view(uv, 2 * uv.width, uv.height, dtype)
        u, v = np.ascontiguousarray(both[:, 0::2]), np.ascontiguousarray(both[:, 1::2])
        chroma = (v, u) if fmt.name.startswith(("nv21", "nv42")) else (u, v)
    elif len(frame.planes) >= 3:
        chroma = tuple(_plane_view(p, p.width, p.height, dtype) for p in frame.planes[1:3])
    full = fmt.name.startswith("yuvj") or int(getattr(frame, "color_range", 0) or 0) == _AVCOL_RANGE_JPEG
    return Picture(luma, bits, chroma, full)


_AVCOL_RANGE_JPEG = 2  # FFmpeg's AVCOL_RANGE_JPEG: full range


def pix_fmt_bits(pix_fmt: str) -> int:
    """Bits per luma sample of an FFmpeg pixel format name (``yuv420p10le`` -> 10)."""
    import av

    try:
        return _bits_of(av.VideoFormat(pix_fmt))
    except (ValueError, av.FFmpegError):
        raise InputError(f"unknown pixel format {pix_fmt!r}") from None


def to_bitdepth(pic: Picture, bitdepth: int) -> Picture:
    """``pic`` at ``bitdepth`` bits, exactly as ffmpeg's ``format=yuv420p10le`` (swscale's
    unscaled planar copy) converts 8-bit video: every sample shifted up, except full-range luma,
    whose top bits are repeated below (``v << 2 | v >> 6`` for 10 bits) so that 255 becomes 1023.
    Only 8-bit pictures are converted; a picture already at ``bitdepth`` is returned as it is."""
    if pic.bitdepth == bitdepth:
        return pic
    if pic.bitdepth != 8 or not 9 <= bitdepth <= 16:
        raise InputError(f"cannot convert {pic.bitdepth}-bit video to {bitdepth} bits for scoring "
                         "(8-bit video converts to 9-16 bits)")
    up = bitdepth - 8

    def shift(plane: np.ndarray, replicate: bool) -> np.ndarray:
        wide = plane.astype("<u2") << up
        return wide | (plane >> (16 - bitdepth)) if replicate else wide

    chroma = None if pic.chroma is None else tuple(shift(p, False) for p in pic.chroma)
    return Picture(shift(pic.luma, pic.full_range), bitdepth, chroma, pic.full_range)


def _scale_plane(plane: np.ndarray, bitdepth: int, width: int, height: int) -> np.ndarray:
    """Bicubic rescale of one plane (swscale through PyAV), keeping the bit depth."""
    import av

    fmt = "gray" if bitdepth == 8 else f"gray{bitdepth}le" if bitdepth in (9, 10, 12, 14) else "gray16le"
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(plane), format=fmt)
    return frame.reformat(width=width, height=height, interpolation="BICUBIC").to_ndarray()


def scale_to(pic: Picture, like: Picture) -> Picture:
    """``pic`` rescaled (bicubic) to the plane sizes of ``like``, keeping its bit depth."""
    luma = _scale_plane(pic.luma, pic.bitdepth, like.width, like.height)
    chroma = None
    if pic.chroma is not None and like.chroma is not None:
        chroma = tuple(_scale_plane(p, pic.bitdepth, q.shape[1], q.shape[0]) for p, q in zip(pic.chroma, like.chroma))
    return Picture(luma, pic.bitdepth, chroma, pic.full_range)


@functools.cache
def _fixed_mmap_threshold() -> None:
    """Keeps decoded frames' buffers out of glibc's heap. glibc raises its mmap threshold each
    time a large mmapped block is freed; after that, FFmpeg's per-frame buffers (raw video and
    y4m demuxing allocate one per packet) come from the heap, and interleaved with the engine's
    small allocations the heap grows by a frame or two per frame scored: RSS rose linearly with
    clip length. A fixed threshold maps every buffer of 256 KiB or more and returns it on free."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, 256 * 1024)
    except (OSError, AttributeError):  # not glibc
        pass


_M_MMAP_THRESHOLD = -3


class _PyAVSource:
    def __init__(self, path: str, decode_threads: int | None = None) -> None:
        import av

        _fixed_mmap_threshold()
        self.path = path
        try:
            self._container = av.open(path)
        except FileNotFoundError:
            raise InputFileNotFound(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a video file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except (av.FFmpegError, OSError, ValueError) as exc:
            raise InputError(f"{path}: not a readable video ({_av_reason(exc)})") from None
        streams = self._container.streams.video
        if not streams:
            self._container.close()
            raise InputError(f"{path}: has no video stream")
        self._stream = streams[0]
        self._stream.thread_type = "AUTO"
        if decode_threads:
            self._stream.codec_context.thread_count = decode_threads
        cc = self._stream.codec_context
        if not cc.width or not cc.height or cc.format is None:
            self._container.close()
            raise InputError(f"{path}: video stream has no frame size or pixel format")
        rate = self._stream.average_rate or self._stream.guessed_rate
        self.info = VideoInfo(
            path=path,
            width=cc.width,
            height=cc.height,
            bitdepth=_bits_of(cc.format),
            pix_fmt=cc.format.name,
            frames=int(self._stream.frames) or None,
            fps=Fraction(rate) if rate else None,
        )

    def frames(self) -> Iterator:
        """Decoded PyAV frames (what encoders want)."""
        import av

        try:
            for frame in self._container.decode(self._stream):
                yield frame
        except av.FFmpegError as exc:
            raise InputError(f"{self.path}: decoding failed ({_av_reason(exc)})") from None

    def __iter__(self) -> Iterator[Picture]:
        for frame in self.frames():
            yield luma_of(frame)

    @property
    def duration(self) -> float:
        """Seconds, as the container declares them (0.0 when unknown)."""
        s = self._stream
        if s.duration:
            return float(s.duration * s.time_base)
        return self._container.duration / 1e6 if self._container.duration else 0.0

    def frame_at(self, t: float):
        """The first decoded frame at or after ``t`` seconds (seeking to the keyframe before it),
        or None if the container cannot seek there."""
        import av

        rate = float(self.info.fps or 25)
        frame = None
        try:
            self._container.seek(int(t / self._stream.time_base), stream=self._stream)
            for frame in self._container.decode(self._stream):
                if frame.time is None or frame.time >= t - 0.5 / rate:
                    break
        except av.FFmpegError:
            return None
        return frame

    def rewind(self) -> None:
        """Back to the first frame, so a failed sampling by seeking can fall back to decoding."""
        self._container.seek(0, stream=self._stream)

    def close(self) -> None:
        self._container.close()


_Y4M_FORMATS = {"420jpeg": "yuv420p", "420paldv": "yuv420p", "420mpeg2": "yuv420p", "420": "yuv420p",
                "422": "yuv422p", "444": "yuv444p", "mono": "gray"}
for _bits in (9, 10, 12, 14, 16):
    for _c, _f in (("420", "yuv420p"), ("422", "yuv422p"), ("444", "yuv444p")):
        _Y4M_FORMATS[f"{_c}p{_bits}"] = f"{_f}{_bits}le"
    _Y4M_FORMATS[f"mono{_bits}"] = f"gray{_bits}le"


def _y4m_layout(path: str) -> dict | None:
    """Where a YUV4MPEG2 file's planes are, for reading them in place: its stream header gives the
    size, format, rate and range, and every frame header must be a bare ``FRAME`` line. None for
    anything else (per-frame parameters, formats with alpha), which PyAV then decodes."""
    with open(path, "rb") as fh:
        header = fh.readline(4096)
        first = fh.read(6)
    if not header.startswith(b"YUV4MPEG2 ") or not header.endswith(b"\n") or first != b"FRAME\n":
        return None
    tags = {t[:1]: t[1:] for t in header[10:-1].decode("ascii", "replace").split() if t}
    try:
        width, height = int(tags["W"]), int(tags["H"])
    except (KeyError, ValueError):
        return None
    pix_fmt = _Y4M_FORMATS.get(tags.get("C", "420jpeg"))
    if pix_fmt is None or width < 1 or height < 1:
        return None
    fps = None
    if "F" in tags:
        num, _, den = tags["F"].partition(":")
        if num.isdigit() and den.isdigit() and int(num) and int(den):
            fps = Fraction(int(num), int(den))
    full = b" XCOLORRANGE=FULL" in header
    return dict(width=width, height=height, pix_fmt=pix_fmt, header=len(header), frame_header=6, fps=fps,
                full_range=full)


class _RawSource:
    """Planar YUV read straight from the file: raw ``.yuv`` files, and ``.y4m`` files whose
    frames are laid out uniformly (each behind a bare ``FRAME`` line), which need no decoder."""

    def __init__(self, path: str, width: int | None, height: int | None, pix_fmt: str | None, *,
                 header: int = 0, frame_header: int = 0, fps: Fraction | None = None,
                 full_range: bool = False) -> None:
        self.path = path
        if not os.path.exists(path):
            raise InputFileNotFound(f"{path}: no such file")
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory, not a video file")
        if not width or not height:
            raise InputError(f"{path}: raw YUV needs --width and --height (and --pix-fmt, default yuv420p)")
        if width < 1 or height < 1:
            raise InputError(f"{path}: width and height must be positive")
        pix_fmt = pix_fmt or "yuv420p"
        if pix_fmt not in RAW_PIX_FMTS:
            raise InputError(f"{path}: unsupported raw pix_fmt {pix_fmt!r} (supported: {', '.join(RAW_PIX_FMTS)})")
        bits, dx, dy, planes = RAW_PIX_FMTS[pix_fmt]
        bps = 1 if bits == 8 else 2
        luma = width * height * bps
        chroma = 0 if planes == 1 else 2 * (-(-width // dx)) * (-(-height // dy)) * bps
        self._header, self._frame_header, self._full = header, frame_header, full_range
        self._frame_bytes = luma + chroma + frame_header
        size = os.path.getsize(path) - header
        if size <= 0:
            raise InputError(f"{path}: file is empty")
        if size % self._frame_bytes:
            raise InputError(
                f"{path}: size {size} bytes is not a whole number of {width}x{height} {pix_fmt} frames "
                f"({self._frame_bytes} bytes each)"
            )
        self._n = size // self._frame_bytes
        self._dtype = np.dtype(np.uint8) if bits == 8 else np.dtype("<u2")
        self._shape = (height, width)
        self._chroma_shape = None if planes == 1 else (-(-height // dy), -(-width // dx))
        self.info = VideoInfo(path, width, height, bits, pix_fmt, self._n, fps)

    def __iter__(self) -> Iterator[Picture]:
        # Each frame is read into its own buffer, freed with its Picture: mapping the file instead
        # would leave every page read resident (RSS growing with the clip).
        payload = self._frame_bytes - self._frame_header
        with open(self.path, "rb") as fh:
            fh.seek(self._header)
            for i in range(self._n):
                if self._frame_header and fh.read(self._frame_header) != b"FRAME\n":
                    raise InputError(f"{self.path}: frame {i} does not start with a bare FRAME line")
                data = np.empty(payload, np.uint8)
                if fh.readinto(data) != payload:
                    raise InputError(f"{self.path}: frame {i} is cut short")
                planes, start = [], 0
                for shape in (self._shape, *([self._chroma_shape] * 2 if self._chroma_shape else [])):
                    end = start + shape[0] * shape[1] * self._dtype.itemsize
                    planes.append(data[start:end].view(self._dtype).reshape(shape))
                    start = end
                chroma = (planes[1], planes[2]) if len(planes) == 3 else None
                yield Picture(planes[0], self.info.bitdepth, chroma, self._full)

    def close(self) -> None:
        pass


class _ArraySource:
    def __init__(self, items: Iterable, bitdepth: int | None, name: str) -> None:
        self.path = name
        self._items = iter(items)
        self._bitdepth = bitdepth
        self.info = VideoInfo(name, 0, 0, bitdepth or 0, "", None, None)

    def __iter__(self) -> Iterator[Picture]:
        for item in self._items:
            yield as_picture(item, self._bitdepth)

    def close(self) -> None:
        pass


def as_picture(item, bitdepth: int | None = None) -> Picture:
    """Accepts a Picture, a PyAV VideoFrame, a 2-D numpy luma plane, or a (Y, U, V) tuple of them."""
    if isinstance(item, Picture):
        return item
    if isinstance(item, tuple) and len(item) == 3 and all(isinstance(p, np.ndarray) for p in item):
        y = as_picture(item[0], bitdepth)
        u, v = (as_picture(p, y.bitdepth).luma for p in item[1:])
        if u.shape != v.shape or u.shape[0] > y.height or u.shape[1] > y.width:
            raise InputError(f"chroma planes {u.shape} and {v.shape} do not fit a {y.width}x{y.height} luma plane")
        return Picture(y.luma, y.bitdepth, (u, v))
    if isinstance(item, np.ndarray):
        if item.ndim != 2 or item.dtype not in (np.uint8, np.uint16):
            raise InputError("a luma plane must be a 2-D uint8 or uint16 array")
        if item.dtype == np.uint8:
            if bitdepth not in (None, 8):
                raise InputError(f"uint8 planes are 8-bit, not {bitdepth}-bit")
            return Picture(item, 8)
        if bitdepth is None or not 9 <= bitdepth <= 16:
            raise InputError("uint16 planes need bitdepth= between 9 and 16")
        return Picture(item, bitdepth)
    if hasattr(item, "planes") and hasattr(item, "format"):
        return luma_of(item)
    raise InputError(f"cannot use {type(item).__name__} as a frame (need a PyAV frame or numpy plane)")


def open_source(
    source,
    *,
    width: int | None = None,
    height: int | None = None,
    pix_fmt: str | None = None,
    bitdepth: int | None = None,
    decode_threads: int | None = None,
    planes_only: bool = False,
):
    """Opens a path (video, .y4m, raw .yuv) or wraps an iterable of frames/planes.
    ``decode_threads`` caps the decoder's threads (default: FFmpeg's choice, one per core).
    ``planes_only``: the caller needs pictures, not PyAV frames (to encode), so a uniform
    ``.y4m`` is read like raw YUV instead of through a decoder."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if Path(path).suffix.lower() in RAW_SUFFIXES or (width and height):
            return _RawSource(path, width, height, pix_fmt)
        if planes_only and Path(path).suffix.lower() == ".y4m" and os.path.isfile(path):
            layout = _y4m_layout(path)
            if layout is not None:
                return _RawSource(path, **layout)
        if not os.path.exists(path):
            raise InputFileNotFound(f"{path}: no such file")
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory, not a video file")
        if os.path.getsize(path) == 0:
            raise InputError(f"{path}: file is empty")
        return _PyAVSource(path, decode_threads)
    if isinstance(source, np.ndarray) and source.ndim == 3:
        return _ArraySource(list(source), bitdepth, "<array>")
    return _ArraySource(source, bitdepth, "<frames>")


def _av_reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    text = re.sub(r"\[Errno -?\d+\]\s*", "", text)
    text = re.sub(r":\s*'[^']*'$", "", text)
    return " ".join(text.split()) or exc.__class__.__name__
