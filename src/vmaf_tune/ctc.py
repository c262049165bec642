"""The AOM common test conditions' metric set, as libvmaf's ``vmaf --aom_ctc VERSION`` computes it.

AV1/AV2 codec comparisons report BD-rate over exactly this set: VMAF and VMAF NEG (libvmaf master's
ADM with AIM and its motion, so every value it prints is printed here too), PSNR Y/Cb/Cr with APSNR,
CIEDE2000, SSIM and MS-SSIM in dB, PSNR-HVS and, from v3.0 on, CAMBI. v7.0 fixes SSIM's
decimation at 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError
from .models import Model, model_variant

__all__ = ["AOM_CTC_VERSIONS", "CtcPreset", "aom_ctc"]

AOM_CTC_VERSIONS = ("v1.0", "v2.0", "v3.0", "v4.0", "v5.0", "v6.0", "v7.0")

# The pooled values AOM's reports compare by BD-rate, in their order (CAMBI is reported, not BD-rated).
BD_METRICS = ("psnr_y", "psnr_cb", "psnr_cr", "apsnr_y", "apsnr_cb", "apsnr_cr", "psnr_hvs", "float_ssim",
              "float_ms_ssim", "ciede2000", "vmaf", "vmaf_neg")


@dataclass(frozen=True)
class CtcPreset:
    version: str
    models: tuple[Model, ...]
    features: tuple[str, ...]  # libvmaf's --feature syntax

    def as_dict(self) -> dict:
        return {"aom_ctc": self.version, "models": [m.name for m in self.models], "features": list(self.features)}


def _master(model: Model) -> Model:
    """The model as libvmaf master computes it: ADM with AIM (printed), master's motion outputs."""
    return model.with_options("adm", {"adm_skip_aim": False}).with_extractor("motion", "motion_v1")


def aom_ctc(version: str) -> CtcPreset:
    """libvmaf's ``--aom_ctc VERSION`` preset (v1.0 ... v7.0)."""
    if version not in AOM_CTC_VERSIONS:
        raise InputError(f"unknown AOM CTC version {version!r} (choose from {', '.join(AOM_CTC_VERSIONS)})")
    n = float(version[1:])
    ssim = "float_ssim=enable_db=true:clip_db=true" + (":scale=1" if n >= 7 else "")
    features = [
        "psnr=reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5",
        "ciede",
        ssim,
        "float_ms_ssim=enable_db=true:clip_db=true",
        "psnr_hvs",
    ]
    if n >= 3:
        features.append("cambi")
    return CtcPreset(version, (_master(model_variant("default")), _master(model_variant("neg"))), tuple(features))
