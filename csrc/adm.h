/*
 * Integer ADM internals shared by the scalar reference (csrc/adm.c) and the AVX2 kernels
 * (csrc/x86/adm_avx2.c): the context, the band layout and the per-pixel fixed-point steps.
 * Not part of the public API.
 */
#ifndef VT_ADM_H
#define VT_ADM_H
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "vt_internal.h"

#define VT_PI 3.14159265358979323846

static const int32_t db2_lo[4] = {15826, 27411, 7345, -4240};
static const int32_t db2_hi[4] = {-4240, -7345, 27411, -15826};
#define DB2_LO_SUM 46342

/* floor(2^30 / i) for i in [1, 32768] (the divisor's sign is applied by the callers); filled once
   by vt_adm_new. */
extern int32_t vt_adm_div_lut[32769];

enum { BAND_A, BAND_V, BAND_H, BAND_D };

typedef struct mask_params mask_params;
typedef struct ref_params ref_params;

typedef struct bands {
    int32_t *b[4]; /* a, v, h, d */
} bands;

#define ADM_MAX_VAR VT_ADM_MAX_CFG   /* distinct (gain limit, CSF weights) pairs per pass */
#define ADM_RING_SETS (2 * ADM_MAX_VAR) /* a ring set for DLM and one for AIM per pair */
#define ADM_RING_PLANES 5 /* per ring set: the masked signal (h, v, d), msum, cadj */

/* One distinct (gain limit, CSF weights) pair of the requested configurations: the work the
   decoupling, CSF and masking stages do for it. Configurations that differ only in the noise
   weight, the adm3 constants or the float CSF value share one. */
typedef struct adm_var {
    double egl;
    int64_t fac[4][3];    /* integer CSF weights per scale and orientation (h, v, d):
                             Q21, Q21, Q23 at scale 0; Q32 at scales 1-3 */
    int aim;              /* also fill the AIM ring set */
    int same_egl;         /* egl equals the previous pair's (the AVX2 path reuses its growth) */
    int same_fac;         /* fac equals pair 0's (without growth, the AVX2 path reuses its CSF) */
    int32_t *const *dlm;  /* ring set: restored detail; the mask sums of CSF(additive) */
    int32_t *const *aimr; /* ring set (aim only): additive impairment; the mask sums of CSF(restored) */
} adm_var;

struct vt_adm {
    int w, h, bpc;
    int stride;           /* of every band buffer: the scale-0 band width */
    bands ref, dis;       /* wavelet bands of the current scale */
    /* Per ring set, the last RING_ROWS rows (row i at (i % RING_ROWS) * stride) of the masking
       stage's inputs. The mask of a pixel is the sum over the three orientations of its 8
       neighbours' |CSF(v)| / 30 (mask_px) and its own centre term (centre_px), v the CSF-weighted
       masking signal; kept as two per-pixel sums, so that the mask is the 3x3 box of msum plus
       cadj. DLM: */
    int32_t *rst[3];      /* restored detail (h, v, d): the masked signal */
    int32_t *msum;        /* sum over h, v, d of |CSF(additive impairment)| / 30 */
    int32_t *cadj;        /* sum over h, v, d of the centre term, minus msum */
    /* AIM's set holds the additive impairment and the sums of CSF(restored) there. */
    int32_t *ring[ADM_RING_SETS][ADM_RING_PLANES]; /* rst, msum, cadj of each set; those above point here */
    int32_t *tmp;         /* 4 rows: the scalar vertical wavelet pass; then the decoupling's scratch rows */
    int *idx_y[4], *idx_x[4];
    int32_t *mem;
    int *idx_mem;
    float rfactor[4][3];  /* Watson CSF at 3H, 1080: 1 / quantisation step per scale, orientation */
    int32_t *line_buf;    /* AVX2 path: 2 filtered rows with mirrored columns */
    /* The hot stages: scalar reference or AVX2, chosen in vt_adm_new. */
    void (*dwt_plane)(vt_adm *s, const vt_plane *p, bands *out);
    void (*dwt_band)(vt_adm *s, bands *bd, int w, int h, int scale);
    /* One row i, columns [left, right): */
    void (*decouple_prep)(vt_adm *s, int i, int left, int right); /* NULL: nothing shared across gain limits */
    void (*decouple_csf)(vt_adm *s, int i, int left, int right, int scale, const adm_var *var, int n_var);
    void (*mask_row)(const vt_adm *s, const mask_params *p, const int rows[3], int left,
                     int right, int w, int64_t inner[3]);
    void (*ref_row)(const int32_t *const band[3], const ref_params *p, int left, int right,
                    uint64_t inner[3]);
    int32_t *base[3];     /* AVX2 path, one row: restored detail before the gain limit */
    uint8_t *gflag;       /* AVX2 path, one row: bit k set where the gain limit applies to orientation k */
    int32_t *simd_mem;
};

