"""The ``vmaf-tune`` command: a thin layer over the public API (same defaults)."""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import os
import sys
from collections.abc import Callable, Sequence

from ._version import __version__
from .backends import BACKENDS
from .batch import STATUS_OK, bisect_many, pairs_csv, read_inputs, read_pairs, score_many
from .budget import clamp_threads
from .classify import HFR_FPS, classify, classify_v1
from .compare import DEFAULT_ENCODERS, compare
from .ctc import AOM_CTC_VERSIONS, aom_ctc
from .encode import ENCODERS, encode_decode
from .errors import (
    EXIT_CODES_DOC,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_TARGET_NOT_MET,
    EXIT_USAGE,
    VmafTuneError,
)
from .executors import DEFAULT_EXECUTOR, EXECUTORS
from .models import AUTO_VARIANTS, VARIANTS, model_variant, resolve_models
from .options import DEFAULT_CRF_STEP, DEFAULT_ENCODER, DEFAULT_SAMPLE_SECONDS, MAX_ENCODER_THREADS, parse_encoder_opts
from .output import Progress, check_writable, write_atomic
from .pershot import per_shot
from .plot import plot_compare
from .score import DEFAULT_BACKEND, DEFAULT_POOL, POOL_HELP, SCORE_BITDEPTHS, check_pool_method, pool, score
from .search import DEFAULT_TARGET, bisect
from .shots import DEFAULT_MIN_SHOT, detect_shots
from .synthetic import input_or_builtin, synthetic_frames


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _api_default(fn: Callable, param: str):
    """The default the public API gives ``param``: the CLI never retypes one."""
    return inspect.signature(fn).parameters[param].default


def _pool_method(text: str) -> str:
    try:
        return check_pool_method(text)
    except VmafTuneError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit() or int(w) < 1 or int(h) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080")
    return int(w), int(h)


def _cambi_options(args) -> dict[str, int]:
    """--cambi-enc-size / --cambi-enc-bitdepth as CAMBI's libvmaf options."""
    out = {}
    if args.cambi_enc_size:
        out["enc_width"], out["enc_height"] = args.cambi_enc_size
    if args.cambi_enc_bitdepth:
        out["enc_bitdepth"] = args.cambi_enc_bitdepth
    return out


def _add_model_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("models")
    g.add_argument("--neg", action="store_true", help="use the NEG counterpart of every model")
    g.add_argument(
        "--model-variant",
        metavar="V[,V...]",
        help=f"built-in model(s): {', '.join(VARIANTS)}, or {' / '.join(AUTO_VARIANTS)} (auto: VMAF v0.6.1 "
        "by content and resolution; v1-auto: VMAF v1 by resolution and frame rate; see 'vmaf-tune classify' "
        "and 'vmaf-tune models')",
    )
    g.add_argument("--model", action="append", default=[], metavar="PATH", help="a libvmaf JSON model (repeatable)")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _encoder_threads(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_ENCODER_THREADS:
        raise argparse.ArgumentTypeError(f"at most {MAX_ENCODER_THREADS}, got {value}")
    return value


def _add_score_bitdepth_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--score-bitdepth", type=int, choices=SCORE_BITDEPTHS, metavar="N",
                   help="score at N bits: 8-bit video is converted exactly as ffmpeg's format=yuv420p10le does "
                   "(Netflix measures VMAF v1 at 10 bits, also for 8-bit video); default: the input's depth"
                   + ("" if p.prog.endswith(" score") else ", or the encode's when deeper"))


def _add_encode_format_args(p: argparse.ArgumentParser) -> None:
    """The encode's pixel format and the scoring depth (bisect, per-shot, compare)."""
    p.add_argument("--pix-fmt", metavar="FMT",
                   help="pixel format to encode in, e.g. yuv420p10le for a 10-bit encode of 8-bit video "
                   "(default: the source's, if the encoder takes it); recorded in the JSON, and CAMBI's "
                   "encode bit depth follows it")
    p.add_argument("--encoder-threads", type=_encoder_threads, metavar="N",
                   help="the encoder's thread count, as ffmpeg's -threads (default: its automatic count, or "
                   "each parallel job's share of --threads; x264's output depends on it, so pin it to "
                   "reproduce results across machines and batch runs)")
    _add_score_bitdepth_arg(p)


def _add_backend_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--backend",
        choices=tuple(BACKENDS),
        default=DEFAULT_BACKEND,
        help=f"scoring engine: builtin or the system's libvmaf (VMAF_TUNE_LIBVMAF=path); default {DEFAULT_BACKEND}",
    )


def _models_from(args) -> list[str] | None:
    """The models asked for; None when only features were (``score --feature``)."""
    if args.model_variant:
        return [args.model_variant]
    if args.model:
        return []
    return None if getattr(args, "feature", None) else ["default"]


def _scored_models(args) -> tuple[list[str] | None, list[str]]:
    """The models and extra features ``score`` computes: those asked for, or the AOM CTC preset's
    (``--aom-ctc``) with any ``--feature`` added."""
    models, features = _models_from(args), list(args.feature)
    if args.aom_ctc:
        if args.model_variant or args.model or args.neg:
            raise_usage("--aom-ctc chooses its own models (VMAF and VMAF NEG); drop --model-variant/--model/--neg")
        preset = aom_ctc(args.aom_ctc)
        models, features = list(preset.models), [*preset.features, *features]
    return models, features


