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

/* Smallest frames each extractor accepts (vt_*_new returns VT_ETOOSMALL below them). */
#define VT_VIF_MIN_W 16
#define VT_VIF_MIN_H 24
#define VT_ADM_MIN_W 33
#define VT_ADM_MIN_H 33
#define VT_MOTION_MIN_W 3
#define VT_MOTION_MIN_H 3
#define VT_FLOAT_VIF_MIN_W 16
#define VT_FLOAT_VIF_MIN_H 16
#define VT_FLOAT_ADM_MIN_W 17
#define VT_FLOAT_ADM_MIN_H 17
#define VT_FLOAT_MOTION_MIN_W 3
#define VT_FLOAT_MOTION_MIN_H 3

typedef struct vt_plane {
    const void *data;
    ptrdiff_t stride;
    int w;
    int h;
    int bpc;
} vt_plane;

/* One line describing a VT_* return code (a static string; "unknown error" for others). */
const char *vt_strerror(int code);

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
/* ---- psnr / ciede (issue 19): libvmaf's "psnr" and "ciede" extractors. BEGIN psnr-ciede ---- */
/* Both take three planes (Y, U, V). Chroma sizes are checked against the luma size: cw x ch is
   w x h (4:4:4), half width (4:2:2) or half width and height (4:2:0), halves rounded either
   way ((w + 1) >> 1 or w >> 1); libvmaf reads only w >> 1 x h >> 1 of odd-sized subsampled
   planes and so do these. psnr also takes chroma_w = chroma_h = 0 (luma only, 4:0:0). */
#define VT_PSNR_MIN_W 2
#define VT_PSNR_MIN_H 2
#define VT_CIEDE_MIN_W 2
#define VT_CIEDE_MIN_H 2

/* libvmaf's psnr options that change values (enable_mse and enable_apsnr only choose what is
   printed: mse, sse and pixel counts always come back from vt_psnr_compute).
   Defaults as libvmaf: enable_chroma 1, reduced_hbd_peak 0, min_sse 0.0. */
typedef struct vt_psnr_opts {
    int enable_chroma;
    int reduced_hbd_peak;
    double min_sse; /* >= 0, finite; the double libvmaf ends up with (it parses with atof) */
} vt_psnr_opts;

typedef struct vt_psnr vt_psnr;
/* opts may be NULL (defaults). */
int vt_psnr_new(vt_psnr **out, int w, int h, int bpc, int chroma_w, int chroma_h,
                const vt_psnr_opts *opts);
void vt_psnr_free(vt_psnr *ctx);
/* psnr[p] = psnr_y / psnr_cb / psnr_cr; mse[p] = libvmaf's mse_y / mse_cb / mse_cr (enable_mse);
   sse[p] and npix[p] = the frame's sum of squared differences and pixel count, which APSNR
   sums over the clip. Planes not computed (chroma disabled or 4:0:0) give NAN, NAN, 0, 0.
   mse, sse and npix may be NULL. */
int vt_psnr_compute(vt_psnr *ctx, const vt_plane ref[3], const vt_plane dis[3], double psnr[3],
                    double mse[3], uint64_t sse[3], uint64_t npix[3]);
/* libvmaf's aggregate apsnr_y / apsnr_cb / apsnr_cr (enable_apsnr) for one plane, from the sums
   over all frames of that plane's sse and npix: min(10 (log10 peak^2 + log10 npix - log10 sse),
   ceil(10 log10(peak^2 npix 2))). sse 0 gives that cap; npix 0 gives -INFINITY (as libvmaf). */
int vt_psnr_apsnr(int bpc, int reduced_hbd_peak, uint64_t sse, uint64_t npix, double *apsnr);

typedef struct vt_ciede vt_ciede;
/* chroma_w / chroma_h as for psnr, but 4:0:0 is refused (libvmaf needs colour). */
int vt_ciede_new(vt_ciede **out, int w, int h, int bpc, int chroma_w, int chroma_h);
void vt_ciede_free(vt_ciede *ctx);
/* score = libvmaf's ciede2000: 45 - 20 log10(mean CIEDE2000 colour difference); +INFINITY for
   identical frames. */
int vt_ciede_compute(vt_ciede *ctx, const vt_plane ref[3], const vt_plane dis[3], double *score);
/* ---- END psnr-ciede ---- */
/* VT_CDEF_END */

#endif