#define LINE_PAD 16 /* int32 slots before and after each row of line_buf */
/* The filtered rows' columns beyond both ends, as tap_indices mirrors: -1 -> 1, w -> w - 1,
   w + 1 -> w - 2 (lo and hi: int16 rows at scale 0, int32 rows at scales 1-3). */
#define MIRROR_ENDS(lo, hi, w)                                                                     \
    do {                                                                                           \
        (lo)[-1] = (lo)[1], (hi)[-1] = (hi)[1];                                                    \
        (lo)[w] = (lo)[(w) - 1], (hi)[w] = (hi)[(w) - 1];                                          \
        (lo)[(w) + 1] = (lo)[(w) - 2], (hi)[(w) + 1] = (hi)[(w) - 2];                              \
    } while (0)
#define RING_ROWS 4 /* masking reads rows i - 1 .. i + 1 while row i + 1 is being written: 4 slots */

static inline size_t ring_at(const vt_adm *s, int i) { return (size_t)(i % RING_ROWS) * s->stride; }

static inline int32_t tap4(const int32_t *f, int64_t s0, int64_t s1, int64_t s2, int64_t s3,
                           int64_t round_v, int shift)
{
    return (int32_t)((f[0] * s0 + f[1] * s1 + f[2] * s2 + f[3] * s3 + round_v) >> shift);
}

/* ---- Decoupling, CSF and masking. Per-pixel helpers are the reference; the scalar loops use
   them directly and the AVX2 loops use them for the columns their vectors do not cover. ---- */

static const int band_of[3] = {BAND_H, BAND_V, BAND_D};

/* Whether t is within 1 degree of o's direction (h, v detail pair), in libvmaf's float steps. */
static inline bool aligned_px(const int32_t o[3], const int32_t t[3])
{
    const float cos1_sq = cos(1.0 * VT_PI / 180.0) * cos(1.0 * VT_PI / 180.0);
    const int64_t ot = (int64_t)o[0] * t[0] + (int64_t)o[1] * t[1];
    const int64_t oo = (int64_t)o[0] * o[0] + (int64_t)o[1] * o[1];
    const int64_t tt = (int64_t)t[0] * t[0] + (int64_t)t[1] * t[1];
    return ((float)ot / 4096.0) >= 0.0f &&
           ((float)ot / 4096.0) * ((float)ot / 4096.0) >=
               cos1_sq * ((float)oo / 4096.0) * ((float)tt / 4096.0);
}

/* Restored detail clamp(t / o, 0, 1) * o before any gain limit; *kq_out gets t / o in Q15. */
static inline int32_t restored_px(int32_t o, int32_t t, int64_t *kq_out)
{
    int64_t kq = 32768; /* t / o in Q15, clamped to [0, 1] */
    if (o != 0) {
        const uint32_t mag = (uint32_t)(o < 0 ? -(int64_t)o : o);
        int shift = 0;
        uint32_t top16 = mag;
        if (mag >= 32768) {
            shift = 17 - __builtin_clz(mag);
            top16 = (mag + (1u << (shift - 1))) >> shift;
        }
        const int sign = o < 0 ? -1 : 1;
        kq = ((int64_t)vt_adm_div_lut[top16] * t * sign + ((int64_t)1 << (14 + shift))) >> (15 + shift);
    }
    if (kq < 0) kq = 0;
    if (kq > 32768) kq = 32768;
    *kq_out = kq;
    return (int32_t)((kq * o + 16384) >> 15);
}

/* Enhancement: the restored detail grows by the gain limit, up to t. */
static inline int32_t grown_px(int32_t r, int32_t o, int32_t t, double egl)
{
    const double grown = r * egl;
    if (o > 0) return (int32_t)(grown < t ? grown : t);
    return (int32_t)(grown > t ? grown : t);
}

