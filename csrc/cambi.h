/*
 * CAMBI internals shared by csrc/cambi.c (the scalar reference and the driver) and
 * csrc/x86/cambi_avx2.c (the hot loops in AVX2). Not part of the public API.
 *
 * Buffers follow libvmaf's layout where the result depends on it: the 10-bit image and the
 * mask live in frame-sized buffers of `stride` samples per row (stride = enc_w rounded up to
 * 32, columns past enc_w are zero), every scale is decimated in place, and the c-value pass
 * of a scale narrower than half the window reads the columns past the scale's width that the
 * larger scales left behind (libvmaf does so; see vt_cambi_cv.src_w).
 */
#ifndef VT_CAMBI_H
#define VT_CAMBI_H
#include <stddef.h>
#include <stdint.h>

#include "vt_internal.h"

#define VT_CAMBI_LUT_SIZE 4226 /* reciprocal table entries: window area must stay below */
#define VT_CAMBI_MAX_DIFFS 32  /* 1 << max_log_contrast, max_log_contrast <= 5 */
#define VT_CAMBI_MASK_RADIUS 3 /* 7x7 zero-derivative window of the spatial mask */

/* libvmaf's reciprocal table (cambi.h): the float nearest to 1/i printed with 9 significant
   digits, 0 at index 0. 42 entries differ by one ulp from 1.0f / i. */
extern const float vt_cambi_recip[VT_CAMBI_LUT_SIZE];

/* What the AVX2 c-value pass learns about its output on the way (see pool_avx2). */
typedef struct vt_cambi_stats {
    double sum;          /* of all c-values, in any order */
    long long positives; /* c-values > 0 */
    int small;           /* some c-value lies in (0, 1/8) */
    /* The AVX2 pass writes only the c-values of the runs [runs[2r], runs[2r+1]), r < nruns,
       ascending and disjoint; the rest of the output is zero but not written. */
    const uint32_t *runs;
    size_t nruns;
} vt_cambi_stats;

/* Arguments of one scale's c-value pass. */
typedef struct vt_cambi_cv {
    const uint16_t *img;  /* mode-filtered 10-bit image, rows of `stride` samples */
    const uint8_t *mask;  /* spatial mask (0/1), same layout */
    ptrdiff_t stride;
    int w, h;             /* size of this scale */
    int pad;              /* window radius (window_size >> 1); the kernels need h >= pad */
    int src_w;            /* max(w, pad): source columns whose windows reach [0, w) */
    uint16_t *hist;       /* band_size rows of hist_stride counts (the scalar kernel zeroes
                             them first; the AVX2 one needs them zero and leaves them zero) */
    ptrdiff_t hist_stride;/* >= align16(w) + 16 (the AVX2 kernel writes zero past w) */
    float *cval;          /* output, w * h floats, row-major without padding */
    int nd;               /* contrast steps: d = 1 .. nd */
    const uint16_t *tvi;  /* tvi[d-1]: largest raw sample with visible step d, plus nd */
    const int *weight;    /* weight[d-1]: contrast weight of step d */
    int vlt;              /* vlt_luma: steps with sample + nd + d <= vlt are ignored */
    int band_base;        /* raw samples outside [band_base, band_base + band_size) never count */
    int band_size;
    uint16_t *scratch;    /* for the AVX2 kernel: VT_CAMBI_SCRATCH(stride) samples */
    uint32_t *runs;       /* for the AVX2 kernel: VT_CAMBI_RUNS(w, h) entries */
    uint16_t *keys;       /* for the AVX2 kernel: VT_CAMBI_KEYS(w, pad) samples */
    vt_cambi_stats *stats;/* filled by the AVX2 kernel */
} vt_cambi_cv;

#define VT_CAMBI_SCRATCH(stride) (5 * ((size_t)(stride) + 128))
/* 16 samples, a ring of 2 * pad + 2 key rows of ks = align16(max(w, pad)) + 32 samples, one
   more such row, and a block list of ks / 16 + 1 entries per ring row. */
