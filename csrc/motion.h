/*
 * Integer motion: what the scalar reference (motion.c) and the AVX2 path (x86/motion_avx2.c)
 * share. Internal to the engine.
 */
#ifndef VT_MOTION_H
#define VT_MOTION_H
#include "vt_internal.h"

static const int32_t motion_taps[5] = {3571, 16004, 26386, 16004, 3571};

/* int32 slots before/after the filtered row (the AVX2 path mirrors columns into them) */
#define MOTION_ROW_PAD 8

struct vt_motion {
    int w, h, bpc;
    int32_t *row;     /* one row of the vertically filtered difference */
    int32_t *row_buf; /* row - MOTION_ROW_PAD */
    /* Sum over the frame of |blur(prev - cur)|: scalar or AVX2 (chosen in vt_motion_new). */
    uint64_t (*sad_rows)(const vt_motion *m, const vt_plane *prev, const vt_plane *cur);
};

/* Reflects an index into [0, size) without repeating the edge sample (needs size >= 3). */
static inline int motion_reflect(int i, int size)
{
    if (i < 0) return -i;
    if (i >= size) return 2 * size - i - 2;
    return i;
}

static inline int32_t motion_sample(const uint8_t *row, int j, int wide)
{
    return wide ? ((const uint16_t *)row)[j] : row[j];
}

/* One column of the vertical pass: the 5-tap blur of (prev - cur), rounded and shifted by bpc. */
static inline int32_t motion_vertical_diff(const uint8_t **pr, const uint8_t **cr, int j, int wide,
                                           int bpc)
{
    int64_t acc = 0;
    for (int k = 0; k < 5; k++)
        acc += motion_taps[k] *
               (int64_t)(motion_sample(pr[k], j, wide) - motion_sample(cr[k], j, wide));
    return (int32_t)((acc + ((int64_t)1 << (bpc - 1))) >> bpc);
}

/* The rows i - 2 .. i + 2 of both frames (mirrored at the edges): the vertical filter's taps. */
static inline void motion_tap_rows(const vt_plane *prev, const vt_plane *cur, int i,
                                   const uint8_t *pr[5], const uint8_t *cr[5])
{
    for (int k = 0; k < 5; k++) {
        const int r = motion_reflect(i - 2 + k, cur->h);
        pr[k] = (const uint8_t *)prev->data + r * prev->stride;
        cr[k] = (const uint8_t *)cur->data + r * cur->stride;
    }
}

#endif
