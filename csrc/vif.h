/*
 * Integer VIF: what the scalar reference (vif.c) and the AVX2 path (x86/vif_avx2.c) share.
 * Internal to the engine.
 */
#ifndef VT_VIF_H
#define VT_VIF_H
#include <string.h>

#include "vt_internal.h"

static const uint16_t vif_taps[4][17] = {
    {489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935, 489},
    {1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244},
    {3571, 16004, 26386, 16004, 3571},
    {10904, 43728, 10904},
};
static const int vif_ntaps[4] = {17, 9, 5, 3};

#define VIF_ROW_PAD 8 /* rows mirrored above/below each scale's plane (half the widest filter) */
#define VIF_COL_PAD 8 /* columns mirrored left/right of the filtered rows */
#define NOISE_VAR (65536 << 1)
#define PLANE_SLACK 64 /* samples after each plane: vector loads may read past the last row */

/* round(log2(i) * 2048) for i in [32768, 65535], computed the way libvmaf does (log2f); filled
   once by vif.c before any context exists. The AVX2 path reads entries with 32-bit gathers
   (4 bytes at entry i), hence the padding. */
extern uint16_t vt_vif_log2_lut[65536 + 16] __attribute__((visibility("hidden")));

struct vif_sums;

struct vt_vif {
    int w, h, bpc;
    ptrdiff_t stride;             /* samples per row of ref/dis/mu planes (= w) */
    uint16_t *ref_buf, *dis_buf;  /* (h + 2 * VIF_ROW_PAD) rows */
    uint16_t *ref, *dis;          /* row 0 of the current scale */
    uint16_t *mu_ref, *mu_dis;    /* low-passed planes before decimation */
    uint32_t *row[5];             /* vertically filtered rows, VIF_COL_PAD mirrored columns a side */
    uint32_t *row_buf;
    uint32_t *acc32;              /* horizontal accumulators: 2 rows */
    uint64_t *acc64;              /* vertical/horizontal 64-bit accumulators: 3 rows */
    int16_t *v16;                 /* AVX2 path: V16_PLANES rows of 16-bit filtered samples */
    ptrdiff_t v16_len;            /* samples per v16 row (VIF_COL_PAD columns before column 0) */
    int32_t *queue;               /* AVX2 path: 3 arrays of queue_len sigmas (vif_queue) */
    ptrdiff_t queue_len;
    /* The two hot steps, scalar reference or AVX2 (chosen in vt_vif_new). */
    void (*downscale)(vt_vif *s, int w, int h, int scale);
    void (*scale_sums)(vt_vif *s, int w, int h, int scale, const double *egl, int n_egl,
                       struct vif_sums *out);
};

/* Integer sums of one scale; the scores are formed from them in vif.c's finish_scale(). */
struct vif_sums {
    int64_t num_log[VT_MAX_EGL], den_log, num_flat, den_flat;
};

/* Mirrors `pad` rows above and below an h-row plane (without repeating the edge row). */
static inline void vif_mirror_rows(uint16_t *p, ptrdiff_t stride, int w, int h, int pad)
{
    for (int i = 1; i <= pad; i++) {
        memcpy(p - i * stride, p + i * stride, (size_t)w * sizeof(*p));
        memcpy(p + (h - 1 + i) * stride, p + (h - 1 - i) * stride, (size_t)w * sizeof(*p));
    }
}

#endif