def _choose_auto(args, source, fps: float | None = None, **raw) -> dict | list | None:
    """Resolves ``--model-variant auto`` / ``v1-auto`` here, so the decision and its reasons are
    shown (stderr) and recorded (JSON ``model_selection``; a list when both were asked for); the
    API would choose the same. Also gives the notice that ``--neg`` leaves VMAF v1 as it is."""
    names = [n.strip() for n in (args.model_variant or "").split(",")]
    chosen: dict[str, object] = {}
    for n in names:
        key = n.lower()
        if key == "auto" and key not in chosen:
            chosen[key] = classify(source, **raw)
        elif key == "v1-auto" and key not in chosen:
            chosen[key] = classify_v1(source, fps=fps, **raw)
    if chosen:
        args.model_variant = ",".join(chosen[n.lower()].variant if n.lower() in chosen else n for n in names)
    quiet = getattr(args, "quiet", False)
    for key, c in chosen.items():
        if not quiet:
            what = f"{c.content} content" if key == "auto" else f"{c.width}x{c.height}, " + (
                f"{c.fps:g} fps" if c.fps is not None else "frame rate unknown")
            print(f"model {key}: {c.variant} ({what})", file=sys.stderr)
            for reason in c.reasons:
                print(f"  {reason}", file=sys.stderr)
    _neg_notice(args)
    if not chosen:
        return None
    selections = [c.as_dict() for c in chosen.values()]
    return selections[0] if len(selections) == 1 else selections


def _neg_notice(args) -> None:
    """``--neg`` with a model that has NEG built in (VMAF v1): said, not silently ignored."""
    if not args.neg or getattr(args, "quiet", False):
        return
    try:
        models = resolve_models([args.model_variant] if args.model_variant else None, model_paths=args.model) \
            if args.model_variant or args.model else ()
    except VmafTuneError:
        return  # reported by the command itself
    for m in models:
        if m.neg_built_in:
            print(f"notice: --neg leaves {m.name} as it is: VMAF v1 has NEG built in (its ADM runs with "
                  "enhancement gain limit 1.0 and it has no VIF)", file=sys.stderr)


