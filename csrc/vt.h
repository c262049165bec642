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
/* ---- begin h-ssim: float_ssim, float_ms_ssim, psnr_hvs (libvmaf's feature names) ---- */
#define VT_FLOAT_SSIM_MIN_W 11     /* after decimation by the scale (see vt_float_ssim_new) */
#define VT_FLOAT_SSIM_MIN_H 11
#define VT_FLOAT_MS_SSIM_MIN_W 176 /* libvmaf: (w >> 4) and (h >> 4) >= 11 */
#define VT_FLOAT_MS_SSIM_MIN_H 176
#define VT_PSNR_HVS_MAX_BPC 12     /* libvmaf's psnr_hvs refuses deeper input */

/* Options of float_ssim / float_ms_ssim as libvmaf parses them (bools are 0/1). */
typedef struct vt_ssim_opts {
    int enable_db;  /* score = min(-10 log10(1 - ssim), max_db) */
    int clip_db;    /* max_db = ceil(10 log10(peak^2 w h / 0.5)) instead of infinity */
    int scale;      /* float_ssim only: 0 = auto, 1 = none, 2..10 = decimation factor;
                       must be 0 for float_ms_ssim */
} vt_ssim_opts;

/* float_ssim on the luma plane. o may be NULL (libvmaf's defaults). VT_ETOOSMALL when the
   (decimated) plane is under 11x11. Samples become v / 2^(bpc-8) as in libvmaf's picture_copy
   (libvmaf itself is only fed 8, 10, 12 and 16 bits; 9, 11 and 13-15 follow the same rule). The
   options do not change the name libvmaf prints ("float_ssim", "float_ms_ssim"). */
typedef struct vt_float_ssim vt_float_ssim;
int vt_float_ssim_new(vt_float_ssim **out, int w, int h, int bpc, const vt_ssim_opts *o);
void vt_float_ssim_free(vt_float_ssim *ctx);
/* score = float_ssim (in dB with enable_db, may be +inf without clip_db); lcs (may be NULL)
   receives 3 doubles, float_ssim_l, float_ssim_c, float_ssim_s (libvmaf's enable_lcs outputs). */
int vt_float_ssim_compute(vt_float_ssim *ctx, const vt_plane *ref, const vt_plane *dis,
                          double *score, double *lcs);
/* The decimation factor a context uses (resolves scale 0); libvmaf's automatic rule. */
int vt_float_ssim_scale(const vt_float_ssim *ctx);
int vt_float_ssim_auto_scale(int w, int h);

/* float_ms_ssim on the luma plane (5 scales); o->scale must be 0. */
typedef struct vt_float_ms_ssim vt_float_ms_ssim;
int vt_float_ms_ssim_new(vt_float_ms_ssim **out, int w, int h, int bpc, const vt_ssim_opts *o);
void vt_float_ms_ssim_free(vt_float_ms_ssim *ctx);
/* score = float_ms_ssim; lcs (may be NULL) receives 15 doubles: float_ms_ssim_l_scale0..4,
   float_ms_ssim_c_scale0..4, float_ms_ssim_s_scale0..4. */
int vt_float_ms_ssim_compute(vt_float_ms_ssim *ctx, const vt_plane *ref, const vt_plane *dis,
                             double *score, double *lcs);

/* psnr_hvs on Y, Cb and Cr (8..12 bits). chroma is 420, 422 or 444; the chroma planes are
   computed at libvmaf's size (w >> 1 for 420/422, h >> 1 for 420): planes one sample larger
   in a subsampled dimension (the usual rounded-up layout of odd sizes) are accepted and only
   their top-left region is read. */
typedef struct vt_psnr_hvs vt_psnr_hvs;
int vt_psnr_hvs_new(vt_psnr_hvs **out, int w, int h, int bpc, int chroma);
void vt_psnr_hvs_free(vt_psnr_hvs *ctx);
/* planes: Y, U, V of each picture. scores receives 4 doubles: psnr_hvs_y, psnr_hvs_cb,
   psnr_hvs_cr, psnr_hvs (+inf where a plane is identical; libvmaf prints null). */
int vt_psnr_hvs_compute(vt_psnr_hvs *ctx, const vt_plane ref[3], const vt_plane dis[3],
                        double *scores);
/* ---- end h-ssim ---- */
/* VT_CDEF_END */

#endif
