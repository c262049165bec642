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
struct vif_ref_scale;

/* What a pass over one scale computes: the sums from both pictures' statistics (VIF_BOTH:
   vt_vif_compute; VIF_KEEP: the same, also storing the reference's statistics in a state), the
   reference's statistics alone into a state (VIF_REF: vt_vif_ref_compute), or the sums from the
   distorted picture's statistics and the reference's read from a state (VIF_DIS:
   vt_vif_compute_ref). */
enum vif_mode { VIF_BOTH, VIF_KEEP, VIF_REF, VIF_DIS };

/* Whether a pass filters the reference's samples (mu1, xx), the distorted picture's (mu2, yy, xy). */
static inline int vif_ref_side(enum vif_mode mode) { return mode != VIF_DIS; }
static inline int vif_dis_side(enum vif_mode mode) { return mode != VIF_REF; }

struct vt_vif {
    int w, h, bpc;
    ptrdiff_t stride;             /* samples per row of ref/dis/mu planes (= w) */
    uint16_t *ref_buf, *dis_buf;  /* (h + 2 * VIF_ROW_PAD) rows */
    uint16_t *ref, *dis;          /* row 0 of the current scale */
    uint16_t *mu;                 /* a low-passed plane before decimation */
    uint32_t *row[5];             /* vertically filtered rows, VIF_COL_PAD mirrored columns a side */
    uint32_t *row_buf;
    uint32_t *acc32;              /* horizontal accumulators: 2 rows */
    uint64_t *acc64;              /* vertical/horizontal 64-bit accumulators: 3 rows */
    int16_t *v16;                 /* AVX2 path: V16_PLANES rows of 16-bit filtered samples */
    ptrdiff_t v16_len;            /* samples per v16 row (VIF_COL_PAD columns before column 0) */
    int32_t *queue;               /* AVX2 path: 3 arrays of queue_len sigmas (vif_queue) */
    ptrdiff_t queue_len;
    /* The hot steps, scalar reference or AVX2 (chosen in vt_vif_new). load: a picture's samples
       into s->ref or s->dis as the other steps read them (the AVX-VNNI build keeps 8-bit ones
       as x - 128, two's complement). downscale: one plane
       (s->ref or s->dis, h + 2 * VIF_ROW_PAD rows) to the next scale, in place. scale_pass: one
       scale's sums and/or the reference's statistics (in rs), as the mode says; rs is unused by
       VIF_BOTH, out by VIF_REF. */
    void (*load)(vt_vif *s, uint16_t *dst, const vt_plane *p);
    void (*downscale)(vt_vif *s, uint16_t *plane, int w, int h, int scale);
    void (*scale_pass)(vt_vif *s, int w, int h, int scale, enum vif_mode mode, const double *egl,
                       int n_egl, const struct vif_ref_scale *rs, struct vif_sums *out);
};

/* One scale of a reference state (vt_vif_ref): per pixel the reference's filtered mean m1 (the
   horizontal filter sum, below 2^32) and sigma1_sq (as scale_pass_c computes it). Both are kept
   in one array, in rows of `stride` entries: each block of 16 columns holds m1 of its 8 even
   columns, then of its 8 odd ones, then sigma1_sq in the same order (vif_state_pos), the order in
   which the AVX2 horizontal pass makes them, so that a distorted picture's pass reads one stream.
   Both code paths write the same values there (padding columns excepted, which nothing reads),
   so a state is path-independent. */
struct vif_ref_scale {
    uint32_t *m1;     /* m1 of column j at m1[vif_state_pos(j)] */
    int32_t *s1;      /* = m1 + 16: sigma1_sq of column j at s1[vif_state_pos(j)] */
    ptrdiff_t stride; /* entries per row: 2 * (w rounded up to 16) */
};

/* Where column j's m1 sits in a state row (its sigma1_sq is 16 entries further). */
static inline ptrdiff_t vif_state_pos(int j)
{
    return (j & ~15) * 2 + (j & 1) * 8 + ((j & 15) >> 1);
}

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