#define VT_CAMBI_KEY_ROW(w, pad) ((((size_t)((w) > (pad) ? (w) : (pad)) + 15) & ~(size_t)15) + 32)
#define VT_CAMBI_KEYS(w, pad) \
    (16 + (2 * (size_t)(pad) + 3) * VT_CAMBI_KEY_ROW(w, pad) + \
     (2 * (size_t)(pad) + 2) * (VT_CAMBI_KEY_ROW(w, pad) / 16 + 1))
/* Two entries per run of written c-values: each run holds an 8-column group or a column of the
   (at most 7 columns) tail, so a row has at most w / 8 + 7 runs. */
#define VT_CAMBI_RUNS(w, h) (2 * (size_t)(h) * ((size_t)(w) / 8 + 8) + 2)

typedef struct vt_cambi_kernels {
    /* One input row to 10 bits (8-bit: << 2, 9: << 1, 11-16: rounded >> (bpc - 10)); returns
       the OR of the input samples (the caller checks it against 2^bpc - 1). */
    unsigned (*to10)(uint16_t *dst, const uint8_t *src, int w, int bpc);
    /* One row of the anti-dithering filter, in place: 2x2 mean with the right and lower
       neighbours (row below: next, unfiltered; last column: the vertical pair); next == NULL
       for the last row (the horizontal pair, the last sample kept). */
    void (*anti_dither_row)(uint16_t *row, const uint16_t *next, int w);
    /* to10 and anti_dither_row of 8-bit rows in one: the filtered 10-bit row from the 8-bit
       rows `row` and `next` (NULL for the last row). */
    void (*dither8_row)(uint16_t *dst, const uint8_t *row, const uint8_t *next, int w);
    /* mask[i][j] = (number of zero-derivative pixels in the 7x7 window at (i, j)) > idx.
       work holds VT_CAMBI_MASK_WORK(stride) bytes. */
    void (*mask)(const uint16_t *img, uint8_t *mask, ptrdiff_t stride, int w, int h,
                 unsigned idx, uint8_t *work);
    /* In place: img[i][j] = img[2i][2j] and mask[i][j] = mask[2i][2j] for i < h, j < w.
       Nothing outside [0, w) x [0, h) is written. */
    void (*decimate)(uint16_t *img, uint8_t *mask, ptrdiff_t stride, int w, int h);
    /* libvmaf's separable 3-tap mode filter, in place; rows holds 3 * w + 16 samples. */
    void (*mode)(uint16_t *img, ptrdiff_t stride, int w, int h, uint16_t *rows);
    /* The sliding-window histograms and the c-value of every pixel. */
    void (*cvalues)(const vt_cambi_cv *cv);
    /* Mean of the k largest of the n c-values (which it may reorder), summed as libvmaf does;
       st is what the same kernel set's cvalues() recorded. */
    double (*pool)(float *cval, int n, int k, const vt_cambi_stats *st);
} vt_cambi_kernels;

/* Bytes of the mask kernels' work buffer: 7 ring rows and the column sums. */
#define VT_CAMBI_MASK_WORK(stride) (((size_t)(stride) + 64) * 8 + 64)

/* libvmaf's pooling, literally: quick-select, then the sum of a[0 .. k) in that order. */
double vt_cambi_pool_c(float *cval, int n, int k, const vt_cambi_stats *st);

/* The three-sample mode: the value that occurs at least twice, else the smallest. */
static inline uint16_t vt_cambi_mode3(uint16_t a, uint16_t b, uint16_t c)
{
    if (a == b || a == c) return a;
    if (b == c) return b;
    uint16_t m = a < b ? a : b;
    return m < c ? m : c;
}

#if VT_HAVE_AVX2_BUILD
extern const vt_cambi_kernels vt_cambi_kernels_avx2;
#endif

#endif
