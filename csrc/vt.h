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
/* Returns 1 if this CPU and build also have the AVX-VNNI build of the AVX2 loops (integer VIF's
   filters: a multiply-add and its accumulation in one instruction), which gives the same bits. */
int vt_avxvnni_available(void);
/* enabled = 0 keeps SIMD contexts on plain AVX2; 1 (the default unless VMAF_TUNE_SIMD is "avx2")
   takes the AVX-VNNI build where available. Returns the previous setting. */
int vt_set_avxvnni(int enabled);

/* ---- VIF (integer_vif): 4 scales; for each gain limit, score[k][scale] = num / den. ---- */
typedef struct vt_vif vt_vif;
int vt_vif_new(vt_vif **out, int w, int h, int bpc);
void vt_vif_free(vt_vif *ctx);
/* egl[k] >= 1.0 is vif_enhn_gain_limit (100.0 = libvmaf default, 1.0 = NEG).
   scores receives n_egl * 4 doubles: scores[k * 4 + scale]. */
int vt_vif_compute(vt_vif *ctx, const vt_plane *ref, const vt_plane *dis,
                   const double *egl, int n_egl, double *scores);
/* Reference state: what VIF computes from the reference alone (its decimated planes, its
   filtered mean and variance per pixel of every scale, the denominators), computed once per
   reference frame and read, never written, by vt_vif_compute_ref, which gives the same bits as
   vt_vif_compute with that frame. vt_vif_ref_compute fills a state; vt_vif_compute_keep is
   vt_vif_compute that also fills one (for the first distorted frame scored against a reference
   frame: it costs little more than vt_vif_compute). A state is the same whichever code path
   computed it, and may be read by several contexts at once (of its geometry and bit depth: else
   VT_ESIZE); a state not yet computed is VT_EINVAL. vt_vif_ref_bytes: the memory of one state
   (0 for a geometry vt_vif_ref_new refuses), about 12.3 (8-bit) or 13.3 bytes per pixel. */
typedef struct vt_vif_ref vt_vif_ref;
size_t vt_vif_ref_bytes(int w, int h, int bpc);
int vt_vif_ref_new(vt_vif_ref **out, int w, int h, int bpc);
void vt_vif_ref_free(vt_vif_ref *ref);
int vt_vif_ref_compute(vt_vif *ctx, vt_vif_ref *ref, const vt_plane *plane);
int vt_vif_compute_keep(vt_vif *ctx, vt_vif_ref *ref, const vt_plane *ref_plane, const vt_plane *dis,
                        const double *egl, int n_egl, double *scores);
