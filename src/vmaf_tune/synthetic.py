"""A built-in test clip generated in-process with libavfilter, so commands work with no media."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import av

from .options import Sampling
from .reference import Reference, load_reference

__all__ = ["BUILTIN_NAME", "DEFAULT_SIZE", "DEFAULT_FRAMES", "DEFAULT_FPS", "input_or_builtin", "load_input",
           "synthetic_frames"]

DEFAULT_SIZE = (640, 360)
DEFAULT_FRAMES = 48
DEFAULT_FPS = Fraction(24)
BUILTIN_NAME = "<built-in synthetic clip>"


def synthetic_frames(
    width: int = DEFAULT_SIZE[0],
    height: int = DEFAULT_SIZE[1],
    frames: int = DEFAULT_FRAMES,
    fps: Fraction = DEFAULT_FPS,
    pix_fmt: str = "yuv420p",
) -> Iterator:
    """PyAV frames of a moving test pattern with fine detail (testsrc2 over a zooming fractal)."""
    graph = av.filter.Graph()
    rate = f"{fps.numerator}/{fps.denominator}"
    pattern = graph.add("testsrc2", f"size={width}x{height}:rate={rate}")
    fractal = graph.add("mandelbrot", f"size={width}x{height}:rate={rate}:maxiter=256:end_scale=0.1")
    blend = graph.add("blend", "all_mode=average")
    fmt = graph.add("format", f"pix_fmts={pix_fmt}")
    trim = graph.add("trim", f"end_frame={frames}")
    sink = graph.add("buffersink")
    pattern.link_to(blend, 0, 0)
    fractal.link_to(blend, 0, 1)
    blend.link_to(fmt)
    fmt.link_to(trim)
    trim.link_to(sink)
    graph.configure()
    for index in range(frames):
        frame = sink.pull()
        frame.pts = index
        frame.time_base = 1 / fps
        yield frame


def input_or_builtin(input):
    """What a command works on: ``input``, or the built-in clip's frames when none is given."""
    return synthetic_frames() if input is None else input


def load_input(input, sampling: Sampling) -> Reference:
    """The reference a command tunes on: ``input`` sampled as asked, or the whole built-in clip."""
    if input is None:
        return load_reference(BUILTIN_NAME, frames=synthetic_frames(), fps=DEFAULT_FPS)
    return load_reference(input, sampling=sampling)
