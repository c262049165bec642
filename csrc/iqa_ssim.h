/*
 * Shared by float_ssim.c and float_ms_ssim.c (not part of the public API): the SSIM of libvmaf's
 * bundled IQA code (Tom Distler's IQA as modified by Netflix), computed in the same float/double
 * rounding steps.
 *
 * SSIM of two w x h float planes (stride w):
 *   - an 11x11 Gaussian window (sigma 1.5), applied as a separable filter over the "valid" region
 *     only: the maps are (w - 10) x (h - 10). Each 1-D pass sums float products k[i] * x[i] in
 *     double, in tap order, and rounds the sum to float; the horizontal pass runs first.
 *   - the five filtered maps are mu1, mu2 (of the planes) and the filtered products x*x, y*y, x*y
 *     (each product a float);
 *   - per pixel (float unless noted): var1 = max(0, f(x*x) - mu1*mu1), var2 likewise,
 *     cov = f(x*y) - mu1*mu2, sd = (float)sqrt(var1 * var2),
 *     l = (2.0*mu1*mu2 + C1) / (mu1*mu1 + mu2*mu2 + C1)   numerator in double,
 *     c = (2.0*sd + C2) / (var1 + var2 + C2)               numerator in double,
 *     s = (cov' + C3) / (sd + C3)                           all float, cov' = 0 if cov < 0 and sd <= 0,
 *     with C1 = (0.01f*255)^2, C2 = (0.03f*255)^2, C3 = C2/2 in float (255 at every bit depth);
 *   - ssim, l, c and s are double sums over the map in raster order, each divided by the map
 *     size and rounded to float.
 *
 * Decimation (libvmaf's _iqa_decimate): output (w/f + (w&1)) x (h/f + (h&1)); sample (x, y) is the
 * 2-D kernel applied at input (x*f, y*f), taps -k/2 .. k - 1 - k/2 on each axis, row by row, as a
 * double sum of float products; out-of-range inputs mirror with the edge repeated (-1 -> 0).
 */
#ifndef VT_IQA_SSIM_H
#define VT_IQA_SSIM_H
#include <stddef.h>

#include "vt_internal.h"

#define IQA_WIN 11          /* Gaussian window length */
#define IQA_WIN_RADIUS 5

/* The 1-D Gaussian taps libvmaf uses for the separable window. */
extern const float vt_iqa_gauss[IQA_WIN];

/* Row kernels; the AVX2 build (csrc/x86/iqa_ssim_avx2.c) gives the same bits. */
typedef struct vt_iqa_kernels {
    /* Horizontal pass of one input row pair (a = ref, b = cmp) for the five quantities:
       out[q][x] = (float) sum_u (double)(in_q[x + u] * k[u]), u = 0..10, x = 0..n-1, where in_q is
       a, b, a*a, b*b, a*b (float products). */
    void (*hfilter5)(const float *a, const float *b, float *const *out, int n);
    /* Vertical pass: out[q][x] = (float) sum_v (double)(rows[q * 11 + v][x] * k[v]), v = 0..10. */
    void (*vfilter5)(const float *const *rows, float *const *out, int n);
    /* The per-pixel SSIM terms of one map row: lcs, l, c, s (doubles) from the five maps. */
    void (*pixels)(const float *mu1, const float *mu2, const float *xx, const float *yy,
                   const float *xy, double *lcs, double *l, double *c, double *s, int n);
    /* vt_iqa_decimate(img, w, h, 2, kernel, 9, dst) for dst != img; scratch holds
       vt_iqa_lpf2_scratch(w, h) floats (unused by the scalar build). */
    void (*decimate_lpf2)(const float *img, int w, int h, const float *kernel, float *dst,
                          float *scratch);
    /* float_ssim's decimation by f with an f x f kernel, libvmaf's in-place vt_iqa_decimate on
       img. Returns where the result is: img (scalar: in place, literally as libvmaf) or out (AVX2:
       no sample is overwritten before it is read, so out-of-place is the same). scratch holds
       vt_iqa_box_scratch(w, f) floats. */
    const float *(*decimate_box)(float *img, int w, int h, int f, const float *kernel, float *out,
                                 float *scratch);
} vt_iqa_kernels;

/* The scalar per-pixel SSIM terms (vt_iqa_kernels.pixels of the scalar build); the AVX2 version
   finishes a row's last columns with it. */
void vt_iqa_pixels_c(const float *mu1, const float *mu2, const float *xx, const float *yy,
                     const float *xy, double *lcs, double *l, double *c, double *s, int n);

/* Floats per half row (even or odd columns, 4 mirrored columns each side) of the AVX2 2x decimation. */
static inline ptrdiff_t vt_iqa_lpf2_half_stride(int w) { return ((ptrdiff_t)(w + 9) / 2 + 7) & ~(ptrdiff_t)7; }
static inline size_t vt_iqa_lpf2_scratch(int w, int h) { return (size_t)h * 2 * (size_t)vt_iqa_lpf2_half_stride(w); }
/* Floats per column phase of one row in the AVX2 box decimation (one padding sample each side). */
static inline ptrdiff_t vt_iqa_box_phase_stride(int w, int f) { return ((ptrdiff_t)(w / f + (w & 1)) + 2 + 7) & ~(ptrdiff_t)7; }
static inline size_t vt_iqa_box_scratch(int w, int f) { return (size_t)f * f * (size_t)vt_iqa_box_phase_stride(w, f); }

void vt_iqa_kernels_init(vt_iqa_kernels *k, int simd);

/* Scratch for vt_iqa_ssim on planes up to max_w wide. */
typedef struct vt_iqa_ws {
    int max_w;
    float *ring;     /* 5 quantities x IQA_WIN rows x (max_w - 10) */
    float *maps;     /* 5 x (max_w - 10): the vertical pass of one row */
    float *prod;     /* max_w: one product row (scalar path) */
    double *terms;   /* 4 x (max_w - 10) */
    vt_iqa_kernels k;
} vt_iqa_ws;

int vt_iqa_ws_init(vt_iqa_ws *ws, int max_w, int simd);
void vt_iqa_ws_free(vt_iqa_ws *ws);

/* libvmaf's _iqa_ssim with default arguments on w x h planes (w, h >= 11, w <= ws->max_w).
   Returns the float SSIM; *l, *c, *s receive the float means of the three terms. */
float vt_iqa_ssim(const float *ref, const float *cmp, int w, int h, vt_iqa_ws *ws,
                  float *l, float *c, float *s);

/* libvmaf's _iqa_decimate with a kw x kw row-major kernel and kscale 1. dst may equal img (libvmaf
   decimates in place for float_ssim's scale); samples are written in raster order. */
void vt_iqa_decimate(const float *img, int w, int h, int factor, const float *kernel, int kw, float *dst);

static inline int vt_iqa_decimated(int n, int factor) { return n / factor + (n & 1); }

/* Plane -> floats as libvmaf's picture_copy (offset 0): v for 8 bits, v / 2^(bpc-8) above. */
void vt_iqa_load(float *dst, const vt_plane *p);

/* libvmaf's enable_db conversion: min(-10 log10(1 - score), max_db); max_db is
   ceil(10 log10(peak^2 / (0.5 / (w h)))) with clip_db, else infinity. */
double vt_iqa_max_db(int w, int h, int bpc, int clip_db);
double vt_iqa_to_db(double score, double max_db);

#endif
