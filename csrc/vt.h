/*
 * vmaf-tune native engine: VMAF's integer features computed bit-exactly as libvmaf 3.x does.
 *
 * This header is the single source of declarations: the cffi build reads it (lines between
 * the VT_CDEF_BEGIN / VT_CDEF_END markers, preprocessor lines dropped), so keep that part
 * plain C that cffi's parser accepts.
 *
 * Planes are luma only. Samples are uint8 for bpc == 8 and native-endian uint16 (LSB aligned,
 * values 0 .. 2^bpc - 1) for 9 <= bpc <= 16. Strides are in bytes and may be padded; they
 * must be >= w * bytes_per_sample. Nothing is ever written to caller planes.
 *
 * Every function returns VT_OK (0) or a negative VT_E* code. A context is used by one thread
 * at a time; several contexts may run concurrently (no mutable global state).
 */
#ifndef VT_H
#define VT_H
#include <stddef.h>
#include <stdint.h>

/* VT_CDEF_BEGIN */
#define VT_OK 0
#define VT_EINVAL -1      /* NULL pointer, bad stride, bad bit depth, bad option value */
#define VT_ENOMEM -2      /* allocation failed */
#define VT_ETOOSMALL -3   /* frame smaller than the algorithms allow */
#define VT_ESIZE -4       /* plane size differs from the size the context was made for */

#define VT_MAX_EGL 4      /* enhancement-gain-limit variants computed in one pass */

typedef struct vt_plane {
    const void *data;
    ptrdiff_t stride;
    int w;
    int h;
    int bpc;
} vt_plane;

/* ---- SIMD dispatch. Contexts created afterwards use the chosen code path. ---- */
/* Returns 1 if the AVX2 path is available on this CPU and build (AVX2 and FMA). */
int vt_simd_available(void);
/* enabled = 0 forces the scalar path (the readable reference), 1 uses SIMD where available.
   The default is SIMD unless the environment variable VMAF_TUNE_SIMD is "0" or "off".
   Returns the previous setting. */
int vt_set_simd(int enabled);

/* ---- VIF (integer_vif): 4 scales; for each gain limit, score[k][scale] = num / den. ---- */
typedef struct vt_vif vt_vif;
int vt_vif_new(vt_vif **out, int w, int h, int bpc);
void vt_vif_free(vt_vif *ctx);
/* egl[k] >= 1.0 is vif_enhn_gain_limit (100.0 = libvmaf default, 1.0 = NEG).
   scores receives n_egl * 4 doubles: scores[k * 4 + scale]. */
int vt_vif_compute(vt_vif *ctx, const vt_plane *ref, const vt_plane *dis,
                   const double *egl, int n_egl, double *scores);

/* ---- ADM (integer_adm, adm2): for each gain limit, adm2 and the 4 per-scale ratios. ---- */
typedef struct vt_adm vt_adm;
int vt_adm_new(vt_adm **out, int w, int h, int bpc);
void vt_adm_free(vt_adm *ctx);
/* egl[k] >= 1.0 is adm_enhn_gain_limit. adm2 receives n_egl doubles; scales (may be NULL)
   receives n_egl * 4 doubles: integer_adm_scale{0..3} for each gain limit. */
int vt_adm_compute(vt_adm *ctx, const vt_plane *ref, const vt_plane *dis,
                   const double *egl, int n_egl, double *adm2, double *scales);
