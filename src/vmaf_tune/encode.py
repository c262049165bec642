"""In-process encoding with PyAV's encoders, decoded straight back in memory (no files, no ffmpeg)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from .errors import InputError

__all__ = ["ENCODERS", "EncoderSpec", "EncodeRun", "encode_decode", "encoder_spec"]


@dataclass(frozen=True)
class EncoderSpec:
    name: str
    decoder: str
    crf_min: float
    crf_max: float
    fractional: bool  # accepts CRF with decimals (x264/x265)
    default_preset: str | None
    extra: Mapping[str, str]  # options needed for constant-quality mode

    def format_crf(self, crf: float) -> str:
        return f"{crf:.2f}".rstrip("0").rstrip(".") if self.fractional else str(int(round(crf)))


ENCODERS: dict[str, EncoderSpec] = {
    e.name: e
    for e in (
        EncoderSpec("libx264", "h264", 0, 51, True, "medium", {}),
        EncoderSpec("libx265", "hevc", 0, 51, True, "medium", {"x265-params": "log-level=error"}),
        EncoderSpec("libsvtav1", "libdav1d", 1, 63, False, None, {}),
        EncoderSpec("libvpx-vp9", "vp9", 0, 63, False, None, {"b": "0"}),
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
    ) -> None:
        self.spec = encoder_spec(encoder)
        self.crf = crf
        self.preset = preset
        self.options = dict(options or {})
        self.fps = Fraction(fps)
        self._frames = frames
        self.bytes = 0
        self.frames_in = 0
        self.frames_out = 0

    def codec_options(self) -> dict[str, str]:
        opts = dict(self.spec.extra)
        opts["crf"] = self.spec.format_crf(self.crf)
        preset = self.preset if self.preset is not None else self.spec.default_preset
        if preset is not None:
            opts["preset"] = str(preset)
        opts.update(self.options)
        return opts

    def open_encoder(self, width: int, height: int, source_fmt: str, *, global_header: bool = False,
                     extra_options: Mapping[str, str] | None = None, context=None):
        """Opens ``context`` (a new one by default) for this run's encoder, options and frame rate.
        ``extra_options`` are appended to colon-separated options (``x264-params=...``)."""
        import av
        from av.codec.context import Flags

        _quiet_encoder_logs()
        enc = context if context is not None else av.CodecContext.create(self.spec.name, "w")
        enc.width, enc.height = width, height
        enc.pix_fmt = self._pix_fmt(enc, source_fmt)
        enc.time_base = 1 / self.fps
        enc.framerate = self.fps
        if global_header:
            enc.flags |= Flags.global_header
        # As the ffmpeg CLI does (so probes are reproducible with it): frame threads with the
        # encoder's automatic count; PyAV's default of slice threads changes x264's output.
        enc.thread_type = "FRAME"
        enc.thread_count = 0
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
        import av
        from av.video.frame import PictureType

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

    def _decode(self, dec, packet) -> Iterator:
        self.bytes += packet.size
        for out in dec.decode(packet):
            self.frames_out += 1
            yield out

    @staticmethod
    def _pix_fmt(enc, source_fmt: str) -> str:
        supported = [f.name for f in (enc.codec.video_formats or [])]
        if not supported or source_fmt in supported:
            return source_fmt
        deep = any(x in source_fmt for x in ("10", "12", "16"))
        for candidate in (("yuv420p10le",) if deep else ()) + ("yuv420p",):
            if candidate in supported:
                return candidate
        return supported[0]

    def bitrate(self) -> float:
        """Bits per second over the frames encoded so far."""
        return self.bytes * 8 * float(self.fps) / self.frames_in if self.frames_in else 0.0


def _quiet_encoder_logs() -> None:
    # SVT-AV1 prints an 80-line banner to stderr for every encoder it opens (every probe): errors
    # only, unless the user asked for more.
    os.environ.setdefault("SVT_LOG", "1")


def encode_decode(frames: Iterable, encoder: str, crf: float, **kwargs) -> EncodeRun:
    return EncodeRun(frames, encoder, crf, **kwargs)
