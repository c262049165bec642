"""Test support: the integer and float kernels of one geometry behind one call, with each
extractor's outputs as named attributes (what these tests assert on)."""

from __future__ import annotations

from types import SimpleNamespace

from vmaf_tune._native import KERNELS


def min_size() -> tuple[int, int]:
    """The smallest frame every v0 kernel accepts (each declares its own minimum)."""
    sizes = [KERNELS[n].min_size for n in ("vif", "adm", "motion")]
    return max(w for w, _ in sizes), max(h for _, h in sizes)


class FeatureEngine:
    def __init__(self, w, h, bpc, *, vif_egl=(), adm_egl=(), motion=False, float_vif_egl=(), float_adm_egl=(),
                 float_motion=False):
        self._k = {}
        for name, egl in (("vif", vif_egl), ("adm", adm_egl), ("float_vif", float_vif_egl), ("float_adm", float_adm_egl)):
            if egl:
                self._k[name] = KERNELS[name](w, h, bpc, [{"egl": e} for e in egl])
        for name, on in (("motion", motion), ("float_motion", float_motion)):
            if on:
                self._k[name] = KERNELS[name](w, h, bpc)

    def compute(self, ref, dis, prev):
        prevs = () if prev is None else (prev,)
        out = {n: k.compute((ref,), (dis,), prevs) for n, k in self._k.items()}
        f = SimpleNamespace()
        for fam in ("", "float_"):
            vif, adm, motion = out.get(fam + "vif"), out.get(fam + "adm"), out.get(fam + "motion")
            setattr(f, fam + "vif", vif)
            setattr(f, fam + "adm2", None if adm is None else adm[:, 0])
            setattr(f, fam + "adm_scales", None if adm is None else adm[:, 1:5])
            setattr(f, fam + "motion", None if motion is None else float(motion[0, 0]))
        return f
