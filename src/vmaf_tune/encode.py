"""In-process encoding with PyAV's encoders, decoded straight back in memory (no files, no ffmpeg)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import av
from av.codec.context import Flags
from av.video.frame import PictureType

from .errors import InputError

__all__ = ["ENCODERS", "EncoderSpec", "EncodeRun", "encode_decode", "encoder_spec"]


def _supported_formats(codec_name: str) -> list[str]:
    return [f.name for f in (av.codec.Codec(codec_name, "w").video_formats or [])]


@dataclass(frozen=True)
class EncoderSpec:
    """Everything the package knows about one encoder, so adding one is one entry here."""

    name: str
    decoder: str
    crf_min: float
    crf_max: float
    fractional: bool  # accepts CRF with decimals (x264/x265)
    default_preset: str | None
    extra: Mapping[str, str]  # options needed for constant-quality mode
    start_crf: float  # where bisect probes first: a typical answer for common targets
    typical_slope: float  # VMAF points per CRF step, until two probes measure it
    compare_crfs: tuple[float, ...]  # compare's default rate points, spread over its useful range
    # The per-shot final encode: an encoder that takes per-frame-range CRFs through an option
    # (``zones_option``) makes it in one stream with forced keyframes; any other is opened once
    # per shot and the pieces joined, with ``join_options`` (e.g. to keep the CRF out of the
    # stream header, which must be the same for every piece).
    zones_option: str | None = None
    join_options: Mapping[str, str] = field(default_factory=dict)

    def pix_fmt_for(self, source_fmt: str, requested: str | None = None) -> str:
        """The pixel format the encoder runs with: ``requested`` (checked against what the encoder
        takes), else the source's when the encoder takes it, else a 10-bit 4:2:0 format for deep
        sources and 8-bit 4:2:0 for the others, when available."""
        supported = _supported_formats(self.name)
        if requested is not None:
            if supported and requested not in supported:
                raise InputError(f"{self.name} cannot encode pixel format {requested!r} "
                                 f"(it takes {', '.join(supported)})")
            return requested
        if not supported or source_fmt in supported:
            return source_fmt
        deep = any(x in source_fmt for x in ("10", "12", "16"))
        for candidate in (("yuv420p10le",) if deep else ()) + ("yuv420p",):
            if candidate in supported:
                return candidate
        return supported[0]

    def format_crf(self, crf: float) -> str:
        return f"{crf:.2f}".rstrip("0").rstrip(".") if self.fractional else str(int(round(crf)))


ENCODERS: dict[str, EncoderSpec] = {
    e.name: e
    for e in (
        EncoderSpec("libx264", "h264", 0, 51, True, "medium", {}, start_crf=23.0, typical_slope=-1.0,
                    compare_crfs=(20, 24, 28, 32, 36), zones_option="x264-params"),
        EncoderSpec("libx265", "hevc", 0, 51, True, "medium", {"x265-params": "log-level=error"}, start_crf=28.0,
                    typical_slope=-1.0, compare_crfs=(22, 26, 30, 34, 38), join_options={"x265-params": "info=0"}),
        EncoderSpec("libsvtav1", "libdav1d", 1, 63, False, None, {}, start_crf=35.0, typical_slope=-0.5,
                    compare_crfs=(25, 32, 39, 46, 53)),
        EncoderSpec("libvpx-vp9", "vp9", 0, 63, False, None, {"b": "0"}, start_crf=32.0, typical_slope=-0.5,
                    compare_crfs=(20, 28, 36, 44, 52)),
    )
}


def encoder_spec(name: str) -> EncoderSpec:
    if name not in ENCODERS:
        raise InputError(f"unknown encoder {name!r} (choose from {', '.join(ENCODERS)})")
    return ENCODERS[name]


class EncodeRun:
    """Iterating yields the decoded frames of one encode; ``bytes`` counts the compressed size."""

    def __init__(
        self,
        frames: Iterable,
        encoder: str,
        crf: float,
        *,
        preset: str | None = None,
        options: Mapping[str, str] | None = None,
        fps: Fraction = Fraction(25),
        pix_fmt: str | None = None,
        threads: int | None = None,
    ) -> None:
        self.spec = encoder_spec(encoder)
        self.pix_fmt = pix_fmt  # None: from the source (EncoderSpec.pix_fmt_for)
        self.threads = threads  # None: the encoder's automatic count
        self.crf = crf
        self.preset = preset
        self.options = dict(options or {})
        self.fps = Fraction(fps)
        self._frames = frames
        self.bytes = 0
        self.frames_in = 0
        self.frames_out = 0
        self.packets = 0  # packets the encoder has given so far

    def codec_options(self) -> dict[str, str]:
        opts = dict(self.spec.extra)
        opts["crf"] = self.spec.format_crf(self.crf)
        preset = self.preset if self.preset is not None else self.spec.default_preset
        if preset is not None:
            opts["preset"] = str(preset)
        opts.update(self.options)
        return opts

    def open_encoder(self, width: int, height: int, source_fmt: str, *, global_header: bool = False,
                     extra_options: Mapping[str, str] | None = None,
                     context: av.CodecContext | None = None) -> av.CodecContext:
        """Opens ``context`` (a new one by default) for this run's encoder, options and frame rate.
        ``extra_options`` are appended to colon-separated options (``x264-params=...``)."""
        _quiet_encoder_logs()
        enc = context if context is not None else av.CodecContext.create(self.spec.name, "w")
        enc.width, enc.height = width, height
        enc.pix_fmt = self.spec.pix_fmt_for(source_fmt, self.pix_fmt)
        enc.time_base = 1 / self.fps
        enc.framerate = self.fps
        if global_header:
            enc.flags |= Flags.global_header
        # As the ffmpeg CLI does (so probes are reproducible with it): frame threads, by default
        # with the encoder's automatic count (-threads N sets it); PyAV's default of slice
        # threads changes x264's output.
        enc.thread_type = "FRAME"
        enc.thread_count = self.threads or 0
        options = self.codec_options()
        for key, value in (extra_options or {}).items():
            options[key] = ":".join(p for p in (options.get(key, ""), value) if p)
        enc.options = options
        try:
            enc.open()
        except av.FFmpegError as exc:
            raise InputError(f"{self.spec.name}: cannot open the encoder with {options} ({exc})") from None
        unused = sorted(set(enc.options) & set(self.options))
        if unused:
            raise InputError(f"{self.spec.name}: unknown encoder option(s): {', '.join(unused)}")
        return enc

    def __iter__(self) -> Iterator:
        enc = None
        dec = av.CodecContext.create(self.spec.decoder, "r")
        time_base = 1 / self.fps
        for index, frame in enumerate(self._frames):
            if enc is None:
                enc = self.open_encoder(frame.width, frame.height, frame.format.name)
            if frame.format.name != enc.pix_fmt:
                frame = frame.reformat(format=enc.pix_fmt)
            # A decoded frame keeps its picture type (every frame of an intra-only source is I);
            # encoders would obey it, so clear it as the ffmpeg CLI does.
            frame.pict_type = PictureType.NONE
            frame.pts = index
            frame.time_base = time_base
            self.frames_in += 1
            for packet in enc.encode(frame):
                yield from self._decode(dec, packet)
        if enc is None:
            return
        for packet in enc.encode(None):
            yield from self._decode(dec, packet)
        for out in dec.decode(None):
            self.frames_out += 1
            yield out

    def _decode(self, dec: av.CodecContext, packet: av.Packet) -> Iterator:
        self.bytes += packet.size
        self.packets += 1
        for out in dec.decode(packet):
            self.frames_out += 1
            yield out

    def bitrate(self) -> float:
        """Bits per second over the frames encoded so far."""
        return self.bytes * 8 * float(self.fps) / self.frames_in if self.frames_in else 0.0


def _quiet_encoder_logs() -> None:
    # SVT-AV1 prints an 80-line banner to stderr for every encoder it opens (every probe): errors
    # only, unless the user asked for more.
    os.environ.setdefault("SVT_LOG", "1")


def encode_decode(frames: Iterable, encoder: str, crf: float, **kwargs) -> EncodeRun:
    return EncodeRun(frames, encoder, crf, **kwargs)
