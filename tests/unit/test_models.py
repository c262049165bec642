"""Model loading, validation and evaluation (no engine involved)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from vmaf_tune import ModelError, load_model, model_variant, resolve_models
from vmaf_tune.features import FeatureRef
from vmaf_tune.models import VARIANTS, model_from_dict
from vmaf_tune.score import pool


def _tiny_model(**over):
    md = {
        "model_type": "LIBSVMNUSVR",
        "norm_type": "linear_rescale",
        "feature_names": ["VMAF_integer_feature_adm2_score", "VMAF_integer_feature_motion2_score"],
        "slopes": [0.5, 2.0, 1.0],
        "intercepts": [0.1, -1.0, 0.0],
        "score_clip": [0.0, 100.0],
        "model": "svm_type nu_svr\nkernel_type rbf\ngamma 0.5\nnr_class 2\ntotal_sv 2\nrho 0.25\nSV\n"
        "3 1:0.5 2:1.0 \n-1 2:0.25 \n",
    }
    md.update(over)
    return {"model_dict": md}


def test_tiny_svm_matches_hand_computation():
    model = model_from_dict(_tiny_model(), name="t")
    adm, motion = 0.8, 1.5
    x = np.array([2.0 * adm - 1.0, 1.0 * motion + 0.0])
    k1 = math.exp(-0.5 * ((x[0] - 0.5) ** 2 + (x[1] - 1.0) ** 2))
    k2 = math.exp(-0.5 * ((x[0] - 0.0) ** 2 + (x[1] - 0.25) ** 2))
    expected = ((3 * k1 - 1 * k2 - 0.25) - 0.1) / 0.5
    refs = {FeatureRef.make("adm", "adm2"): np.array([adm]), FeatureRef.make("motion", "motion2"): np.array([motion])}
    assert model.predict(refs)[0] == pytest.approx(expected, rel=1e-15)


def test_clip_and_transform():
    md = _tiny_model(
        score_clip=[0.0, 1.0],
        score_transform={"enabled": True, "p0": 1.0, "p1": 2.0, "p2": None, "out_lte_in": "true"},
    )
    model = model_from_dict(md)
    y = np.array([-3.0, 0.25, 5.0])
    assert list(model.transform.apply(y)) == [-5.0, 0.25, 5.0]
    md["model_dict"]["score_transform"]["enabled"] = False
    assert list(model_from_dict(md).transform.apply(y)) == list(y)


def test_knots_interpolate_and_extrapolate():
    md = _tiny_model(score_transform={"enabled": True, "knots": [[0, 0], [10, 20], [20, 25]]})
    t = model_from_dict(md).transform
    assert list(t.apply(np.array([-1.0, 5.0, 15.0, 30.0]))) == [-2.0, 10.0, 22.5, 30.0]


def test_builtin_variants_and_neg_mechanism():
    default, neg = model_variant("default"), model_variant("neg")
    assert default.name == "vmaf" and neg.name == "vmaf_neg"
    # NEG is the same SVM: only the VIF/ADM gain limits differ.
    assert np.array_equal(default.svm.sv, neg.svm.sv) and default.svm.rho == neg.svm.rho
    assert default.feature_slopes == neg.feature_slopes
    assert [f.egl for f in neg.features if f.extractor != "motion"] == [1.0] * 5
    assert [f.log_name for f in neg.features] == [
        "integer_adm2_egl_1",
        "integer_motion2",
        "integer_vif_scale0_egl_1",
        "integer_vif_scale1_egl_1",
        "integer_vif_scale2_egl_1",
        "integer_vif_scale3_egl_1",
    ]
    assert default.neg().features == neg.features
    k4 = model_variant("4k-neg")
    assert k4.name == "vmaf_4k_neg" and k4.is_neg and k4.svm.sv.shape[0] == 262
    assert model_variant("4k", neg=True).features == k4.features
    phone = model_variant("phone")
    assert phone.transform.enabled and phone.transform.out_gte_in and not default.transform.enabled
    fl = model_variant("float-neg")
    assert fl.name == "vmaf_float_neg" and {f.family for f in fl.features} == {"float"} and fl.is_neg
    v1 = {f"v1{s}{h}" for s in ("", "-phone", "-4k", "-4k-tv") for h in ("", "-hfr")}
    assert set(VARIANTS) == {"default", "neg", "4k", "4k-neg", "phone", "float", "float-neg"} | v1


def test_resolve_models_lists_paths_and_neg(tmp_path):
    assert [m.name for m in resolve_models("default,neg")] == ["vmaf", "vmaf_neg"]
    assert [m.name for m in resolve_models(None, neg=True)] == ["vmaf_neg"]
    assert [m.name for m in resolve_models("4k", neg=True)] == ["vmaf_4k_neg"]
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(_tiny_model()))
    assert [m.name for m in resolve_models(None, model_paths=[path])] == ["custom"]
    assert [m.name for m in resolve_models(None, model_paths=[path], neg=True)] == ["custom_neg"]
    with pytest.raises(ModelError, match="unknown model variant 'bogus'"):
        resolve_models("bogus")
    with pytest.raises(ModelError, match="both be reported"):
        resolve_models("default,default")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["model_dict"].update(feature_names=["VMAF_feature_cambi_score", "VMAF_integer_feature_motion2_score"]), "unknown feature"),
        (lambda d: d["model_dict"].update(slopes=[1.0, 2.0]), "slopes must have 3"),
        (lambda d: d["model_dict"].update(intercepts=[0.0, float("nan"), 0.0]), "finite"),
        (lambda d: d["model_dict"].update(model="svm_type nu_svr\nkernel_type rbf\ngamma 1\ntotal_sv 3\nrho 0\nSV\n1 1:1\n"), "declares 3"),
        (lambda d: d["model_dict"].update(model="svm_type c_svc\nkernel_type rbf\nSV\n"), "svm_type"),
        (lambda d: d["model_dict"].update(model_type="BOOTSTRAP_LIBSVMNUSVR"), "model_type"),
        (lambda d: d["model_dict"].update(feature_opts_dicts=[{"adm_enhn_gain_limit": 0.5}, {}]), ">= 1.0"),
        (lambda d: d["model_dict"].update(feature_opts_dicts=[{"foo": 1}, {}]), "unsupported option"),
        (lambda d: d.pop("model_dict"), "no model_dict"),
    ],
)
def test_bad_models_give_clear_errors(tmp_path, mutate, message):
    data = _tiny_model()
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ModelError, match=message) as err:
        load_model(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_unreadable_model_files(tmp_path):
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(ModelError, match="malformed JSON"):
        load_model(tmp_path / "broken.json")
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "missing.json")
    with pytest.raises(ModelError, match="directory"):
        load_model(tmp_path)
    (tmp_path / "nan.json").write_text(json.dumps(_tiny_model()).replace("0.5, 2.0", "NaN, 2.0"))
    with pytest.raises(ModelError, match="finite"):
        load_model(tmp_path / "nan.json")
    with pytest.raises(ModelError, match="pkl"):
        load_model(tmp_path / "legacy.pkl")


def test_pooling_follows_libvmaf():
    v = [10.0, 20.0, 40.0]
    assert pool(v, "mean") == pytest.approx(70 / 3)
    assert pool(v, "harmonic_mean") == pytest.approx(3 / (1 / 11 + 1 / 21 + 1 / 41) - 1)
    assert pool(v, "min") == 10 and pool(v, "max") == 40
    assert pool(v, "p50") == 20
    with pytest.raises(ValueError):
        pool(v, "median")
    with pytest.raises(ValueError):
        pool([], "mean")


def _legacy_pair(tmp_path, data: object, svm_text: str, name="legacy.pkl"):
    import pickle

    pkl = tmp_path / name
    pkl.write_bytes(pickle.dumps(data, protocol=0))
    (tmp_path / (name + ".model")).write_text(svm_text)
    return pkl


def test_legacy_pickle_pair_loads_as_plain_data(tmp_path):
    src = json.loads(Path(model_variant("default").source).read_text())
    svm_text = src["model_dict"]["model"]
    md = dict(src["model_dict"], model=None)
    pkl = _legacy_pair(tmp_path, {"param_dict": {"C": 4.0}, "model_dict": md}, svm_text)
    legacy = load_model(pkl)
    default = model_variant("default")
    assert legacy.name == "legacy" and legacy.features == default.features
    assert np.array_equal(legacy.svm.sv, default.svm.sv) and legacy.svm.rho == default.svm.rho
    assert load_model(str(pkl) + ".model").features == default.features


class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os

        return (os.system, (f"touch {self.marker}",))


def test_malicious_pickle_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    pkl = _legacy_pair(tmp_path, {"model_dict": {"x": _Evil(marker)}}, "svm_type nu_svr\n")
    with pytest.raises(ModelError, match="unsafe or invalid pickle") as err:
        load_model(pkl)
    assert not marker.exists()
    assert "posix.system" in str(err.value) or "os.system" in str(err.value)
    # Naive loading really would have run the command: the test pickle is live.
    import pickle

    pickle.loads(pkl.read_bytes())
    assert marker.exists()


def test_legacy_pickle_without_its_model_file(tmp_path):
    import pickle

    pkl = tmp_path / "lonely.pkl"
    pkl.write_bytes(pickle.dumps({"model_dict": {}}))
    with pytest.raises(ModelError, match="does not exist"):
        load_model(pkl)