int vt_vif_compute_ref(vt_vif *ctx, const vt_vif_ref *ref, const vt_plane *dis,
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
/* Reference cache: the reference-only half of ADM (its wavelet bands at every scale and its
   pooled detail, the denominators), computed once per reference frame by vt_adm_ref_compute
   (with ctx's code path) and read, never written, by vt_adm_compute_ref/_cfg_ref, which give
   the same bits as vt_adm_compute/_cfg with that frame. One vt_adm_ref may be read by several
   contexts at once (of the same geometry: else VT_ESIZE); a cache not yet computed is VT_EINVAL.
   About 4 * w * h bytes. */
typedef struct vt_adm_ref vt_adm_ref;
int vt_adm_ref_new(vt_adm_ref **out, int w, int h, int bpc);
void vt_adm_ref_free(vt_adm_ref *ref);
int vt_adm_ref_compute(vt_adm *ctx, vt_adm_ref *ref, const vt_plane *plane);
int vt_adm_compute_ref(vt_adm *ctx, const vt_adm_ref *ref, const vt_plane *dis,
                       const double *egl, int n_egl, double *adm2, double *scales);
int vt_adm_compute_cfg_ref(vt_adm *ctx, const vt_adm_ref *ref, const vt_plane *dis,
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
/* ---- SpEED chroma (speed_chroma): BEGIN ---- */
/* libvmaf's speed_chroma extractor on one picture pair: U and V planes of the reference and the
   distorted picture. cw x ch is the size libvmaf works at: luma w/2 x h/2 for 4:2:0, w/2 x h for
   4:2:2, w x h for 4:4:4, truncated (for odd luma sizes pass the chroma planes with w/h set to
   these sizes; libvmaf ignores the last chroma column/row then). bpc is 8, 10, 12 or 16 (the
   depths libvmaf's picture_copy reads correctly). Gray (4:0:0) input is rejected by libvmaf.
   Option values are used as given: to reproduce a libvmaf run from a model file or a
   --feature string, pass atof(sprintf("%g", (float)value)) for values taken from a model JSON
   and atof(string) for values given as text. */
#define VT_SPEED_NEAREST 0   /* libvmaf's default prescale method */
#define VT_SPEED_BILINEAR 1  /* the v1.0.16 models' method */
#define VT_SPEED_BICUBIC 2
#define VT_SPEED_LANCZOS4 3
typedef struct vt_speed vt_speed;
typedef struct vt_speed_opts {
    double prescale;      /* speed_prescale, 0.1 .. 4.0; |prescale - 1| < 1e-3 means off */
    int prescale_method;  /* speed_prescale_method: VT_SPEED_* */
    double kernelscale;   /* speed_kernelscale, one of libvmaf's valid_kernelscales */
    double nn_floor;      /* speed_nn_floor, 0 .. 1 */
    double sigma_nn;      /* speed_sigma_nn, 0.1 .. 2 */
    int weight_var_mode;  /* speed_weight_var_mode, 0 .. 6 */
    double max_val;       /* speed_max_val, 0 .. 1000: outputs are min(score, max_val) */
} vt_speed_opts;
/* libvmaf's defaults: prescale 1, nearest, kernelscale 1, nn_floor 0, sigma_nn 0.29, mode 0,
   max_val 1000. (The v1.0.16 models use nn_floor 0.1, sigma_nn 0.19, mode 5, max_val 45.) */
void vt_speed_default_opts(vt_speed_opts *o);
/* The prescaled size libvmaf works at: (int)(cw * prescale + 0.5) x (int)(ch * prescale + 0.5).
   Returns VT_ETOOSMALL when a prescaled side is below 80 (libvmaf's init then fails, the error
   is ignored and libvmaf crashes), VT_EINVAL for bad arguments. ws/hs may be NULL. Smallest
   accepted chroma side: 80 (prescale 1), 133 (0.6), 159 (0.5). Accepted sizes can still give 0
   on every frame: with tw x th = (ws >> 4) x (hs >> 4) cut down to multiples of 5, fewer than 25
   patch positions ((tw - 4) * (th - 4) < 25) make the 25x25 covariance singular, which libvmaf
   normally detects in float ("covariance matrix is singular", score 0), e.g. 640x360 4:2:0 with
   prescale 0.6 or 0.5. */
int vt_speed_geometry(int cw, int ch, double prescale, int *ws, int *hs);
/* VT_ETOOSMALL as vt_speed_geometry, VT_EINVAL for a bad depth or option (libvmaf's ranges). */
int vt_speed_new(vt_speed **out, int cw, int ch, int bpc, const vt_speed_opts *opts);
/* u, v, uv receive Speed_chroma_feature_speed_chroma_{u,v,uv}_score (floats, min(x, max_val)). */
int vt_speed_compute(vt_speed *ctx, const vt_plane *ref_u, const vt_plane *ref_v,
                     const vt_plane *dis_u, const vt_plane *dis_v, double *u, double *v, double *uv);
void vt_speed_free(vt_speed *ctx);
/* ---- SpEED chroma: END ---- */

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
/* For tests: the same score from a straight port of libvmaf's loop (slow), and the sizes of the
   context's value caches (log2 slot counts, 1 .. 24; cleared) to exercise their collisions. */
int vt_ciede_compute_reference(vt_ciede *ctx, const vt_plane ref[3], const vt_plane dis[3],
                               double *score);
int vt_ciede_set_cache_bits(vt_ciede *ctx, int lab_bits, int pair_bits);
/* ---- END psnr-ciede ---- */

/* ---- CAMBI (libvmaf's "cambi" banding feature, no-reference: reads the distorted luma). ---- */
/* CAMBI_BEGIN */
#define VT_CAMBI_MIN_SIDE 216 /* VT_ETOOSMALL when both the width and the height are below */
#define VT_CAMBI_EOTF_BT1886 0
#define VT_CAMBI_EOTF_PQ 1
typedef struct vt_cambi vt_cambi;
/* Every libvmaf cambi option that changes the "cambi" value, as the double/int libvmaf's
   extractor finally holds (see vt_cambi_default_opts for the defaults). */
typedef struct vt_cambi_opts {
    int enc_width;            /* 0 = input width; else 180..7680 (enc_width) */
    int enc_height;           /* 0 = input height; else 150..7680 (enc_height) */
    int enc_bitdepth;         /* 0 = input bpc; else 6..16 (enc_bitdepth) */
    int high_res_speedup;     /* 0..2160; 1080/1440/2160 = cambi_high_res_speedup, others = off */
    int window_size;          /* 15..127, default 65 (window_size) */
    double topk;              /* 0.0001..1, default 0.6 (topk, or cambi_topk when topk is 0.6) */
    double tvi_threshold;     /* 0.0001..1, default 0.019 (tvi_threshold) */
    int max_log_contrast;     /* 0..5, default 2 (max_log_contrast) */
    double vis_lum_threshold; /* 0..300, default 0 (cambi_vis_lum_threshold) */
    double max_val;           /* 0..1000, default 1000 (cambi_max_val) */
    int eotf;                 /* VT_CAMBI_EOTF_*, default BT1886 (cambi_eotf, or eotf) */
} vt_cambi_opts;
void vt_cambi_default_opts(vt_cambi_opts *opts);
/* opts NULL = defaults. Option values are used as given: to reproduce a libvmaf run pass
   atof(sprintf("%g", (float)value)) for values from a model JSON and atof/atoi(text) for
   --feature strings; topk is libvmaf's topk unless that is 0.6, then cambi_topk; eotf is
   cambi_eotf unless that is "bt1886", then eotf. VT_ETOOSMALL when libvmaf refuses the size
   (both sides below 216) or would read outside its buffers (a scale lower than the window
   radius, e.g. 3840x300); VT_EINVAL for options out of libvmaf's ranges, a window too large
   for its reciprocal table (e.g. 7680x4320 without the speed-up) or a visibility threshold
   past the last visible step (from about 84.3 cd/m2 with the defaults: libvmaf crashes). */
int vt_cambi_new(vt_cambi **out, int w, int h, int bpc, const vt_cambi_opts *opts);
void vt_cambi_free(vt_cambi *ctx);
/* score = libvmaf's Cambi_feature_cambi_score for this picture (VT_EINVAL if a sample
   exceeds 2^bpc - 1). */
int vt_cambi_compute(vt_cambi *ctx, const vt_plane *dis_luma, double *score);
/* CAMBI_END */

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