static const int csf0_shift[3] = {15, 15, 17};
static const int32_t csf0_round[3] = {16384, 16384, 65535};

/* CSF-weighted value of a (returned: the additive impairment, or for AIM the restored detail)
   and its masking contribution |.|/30 (*flt); fac: the pair's weight at this scale. */
static inline int32_t csf_px(int scale, int k, int64_t fac, int32_t a, int32_t *flt)
{
    if (scale == 0) { /* fac <= 49417 and |a| <= 2^15: the int32 sum does not overflow */
        const int16_t v = (int16_t)(((int32_t)fac * a + csf0_round[k]) >> csf0_shift[k]);
        *flt = (int16_t)((4369 * abs(v) + 2048) >> 12);
        return v;
    }
    const int32_t v = (int32_t)((fac * (int64_t)a + (1 << 27)) >> 28);
    /* libvmaf's rounding term here is 1u << 31 stored in an int32: it subtracts 2^31. */
    *flt = (int32_t)(((int64_t)143165577 * abs(v) - ((int64_t)1 << 31)) >> 32);
    return v;
}

/* A pixel's own term in its mask, from its CSF-weighted value v (about |v| / 15). */
static inline int32_t centre_px(int scale, int32_t v)
{
    const int32_t c = abs(v);
    return scale == 0 ? (int16_t)((8738 * c + 2048) >> 12)
                      : (int32_t)(((int64_t)286331153 * c - ((int64_t)1 << 31)) >> 32);
}

static inline int reflect_lo(int i) { return i < 0 ? -i : i; }
static inline int clamp_hi(int i, int n) { return i >= n ? n - 1 : i; }

/* Fixed-point steps of the masked cube pooling at one scale. */
struct mask_params {
    int scale;
    int sub[3], sq_shift[3], cub_shift[3];
    int64_t sq_round[3], cub_round[3], fac[3];
    double final_div[3];
    uint32_t row_shift;
    int64_t row_round;
};

/* One pixel of the masked pooling: adds its cube terms to inner[3]. rows: byte-free offsets
   of rows i-1, i, i+1 (mirrored); j: column. For AIM (rst, msum, cadj pointing at an AIM set) it
   pools the additive impairment masked by the restored detail. */
static inline void mask_px(const vt_adm *s, const mask_params *p, const int rows[3], int j, int w,
                           int64_t inner[3])
{
    const int cols[3] = {reflect_lo(j - 1), j, clamp_hi(j + 1, w)};
    uint32_t sum = (uint32_t)s->cadj[rows[1] + j]; /* int32 sums wrap (as libvmaf's, in practice) */
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) sum += (uint32_t)s->msum[rows[a] + cols[b]];
    const int32_t thr = (int32_t)sum;
    for (int k = 0; k < 3; k++) {
        const int64_t r = s->rst[k][rows[1] + j];
        int32_t x = p->scale == 0 ? (int32_t)(r * p->fac[k])
                                  : (int32_t)((r * p->fac[k] + (1 << 27)) >> 28);
        x = abs(x) - (int32_t)((uint32_t)thr << p->sub[k]);
        if (x < 0) x = 0;
        const int32_t x_sq = (int32_t)(((int64_t)x * x + p->sq_round[k]) >> p->sq_shift[k]);
        inner[k] += ((int64_t)x_sq * x + p->cub_round[k]) >> p->cub_shift[k];
    }
}

/* Reference detail energy of one row (band pointers at column 0): adds to inner[3].
   Scale 0: |v|^3; scales 1-3: ((v^2 + sq_round) >> sqs) * v, rounded and shifted. */
struct ref_params {
    int scale, sqs;
    uint64_t sq_round, cub_round;
    uint32_t cub_shift;
};

static inline void ref_row_c(const int32_t *const band[3], const ref_params *p, int left, int right,
                      uint64_t inner[3])
{
    for (int j = left; j < right; j++)
        for (int k = 0; k < 3; k++) {
            if (p->scale == 0) {
                const uint64_t v = (uint16_t)abs(band[k][j]);
                inner[k] += v * v * v;
            } else {
                const uint64_t v = (uint32_t)abs(band[k][j]);
                inner[k] += ((((v * v) + p->sq_round) >> p->sqs) * v + p->cub_round) >> p->cub_shift;
            }
        }
}

#endif