/* ---- ADM (begin): integer_adm with libvmaf's ADM options (VMAF v1 models: csf_mode 2, aim, adm3). ---- */
#define VT_ADM_MAX_CFG 8  /* configurations computed in one pass */
#define VT_ADM_NOUT 7     /* doubles per configuration in vt_adm_compute_cfg's out */
/* One set of libvmaf integer_adm options (libvmaf's defaults from vt_adm_cfg_default). */
typedef struct vt_adm_cfg {
    double egl;             /* adm_enhn_gain_limit, 1 .. 100 (default 100) */
    int csf_mode;           /* adm_csf_mode: 0 Watson 1997 (default), 2 Barten/Watson blend
                               (the v1.0.16 models), 3 blend with the MAE fit; 1 is unsupported */
    double norm_view_dist;  /* adm_norm_view_dist, 0.75 .. 24 (default 3.0) */
    int ref_display_height; /* adm_ref_display_height, 1 .. 4320 (default 1080) */
    double noise_weight;    /* adm_noise_weight, 0 .. 1500 (default 0.03125) */
    double dlm_weight;      /* adm_dlm_weight, 0 .. 1 (default 0.5): adm3 only */
    double min_val;         /* adm_min_val, 0 .. 1 (default 0.0): adm3 only */
    int aim;                /* 1 (default): compute aim and adm3; 0: skip them (adm_skip_aim) */
} vt_adm_cfg;
void vt_adm_cfg_default(vt_adm_cfg *cfg);
/* Every configuration from one wavelet transform of ref and dis. out receives
   n_cfg * VT_ADM_NOUT doubles, for configuration k at out[k * VT_ADM_NOUT + i]:
   i = 0 integer_adm2, 1..4 integer_adm_scale0..3, 5 integer_aim, 6 integer_adm3
   (aim and adm3 are NaN when cfg.aim is 0, and when the denominator is 0, where libvmaf's are
   undefined). VT_EINVAL for options out of range, csf_mode 1, nvd * rdh < 3 * 1080 (libvmaf
   refuses those frames) and, for csf_mode 2 and 3, (rdh, nvd) pairs without a CSF table
   (libvmaf computes garbage there). n_cfg: 1 .. VT_ADM_MAX_CFG. Fractional gain limits (e.g. 1.2)
   follow libvmaf's C code, which its x86 SIMD build does not at scale 0 (it rounds rst * egl
   where the C code truncates: tests/oracle/data/adm/README.md); so does vt_adm_compute. */
int vt_adm_compute_cfg(vt_adm *ctx, const vt_plane *ref, const vt_plane *dis,
                       const vt_adm_cfg *cfg, int n_cfg, double *out);
/* ---- ADM (end) ---- */

/* ---- Motion (integer_motion): SAD of the blurred difference of two reference frames. ---- */
typedef struct vt_motion vt_motion;
int vt_motion_new(vt_motion **out, int w, int h, int bpc);
void vt_motion_free(vt_motion *ctx);
/* score receives libvmaf's VMAF_integer_feature_motion_sad_score for (prev, cur). */
int vt_motion_compute(vt_motion *ctx, const vt_plane *prev, const vt_plane *cur, double *score);
/* ---- Float features (float_vif, float_adm, float_motion), for the float models. ---- */
typedef struct vt_float_vif vt_float_vif;
int vt_float_vif_new(vt_float_vif **out, int w, int h, int bpc);
void vt_float_vif_free(vt_float_vif *ctx);
/* scores[k * 4 + scale] = libvmaf's VMAF_feature_vif_scale{scale}_score for gain limit egl[k]. */
int vt_float_vif_compute(vt_float_vif *ctx, const vt_plane *ref, const vt_plane *dis,
                         const double *egl, int n_egl, double *scores);

typedef struct vt_float_adm vt_float_adm;
int vt_float_adm_new(vt_float_adm **out, int w, int h, int bpc);
void vt_float_adm_free(vt_float_adm *ctx);
/* adm2[k] = VMAF_feature_adm2_score, scales[k * 4 + s] = adm_scale{s} (scales may be NULL). */
int vt_float_adm_compute(vt_float_adm *ctx, const vt_plane *ref, const vt_plane *dis,
                         const double *egl, int n_egl, double *adm2, double *scales);

typedef struct vt_float_motion vt_float_motion;
int vt_float_motion_new(vt_float_motion **out, int w, int h, int bpc);
void vt_float_motion_free(vt_float_motion *ctx);
/* score = libvmaf's float "motion" (VMAF_feature_motion_score) between prev and cur. */
int vt_float_motion_compute(vt_float_motion *ctx, const vt_plane *prev, const vt_plane *cur,
                            double *score);
/* VT_CDEF_END */

#endif