def _with_selection(data: dict, selection: dict | None) -> dict:
    return {**data, "model_selection": selection} if selection else data


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vmaf-tune",
        description="VMAF / VMAF NEG scoring in-process (bit-exact with libvmaf) and encoder tuning.",
        epilog=EXIT_CODES_DOC,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"vmaf-tune {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser(
        "score",
        help="score a distorted video against its reference",
        description="Score DIST against REF. With no inputs, scores a built-in synthetic clip against "
        "its libx264 CRF 35 encode.",
        epilog=EXIT_CODES_DOC,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("reference", nargs="?", metavar="REF")
    s.add_argument("distorted", nargs="?", metavar="DIST")
    _add_model_args(s)
    s.add_argument("--threads", type=_positive_int, default=None,
                   help="CPU budget: worker and decoder threads, shared by pairs scored in parallel (default: all "
                   "cores; more than the cores is cut to them)")
    _add_backend_arg(s)
    subsample = _api_default(score, "subsample")
    s.add_argument("--subsample", type=_positive_int, default=subsample, help=f"score every Nth frame (default {subsample})")
    s.add_argument("--pool", type=_pool_method, default=DEFAULT_POOL, metavar="METHOD",
                   help=f"how per-frame scores are pooled for the summary line: {POOL_HELP} (default {DEFAULT_POOL})")
    s.add_argument("--feature", action="append", default=[], metavar="NAME[=OPT=VAL:...]",
                   help="also compute a feature extractor, in libvmaf's --feature syntax (repeatable; e.g. cambi, "
                   "cambi=enc_width=960:enc_height=540); given without a model, only the features are computed")
    s.add_argument("--aom-ctc", choices=AOM_CTC_VERSIONS, metavar="VERSION",
                   help="the AOM CTC metric set as libvmaf's --aom_ctc computes it (VMAF, VMAF NEG, PSNR and APSNR, "
                   f"CIEDE2000, SSIM, MS-SSIM, PSNR-HVS, CAMBI): {', '.join(AOM_CTC_VERSIONS)}")
    s.add_argument("--cambi-enc-size", type=_size, metavar="WxH",
                   help="CAMBI: the size the video was encoded at, when it was upscaled for scoring (libvmaf's "
                   "enc_width/enc_height; applies to the v1 models' CAMBI and to --feature cambi)")
    s.add_argument("--cambi-enc-bitdepth", type=_positive_int, metavar="N",
                   help="CAMBI: the bit depth the video was encoded at (libvmaf's enc_bitdepth)")
    _add_score_bitdepth_arg(s)
    s.add_argument("--shortest", action="store_true", help="score only the frames both inputs have")
    s.add_argument("--width", type=_positive_int, help="raw YUV width")
    s.add_argument("--height", type=_positive_int, help="raw YUV height")
    s.add_argument("--pix-fmt", help="raw YUV pixel format (default yuv420p)")
    s.add_argument("--fps", type=_positive_float, help="raw YUV frame rate (for --model-variant v1-auto)")
    s.add_argument("--json", metavar="PATH|-", help="write libvmaf's JSON log schema ('-' for stdout)")
    s.add_argument("--csv", metavar="PATH|-", help="write per-frame values as CSV")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress or notices on stderr")
    m = s.add_argument_group("many pairs")
    m.add_argument("--pairs", metavar="MANIFEST.csv|-", help="score every pair of a CSV manifest (columns reference,"
                   "distorted; optional width,height,pix_fmt for raw YUV; --width/--height/--pix-fmt fill in); "
                   "--json writes the rows as a JSON array, --csv one line per pair")
    _add_many_args(m)
    s.set_defaults(func=_cmd_score)

    b = sub.add_parser(
        "bisect",
        help="find the highest CRF whose VMAF meets a target",
        description="Find the highest CRF (the smallest file) whose pooled score meets --target. "
        "With no INPUT, runs on a built-in synthetic clip.",
        epilog=EXIT_CODES_DOC,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("inputs", nargs="*", metavar="INPUT", help="input video(s); several are tuned one by one "
                   "(or in parallel with --executor), each as a single run would be")
    _add_tuning_args(b, samples_help="number of samples for long inputs (default: auto)",
                     full_help="score every frame instead of samples")
    b.add_argument("--json", metavar="PATH|-", help="write the result as JSON ('-' for stdout); with several "
                   "inputs, a JSON array of their rows")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress or notices on stderr")
    m = b.add_argument_group("many inputs")
    m.add_argument("--inputs", dest="inputs_list", metavar="LIST|-", help="also tune the inputs listed in LIST, one path per line "
                   "('-': stdin; blank lines and # comments skipped)")
    _add_many_args(m)
    b.set_defaults(func=_cmd_bisect)

    c = sub.add_parser(
        "compare",
        help="rate-quality curves and BD-rate of encoders, by VMAF, VMAF NEG and every model asked for",
        description="Measure encoder configurations on INPUT and report BD-rate and BD-quality against the "
        "first one, by every model scored: VMAF and VMAF NEG by default, plus e.g. VMAF v1 with "
        "--model-variant default,v1. An entry ENCODER@FILTER applies a libavfilter pre-filter before "
        "the encoder (e.g. libx264@unsharp=5:5:1.0). With no INPUT, uses a built-in synthetic clip.",
        epilog=EXIT_CODES_DOC,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("input", nargs="?", metavar="INPUT")
    c.add_argument("--encoders", default=",".join(DEFAULT_ENCODERS),
                   help=f"comma list of {', '.join(ENCODERS)}; the first is the anchor (default %(default)s)")
    g = c.add_mutually_exclusive_group()
    g.add_argument("--crfs", help="comma list of CRFs for every encoder (default: five spread over each encoder's range)")
    g.add_argument("--targets", help="comma list of target scores (a bisect per point)")
    c.add_argument("--preset", help="encoder preset for every encoder (default: each encoder's own)")
    c.add_argument("--encoder-opt", action="append", default=[], metavar="ENC:KEY=VALUE",
                   help="extra option for one encoder (repeatable)")
    _add_model_args(c)
    c.add_argument("--aom-ctc", choices=AOM_CTC_VERSIONS, metavar="VERSION",
                   help="score the AOM CTC set and report BD-rate for each of its metrics (PSNR Y/Cb/Cr, APSNR, "
                   "PSNR-HVS, SSIM, MS-SSIM, CIEDE2000, VMAF, VMAF NEG), as AOM's CTC reports do")
    _add_encode_format_args(c)
    _add_sampling_args(c, samples_help="number of samples for long inputs (default: auto)",
                       full_help="score every frame instead of samples")
    c.add_argument("--no-cache", action="store_true", help="do not read or write the probe cache")
    c.add_argument("--threads", type=_positive_int, default=None,
                   help="CPU budget: encoder and scoring threads, shared by points measured in parallel (default: "
                   "all cores; more than the cores is cut to them)")
    _add_backend_arg(c)
    _add_executor_args(c)
    c.add_argument("--json", metavar="PATH|-")
    c.add_argument("--csv", metavar="PATH|-")
    c.add_argument("--plot", metavar="PATH.png|.svg", help="rate-quality curves, one panel per metric")
    c.add_argument("-q", "--quiet", action="store_true")
    c.set_defaults(func=_cmd_compare)

    sh = sub.add_parser("shots", help="detect shots (hard cuts) and print them")
    sh.add_argument("input", metavar="INPUT")
    _add_shot_args(sh)
    sh.add_argument("--json", metavar="PATH|-")
    sh.set_defaults(func=_cmd_shots)

    ps = sub.add_parser(
        "per-shot",
        help="find the CRF per shot for a target, optionally write the final encode",
        epilog=EXIT_CODES_DOC,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ps.add_argument("input", metavar="INPUT")
    _add_tuning_args(ps, samples_help="samples per long shot (default: auto)",
                     full_help="score every frame of every shot")
    _add_shot_args(ps)
    ps.add_argument("--output", metavar="OUT", help="write the final encode: every shot at its CRF, a keyframe at each shot start, "
                    "in the container the extension names (mp4, mkv, webm, ivf, ...)")
    _add_executor_args(ps)
    ps.add_argument("--json", metavar="PATH|-")
    ps.add_argument("-q", "--quiet", action="store_true")
    ps.set_defaults(func=_cmd_per_shot)

    cl = sub.add_parser("classify", help="show the model '--model-variant auto' picks for INPUT, and why")
    cl.add_argument("input", metavar="INPUT")
    cl.add_argument("--width", type=_positive_int, help="raw YUV input: picture width")
    cl.add_argument("--height", type=_positive_int, help="raw YUV input: picture height")
    cl.add_argument("--pix-fmt", help="raw YUV input: pixel format (default yuv420p)")
    cl.add_argument("--fps", type=_positive_float, help="raw YUV input: frame rate (for v1-auto's HFR choice)")
    cl.add_argument("--json", metavar="PATH|-")
    cl.set_defaults(func=_cmd_classify)

    m = sub.add_parser("models", help="list the built-in model variants")
    m.add_argument("--json", action="store_true", help="print as JSON")
    m.set_defaults(func=_cmd_models)
    return parser


def _cmd_score(args) -> int:
    if args.pairs:
        return _cmd_score_pairs(args)
    if args.jsonl or args.executor != DEFAULT_EXECUTOR or args.force or args.retry_errors:
        raise _UsageError("--jsonl, --executor, --force and --retry-errors go with --pairs")
    if (args.reference is None) != (args.distorted is None):
        raise_usage("score needs both REF and DIST (or neither, for the built-in clip)")
    for path in (args.json, args.csv):
        check_writable(path)
    quiet = args.quiet
    notice = (lambda msg: None) if quiet else (lambda msg: print(msg, file=sys.stderr))
    if args.reference is None:
        notice("notice: no inputs given; scoring a built-in synthetic clip against its libx264 CRF 35 encode")
        reference = list(synthetic_frames())
        distorted = list(encode_decode(reference, "libx264", 35))
    else:
        reference, distorted = args.reference, args.distorted
    selection = _choose_auto(args, reference, args.fps, width=args.width, height=args.height, pix_fmt=args.pix_fmt)
    models, features = _scored_models(args)
    bar = Progress("scoring", enabled=None if not quiet else False)
    try:
        result = score(
            reference,
            distorted,
            models,
            neg=args.neg,
            model_paths=args.model,
            threads=args.threads,
            subsample=args.subsample,
            shortest=args.shortest,
            width=args.width,
            height=args.height,
            pix_fmt=args.pix_fmt,
            backend=args.backend,
            features=features,
            overrides={"cambi": _cambi_options(args)},
            score_bitdepth=args.score_bitdepth,
            fps=args.fps,
            progress=bar.update,
            notice=notice,
        )
    finally:
        bar.close()
    if args.json:
        write_atomic(args.json, json.dumps(_with_selection(result.as_dict(), selection), indent=2) + "\n")
    if args.csv:
        write_atomic(args.csv, result.to_csv())
    if args.json != "-" and args.csv != "-":
        width = max(len(n) for n in result.models + result.features)
        for name in result.models + result.features:
            p = result.pooled[name]
            print(
                f"{name:<{width}}  {pool(result.metrics[name], args.pool):10.6f}  ({args.pool}; "
                f"min {p.min:.6f}, harmonic_mean {p.harmonic_mean:.6f}, max {p.max:.6f})"
            )
        for name, value in result.aggregate.items():
            print(f"{name:<{width}}  {value:10.6f}  (aggregate)")
        print(f"frames: {len(result.frame_numbers)} of {result.frames}  {result.width}x{result.height} {result.bitdepth}-bit")
    return EXIT_OK


def _add_sampling_args(p: argparse.ArgumentParser, *, samples_help: str, full_help: str) -> None:
    p.add_argument("--samples", type=_positive_int, help=samples_help)
    p.add_argument("--sample-seconds", type=float, default=DEFAULT_SAMPLE_SECONDS,
                   help="length of each sample in seconds (default %(default)g)")
    p.add_argument("--full", action="store_true", help=full_help)


def _add_tuning_args(p: argparse.ArgumentParser, *, samples_help: str, full_help: str) -> None:
    """What bisect and per-shot share: target, encoder, CRF range, scoring and sampling."""
    p.add_argument("--target", type=float, default=DEFAULT_TARGET,
                   help="target pooled score in the model's range: 0-100, 0-110 for v1-4k-tv (default %(default)g)")
    p.add_argument("--encoder", default=DEFAULT_ENCODER, help=f"{', '.join(ENCODERS)} (default %(default)s)")
    p.add_argument("--preset", help="encoder preset (default: the encoder's own, e.g. medium)")
    p.add_argument("--encoder-opt", action="append", default=[], metavar="KEY=VALUE",
                   help="extra encoder option (repeatable)")
    p.add_argument("--min-crf", type=float, help="lowest CRF to try (default: the encoder's lowest)")
    p.add_argument("--max-crf", type=float, help="highest CRF to try (default: the encoder's highest)")
    fractional = "/".join(name for name, spec in ENCODERS.items() if spec.fractional)
    p.add_argument("--crf-step", type=float, default=DEFAULT_CRF_STEP,
                   help=f"CRF resolution, fractions for {fractional} (default %(default)g)")
    p.add_argument("--pool", type=_pool_method, default=DEFAULT_POOL, metavar="METHOD",
                   help=f"how per-frame scores are pooled: {POOL_HELP} (default %(default)s)")
    _add_model_args(p)
    _add_encode_format_args(p)
    _add_sampling_args(p, samples_help=samples_help, full_help=full_help)
    p.add_argument("--no-cache", action="store_true", help="do not read or write the probe cache")
    p.add_argument("--exact-probes", action="store_true",
                   help="encode and score the whole input at every probe (by default a probe clearly far "
                   "from the target stops early with an estimate; the answer's probes are always whole)")
    p.add_argument("--threads", type=_positive_int, default=None,
                   help="CPU budget: encoder and scoring threads, shared by inputs or shots tuned in parallel "
                   "(default: all cores; more than the cores is cut to them)")
    _add_backend_arg(p)


def _add_shot_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-shot", type=float, default=DEFAULT_MIN_SHOT,
                   help="minimum shot length in seconds (default %(default)g)")
    p.add_argument("--max-shot", type=float, help="split shots longer than this many seconds")


def _add_executor_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", choices=EXECUTORS, default=DEFAULT_EXECUTOR,
                   help="where the units of work run (default %(default)s)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster)")


def _cmd_bisect(args) -> int:
    if len(args.inputs) > 1 or args.inputs_list or args.jsonl or args.executor != DEFAULT_EXECUTOR:
        return _cmd_bisect_many(args)
    if args.force or args.retry_errors:
        raise _UsageError("--force and --retry-errors go with --jsonl")
    args.input = args.inputs[0] if args.inputs else None
    _clamp_threads(args)
    check_writable(args.json)
    quiet = args.quiet
    warn = (lambda msg: None) if quiet else (lambda msg: print(f"vmaf-tune: warning: {msg}", file=sys.stderr))
    bar = Progress("probe", enabled=None if not quiet else False)

    probes_done = [0]

    def on_frame(crf: float, done: int, total: int) -> None:
        if done == 1:
            bar.restart(f"probe {probes_done[0] + 1}: crf {crf:g}, encode+score", total)
        bar.update(done)

    def on_probe(probe, n: int) -> None:
        probes_done[0] = n
        bar.close()
        if not quiet:
            src = "cached" if probe.cached else f"{probe.seconds:.1f}s"
            score = f"{probe.vmaf:.3f}"
            if probe.estimated_from is not None:
                score = f"~{probe.vmaf:.1f} (estimated from its first {probe.estimated_from} frames)"
            print(f"probe {n}: crf {probe.crf:g} -> {score} at {probe.bitrate / 1000:.0f} kb/s ({src})",
                  file=sys.stderr)

    if args.input is None and not quiet:
        print("notice: no INPUT given; tuning a built-in synthetic clip (640x360, 48 frames)", file=sys.stderr)
    selection = _choose_auto(args, input_or_builtin(args.input))
    try:
        result = bisect(
            args.input,
            args.target,
            encoder=args.encoder,
            preset=args.preset,
            encoder_options=parse_encoder_opts(args.encoder_opt),
            min_crf=args.min_crf,
            max_crf=args.max_crf,
            crf_step=args.crf_step,
            pool_method=args.pool,
            models=_models_from(args),
            neg=args.neg,
            model_paths=args.model,
            samples=args.samples,
            sample_seconds=args.sample_seconds,
            full=args.full,
            use_cache=not args.no_cache,
            exact_probes=args.exact_probes,
            threads=args.threads,
            backend=args.backend,
            pix_fmt=args.pix_fmt,
            score_bitdepth=args.score_bitdepth, encoder_threads=args.encoder_threads,
            on_probe=on_probe,
            on_frame=on_frame,
            warn=warn,
        )
    finally:
        bar.close()
    if args.json:
        write_atomic(args.json, json.dumps(_with_selection(result.as_dict(), selection), indent=2) + "\n")
    if args.json != "-":
        mode = (
            f"full ({result.frames} frames)"
            if result.mode == "full"
            else "samples at " + ", ".join(f"{s['start_time']:g}s" for s in result.samples)
            + f" ({result.samples[0]['frames']} frames each)"
        )
        print(f"crf {result.crf:g}  {result.model} {result.vmaf:.3f} ({result.pool}; target {result.target:g})")
        print(f"bitrate {result.bitrate / 1000:.1f} kb/s  predicted size {result.size_bytes / 1e6:.2f} MB")
        preset = result.preset if result.preset is not None else "(encoder default)"
        print(f"encoder {result.encoder} preset {preset}  mode {mode}  probes {len(result.probes)}")
    if not result.met:
        print(
            f"vmaf-tune: target {result.target:g} not reachable with {result.encoder} in the CRF range; "
            f"best was crf {result.crf:g} at {result.vmaf:.3f}",
            file=sys.stderr,
        )
        return EXIT_TARGET_NOT_MET
    return EXIT_OK


def _add_many_args(g) -> None:
    """What commands over many inputs share: where rows go, resuming, and where work runs."""
    g.add_argument("--jsonl", metavar="PATH|-", help="append one JSON object per finished input, as each finishes; "
                   "inputs already recorded in PATH with the same settings are skipped (resume)")
    g.add_argument("--force", action="store_true", help="run inputs already recorded in --jsonl again")
    g.add_argument("--retry-errors", action="store_true", help="run inputs recorded in --jsonl with status error again")
    _add_executor_args(g)


class _ManyProgress:
    """One line per finished input (stderr, unless quiet) and an overall bar (TTY only)."""

    def __init__(self, quiet: bool, total: int, skipped: int) -> None:
        self.quiet = quiet
        self.total = total
        self.done = self.skipped = skipped
        # The bar counts (and times) what this run does; the lines count every input.
        self.bar = Progress("inputs done", total - skipped, enabled=None if not quiet else False, unit="inputs/s")
        self.bar.update(0)
        if skipped and not quiet:
            print(f"{skipped} of {total} already recorded with the same settings; skipping them "
                  "(--force runs them again)", file=sys.stderr)
        self.failed = 0

    def line(self, text: str, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        self.bar.close()
        if not self.quiet:
            print(f"[{self.done}/{self.total}] {text}", file=sys.stderr)
        self.bar.update(self.done - self.skipped)

    def close(self) -> None:
        self.bar.close()


def _clamp_threads(args) -> None:
    """--threads above the cores is cut to them, with a notice (see budget.clamp_threads)."""
    if args.threads is not None:
        args.threads = clamp_threads(args.threads, None if args.quiet else lambda msg: print(msg, file=sys.stderr))


def _one_stdout(*paths: str | None) -> None:
    if sum(p == "-" for p in paths) > 1:
        raise _UsageError("only one output can go to stdout ('-')")


def _cmd_bisect_many(args) -> int:
    _one_stdout(args.json, args.jsonl)
    check_writable(args.json)
    inputs = list(args.inputs) + (read_inputs(args.inputs_list) if args.inputs_list else [])
    if not inputs:
        raise _UsageError("no inputs: give INPUT paths or --inputs LIST")
    quiet = args.quiet
    notice = (lambda msg: None) if quiet else (lambda msg: print(msg, file=sys.stderr))
    rows: dict[str, dict] = {}
    skipped: dict[str, dict] = {}
    items = bisect_many(
        inputs, args.target, encoder=args.encoder, preset=args.preset,
        encoder_options=parse_encoder_opts(args.encoder_opt), min_crf=args.min_crf, max_crf=args.max_crf,
        crf_step=args.crf_step, pool_method=args.pool, models=_models_from(args), neg=args.neg,
        model_paths=args.model, samples=args.samples, sample_seconds=args.sample_seconds, full=args.full,
        use_cache=not args.no_cache, exact_probes=args.exact_probes, threads=args.threads, backend=args.backend,
        pix_fmt=args.pix_fmt, score_bitdepth=args.score_bitdepth, encoder_threads=args.encoder_threads,
        executor=args.executor,
        scheduler=args.scheduler, jsonl=args.jsonl,
        force=args.force, retry_errors=args.retry_errors, on_skip=lambda path, row: skipped.__setitem__(path, row),
        notice=notice,
    )
    order = list(dict.fromkeys(inputs))
    progress = _ManyProgress(quiet, len(order), len(skipped))
    try:
        for item in items:
            rows[item.input] = item.as_dict()
            r = item.result
            if r is not None:
                text = f"{item.input}: crf {r.crf:g} -> {r.model} {r.vmaf:.3f} at {r.bitrate / 1000:.0f} kb/s"
                text += f" ({len(r.probes)} probes, {item.seconds:.1f}s)" if item.ok else f" ({item.error})"
            else:
                text = f"{item.input}: error: {item.error}"
            progress.line(text, item.ok)
    finally:
        progress.close()
    table = [rows.get(p) or skipped[p] for p in order if p in rows or p in skipped]
    if args.json:
        write_atomic(args.json, json.dumps(table, indent=2) + "\n")
    if "-" not in (args.json, args.jsonl):
        width = max(len(p) for p in order)
        print(f"{'input':<{width}}  {'crf':>5}  {'score':>8}  {'kb/s':>9}  status")
        for row in table:
            has = "crf" in row
            print(f"{row['input']:<{width}}  {row['crf'] if has else '-':>5}  "
                  f"{format(row['vmaf'], '.3f') if has else '-':>8}  "
                  f"{format(row['bitrate'] / 1000, '.1f') if has else '-':>9}  {row['status']}"
                  + (f": {row['error']}" if row.get("error") else ""))
    failed = [row for row in table if row.get("status") != STATUS_OK]
    if failed:
        print(f"vmaf-tune: {len(failed)} of {len(table)} inputs failed or missed the target (see their rows)",
              file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _cmd_score_pairs(args) -> int:
    if args.reference is not None:
        raise _UsageError("give either REF DIST or --pairs, not both")
    _one_stdout(args.json, args.csv, args.jsonl)
    for path in (args.json, args.csv):
        check_writable(path)
    pairs = read_pairs(args.pairs)
    defaults = {"width": args.width, "height": args.height, "pix_fmt": args.pix_fmt}
    pairs = [dataclasses.replace(p, **{k: v for k, v in defaults.items() if v is not None and getattr(p, k) is None})
             for p in pairs]
    quiet = args.quiet
    notice = (lambda msg: None) if quiet else (lambda msg: print(msg, file=sys.stderr))
    rows: dict[tuple[str, str], dict] = {}
    skipped: dict[tuple[str, str], dict] = {}
    models, features = _scored_models(args)
    results = score_many(
        pairs, models, neg=args.neg, model_paths=args.model, threads=args.threads,
        subsample=args.subsample, shortest=args.shortest, backend=args.backend, features=features,
        overrides={"cambi": _cambi_options(args)}, score_bitdepth=args.score_bitdepth, fps=args.fps,
        executor=args.executor, scheduler=args.scheduler,
        jsonl=args.jsonl, force=args.force, retry_errors=args.retry_errors,
        on_skip=lambda p, row: skipped.__setitem__((p.reference, p.distorted), row), notice=notice,
    )
    order = list(dict.fromkeys((p.reference, p.distorted) for p in pairs))
    progress = _ManyProgress(quiet, len(order), len(skipped))
    try:
        for r in results:
            rows[(r.reference, r.distorted)] = r.as_dict()
            if r.ok:
                text = "  ".join(f"{n} {r.pooled[n]['mean']:.6f}" for n in (*r.models, *r.features))
            else:
                text = f"error: {r.error}"
            progress.line(f"{r.reference} / {r.distorted}: {text}", r.ok)
    finally:
        progress.close()
    table = [rows.get(k) or skipped[k] for k in order if k in rows or k in skipped]
    if args.json:
        write_atomic(args.json, json.dumps(table, indent=2) + "\n")
    if args.csv:
        write_atomic(args.csv, pairs_csv(table))
    failed = [row for row in table if row.get("status") != STATUS_OK]
    if "-" not in (args.json, args.csv, args.jsonl):
        print(f"{len(table) - len(failed)} of {len(table)} pairs scored")
    if failed:
        print(f"vmaf-tune: {len(failed)} of {len(table)} pairs failed (see their rows)", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _numbers(text: str | None, what: str) -> list[float] | None:
    if text is None:
        return None
    try:
        return [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise _UsageError(f"{what} must be a comma list of numbers, got {text!r}") from None


def _cmd_compare(args) -> int:
    _clamp_threads(args)
    for path in (args.json, args.csv, args.plot):
        check_writable(path)
    if args.plot and not args.plot.lower().endswith((".png", ".svg")):
        raise _UsageError("--plot needs a .png or .svg file name")
    per_encoder: dict[str, list[str]] = {}
    for item in args.encoder_opt:
        enc, sep, kv = item.partition(":")
        if not sep:
            raise _UsageError(f"--encoder-opt {item!r} must look like ENCODER:KEY=VALUE")
        per_encoder.setdefault(enc, []).append(kv)
    quiet = args.quiet

    def on_point(p) -> None:
        if not quiet:
            scores = " ".join(f"{k} {v:.3f}" for k, v in p.scores.items())
            src = "cached" if p.cached else f"{p.seconds:.1f}s"
            print(f"{p.encoder} crf {p.crf:g}: {p.bitrate / 1000:.0f} kb/s {scores} ({src})", file=sys.stderr)

    selection = _choose_auto(args, input_or_builtin(args.input))
    result = compare(
        args.input,
        [e for e in args.encoders.split(",") if e.strip()],
        crfs=_numbers(args.crfs, "--crfs"),
        targets=_numbers(args.targets, "--targets"),
        preset=args.preset,
        encoder_options={k: parse_encoder_opts(v) for k, v in per_encoder.items()},
        models=[args.model_variant] if args.model_variant else None,
        neg=args.neg,
        model_paths=args.model,
        samples=args.samples,
        sample_seconds=args.sample_seconds,
        full=args.full,
        use_cache=not args.no_cache,
        threads=args.threads,
        backend=args.backend,
        pix_fmt=args.pix_fmt,
        score_bitdepth=args.score_bitdepth, encoder_threads=args.encoder_threads,
        executor=args.executor,
        scheduler=args.scheduler,
        on_point=on_point,
        aom_ctc=args.aom_ctc,
    )
    if args.json:
        write_atomic(args.json, json.dumps(_with_selection(result.as_dict(), selection), indent=2) + "\n")
    if args.csv:
        write_atomic(args.csv, result.to_csv())
    if args.plot:
        plot_compare(result, args.plot)
    if "-" not in (args.json, args.csv):
        width = max(len(e) for e in (*result.encoders, "encoder"))
        mw = max(len(m) for m in (*result.metrics, "metric"))
        print(f"{'encoder':<{width}}  {'metric':<{mw}}  {'BD-rate':>10}  {'BD-quality':>10}  points")
        for enc in result.encoders:
            count = sum(1 for p in result.points if p.encoder == enc)
            for m in result.metrics:
                if enc == result.anchor:
                    rate = quality = "anchor"
                else:
                    r, q = result.bd(enc, m)
                    rate = "n/a" if r is None else f"{r * 100:+.2f} %"
                    quality = "n/a" if q is None else f"{q:+.3f}"
                print(f"{enc:<{width}}  {m:<{mw}}  {rate:>10}  {quality:>10}  {count}")
        for key, why in result.problems.items():
            print(f"vmaf-tune: warning: no BD figure for {key}: {why}", file=sys.stderr)
    return EXIT_OK


def _cmd_classify(args) -> int:
    check_writable(args.json)
    raw = dict(width=args.width, height=args.height, pix_fmt=args.pix_fmt)
    c = classify(args.input, **raw)
    v1 = classify_v1(args.input, fps=args.fps, **raw)
    if args.json:
        write_atomic(args.json, json.dumps({**c.as_dict(), "v1_auto": v1.as_dict()}, indent=2) + "\n")
    if args.json != "-":
        print(f"{args.input}: {c.content} content, {c.width}x{c.height} -> model variant {c.variant}")
        for reason in c.reasons:
            print(f"  {reason}")
        print(f"v1-auto -> {v1.variant}")
        for reason in v1.reasons:
            print(f"  {reason}")
    return EXIT_OK


def _cmd_shots(args) -> int:
    check_writable(args.json)
    result = detect_shots(args.input, min_shot=args.min_shot, max_shot=args.max_shot)
    if args.json:
        write_atomic(args.json, json.dumps(result.as_dict(), indent=2) + "\n")
    if args.json != "-":
        print(f"{'shot':>4} {'start':>6} {'end':>6} {'frames':>6} {'start s':>8}")
        for i, s in enumerate(result.shots):
            print(f"{i:>4} {s.start:>6} {s.end:>6} {s.frames:>6} {s.start_time:>8.3f}")
    return EXIT_OK


def _cmd_per_shot(args) -> int:
    _clamp_threads(args)
    for path in (args.json, args.output):
        check_writable(path)
    quiet = args.quiet
    bar = Progress("shot", enabled=None if not quiet else False)

    def on_frame(shot, crf: float, done: int, total: int) -> None:
        if done == 1:
            bar.restart(f"shot {shot.start}-{shot.end}: crf {crf:g}", total)
        bar.update(done)

    remote = args.executor != "local"  # other processes: no per-frame progress, count shots instead
    shots_bar = Progress("shots tuned", enabled=None if not quiet and remote else False, unit="shots/s")
    tuned = 0

    def on_shots(shots) -> None:
        if not quiet:
            print(f"{len(shots.shots)} shots; tuning on the {args.executor} executor", file=sys.stderr)
        shots_bar.restart("shots tuned", len(shots.shots))
        shots_bar.update(0)

    def on_shot(shot, outcome) -> None:
        nonlocal tuned
        bar.close()
        shots_bar.close()
        tuned += 1
        if not quiet:
            crf, vmaf, bitrate, met = outcome
            print(f"shot {shot.start}-{shot.end}: crf {crf:g} -> {vmaf:.3f} at {bitrate / 1000:.0f} kb/s"
                  + ("" if met else " (target not reached)"), file=sys.stderr)
        shots_bar.update(tuned)

    def on_final(stage: str, done: int, total: int) -> None:
        if done == 1:
            bar.restart(f"final encode: {stage}", total)
        bar.update(done)

    selection = _choose_auto(args, args.input)
    try:
        result = per_shot(
            args.input, args.target, encoder=args.encoder, preset=args.preset,
            encoder_options=parse_encoder_opts(args.encoder_opt), min_crf=args.min_crf, max_crf=args.max_crf,
            crf_step=args.crf_step, pool_method=args.pool, models=_models_from(args), neg=args.neg,
            model_paths=args.model, min_shot=args.min_shot, max_shot=args.max_shot, samples=args.samples,
            sample_seconds=args.sample_seconds, full=args.full, use_cache=not args.no_cache,
            exact_probes=args.exact_probes,
            threads=args.threads, backend=args.backend, pix_fmt=args.pix_fmt, score_bitdepth=args.score_bitdepth,
            encoder_threads=args.encoder_threads,
            output=args.output, executor=args.executor,
            scheduler=args.scheduler, on_shots=on_shots, on_shot=on_shot, on_frame=on_frame, on_final=on_final,
        )
    finally:
        bar.close()
        shots_bar.close()
    if args.json:
        write_atomic(args.json, json.dumps(_with_selection(result.as_dict(), selection), indent=2) + "\n")
    if args.json != "-":
        print(f"{'shot':>4} {'start':>6} {'end':>6} {'crf':>5} {result.model:>10} {'kb/s':>8}")
        for i, s in enumerate(result.shots):
            final = f"  final {s.final_vmaf:.3f}" if s.final_vmaf is not None else ""
            print(f"{i:>4} {s.shot.start:>6} {s.shot.end:>6} {s.crf:>5g} {s.vmaf:>10.3f} {s.bitrate / 1000:>8.1f}{final}")
        single = result.single_crf
        line = f"per-shot {result.bitrate / 1000:.1f} kb/s"
        if result.vmaf is not None:
            line += f" ({result.model} {result.vmaf:.3f}, written to {result.output})"
        line += f"; one CRF for every shot ({single['crf']:g}) needs {single['bitrate'] / 1000:.1f} kb/s"
        if result.saving is not None:
            line += f"; saving {result.saving * 100:.1f} %"
        print(line)
    return EXIT_OK


def _cmd_models(args) -> int:
    rows = []
    for name, v in VARIANTS.items():
        try:
            model = model_variant(name)
            feats = [f.log_name for f in model.features]
            egl = sorted({f.option(f.spec.gain_limit) for f in model.features if f.spec.gain_limit})
        except VmafTuneError as exc:  # pragma: no cover - a broken install
            feats, egl = [f"unavailable: {exc}"], []
        rows.append(
            {
                "variant": name,
                "score_name": v.score_name,
                "model_file": v.file,
                "generation": v.generation,
                "trained_for": v.trained_for,
                "features": feats,
                "gain_limits": egl,
                "range": list(model.clip) if model.clip else None,
                "use_when": v.use_when,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    vw = max(len(r["variant"]) for r in rows)
    sw = max(len(r["score_name"]) for r in rows)
    for r in rows:
        if r["generation"] == "v1":
            neg = f"NEG built in (ADM gain limit 1.0, no VIF); scores {r['range'][0]:g}-{r['range'][1]:g}"
        else:
            neg = "NEG (gain limit 1.0)" if r["gain_limits"] == [1.0] else "standard (gain limit 100)"
        print(f"{r['variant']:<{vw}} -> {r['score_name']:<{sw}} {r['model_file']}")
        print(f"{'':{vw + 3}}trained for {r['trained_for']}; {neg}")
        print(f"{'':{vw + 3}}features: {', '.join(r['features'])}")
        print(f"{'':{vw + 3}}use for: {r['use_when']}")
    print(f"{'auto':<{vw}} -> one of default, neg, 4k, 4k-neg, chosen per input from its resolution and content")
    print(f"{'':{vw + 3}}see 'vmaf-tune classify INPUT' and docs/metrics/model-auto.md")
    print(f"{'v1-auto':<{vw}} -> v1 or v1-4k by resolution (2160-line class), the -hfr form at {HFR_FPS:g} fps or more")
    print(f"{'':{vw + 3}}see docs/metrics/vmaf-v1.md")
    return EXIT_OK


class _UsageError(Exception):
    pass


def raise_usage(message: str) -> None:
    raise _UsageError(message)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except _UsageError as exc:
        print(f"vmaf-tune {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except VmafTuneError as exc:
        print(f"vmaf-tune: error: {_one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("vmaf-tune: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_ERROR
    except MemoryError:
        print("vmaf-tune: error: out of memory", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: one line, or the traceback with VMAF_TUNE_DEBUG=1
        if os.environ.get("VMAF_TUNE_DEBUG"):
            raise
        print(f"vmaf-tune: internal error: {exc.__class__.__name__}: {_one_line(exc)} "
              "(set VMAF_TUNE_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_ERROR


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
