/*
 * Integer VIF, AVX2 path: the hot steps of vif.c (downscale_c, scale_pass_c) with the same
 * integer arithmetic, bit for bit. Compiled to nothing where VT_HAVE_AVX2_BUILD is 0, and once
 * more for AVX-VNNI by x86/vif_avxvnni.c (VIF_AVXVNNI: madd_acc in one instruction).
 */
#include "x86/vif_avx2.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifdef VIF_AVXVNNI /* this file compiled once more, by x86/vif_avxvnni.c */
#define vt_vif_avx2_setup vt_vif_avxvnni_setup
#endif

#define V16_PLANES 8
#define VIF_QUEUE_SLACK 32 /* a row's pixels plus a partial group kept, a full store, padding */

/* ---- AVX2 path -------------------------------------------------------------------------------
 * The same integer arithmetic as the scalar reference in vif.c, reorganised for 16-bit
 * multiply-adds (_mm256_madd_epi16: a0*b0 + a1*b1 into 32 bits) and 32-bit accumulators:
 *  - samples and coefficients are 16-bit; a sample v is fed as v - 32768 (xor 0x8000) so it fits
 *    a signed 16-bit lane, and the filter sum gets 32768 * sum(taps) = 2^31 added back at the end;
 *  - the taps of the 3-tap filter (up to 43728) are halved (all are even) and the sum doubled;
 *  - a 32-bit product or second moment is split into its 16-bit halves, filtered separately
 *    (each filtered half stays below 2^32) and recombined with the exact carries;
 *  - every partial result is exact modulo 2^32, and every final one is below 2^32, so the
 *    values equal the scalar code's 64-bit sums bit for bit.
 * The per-pixel statistic runs on 8 pixels at a time: integer steps in 32-bit lanes (textured
 * pixels are then queued per row), the gain in double lanes with the same IEEE operations in the
 * same order as the scalar code, and log2_q11 from exact exponents plus a float series checked
 * against every vt_vif_log2_lut entry at start-up (log2m_series). The log terms are integers,
 * so they are summed in any order.
 * Columns past the row end are computed from padding and never counted (lane masks). */

enum { P_MU1, P_MU2, P_XXL, P_XXH, P_YYL, P_YYH, P_XYL, P_XYH };

/* Whether a pass of `mode` (a constant) filters 16-bit plane p: the reference's are mu1 and xx. */
VT_INLINE int plane_used(const enum vif_mode mode, int p)
{
    return p == P_MU1 || p == P_XXL || p == P_XXH ? vif_ref_side(mode) : vif_dis_side(mode);
}

/* Per filter: coefficient pairs for _mm256_madd_epi16 (low 16 bits multiply the lower lane). */
typedef struct {
    int tshift;         /* taps are stored >> tshift; sums are shifted back */
    int32_t vpair[9];   /* vertical: (f[k], f[k]) for rows k and n-1-k; last: (f[half], 0) */
    int32_t hpair[9];   /* horizontal: (f[2q], f[2q+1]) for adjacent columns, f[n] = 0 */
} vif_taps16;
static vif_taps16 taps16[4];
/* For each 8-bit lane mask, the indices of its set lanes in order (one byte each): a left-pack
   permutation for _mm256_permutevar8x32_epi32. */
static uint64_t pack_lut[256];

static void taps16_init(void)
{
    for (int m = 0; m < 256; m++) {
        uint64_t v = 0;
        for (int b = 0, n = 0; b < 8; b++)
            if (m >> b & 1) v |= (uint64_t)b << (8 * n++);
        pack_lut[m] = v;
    }
    for (int sc = 0; sc < 4; sc++) {
        const int n = vif_ntaps[sc], half = n / 2;
        int tshift = 0;
        for (int k = 0; k < n; k++)
            if (vif_taps[sc][k] > 32767) tshift = 1;
        uint16_t g[18] = {0};
        for (int k = 0; k < n; k++) g[k] = (uint16_t)(vif_taps[sc][k] >> tshift);
        taps16[sc].tshift = tshift;
        for (int k = 0; k < half; k++) taps16[sc].vpair[k] = (int32_t)(g[k] | ((uint32_t)g[k] << 16));
        taps16[sc].vpair[half] = g[half];
        for (int q = 0; q <= half; q++)
            taps16[sc].hpair[q] = (int32_t)(g[2 * q] | ((uint32_t)g[2 * q + 1] << 16));
    }
}

static void mirror_cols16(int16_t *r, int w, int pad)
{
    for (int f = 1; f <= pad; f++) {
        r[-f] = r[f];
        r[w - 1 + f] = r[w - 1 - f];
    }
}

/* acc + _mm256_madd_epi16(a, b) (modulo 2^32): one vpdpwssd where the code is compiled for
   AVX-VNNI (x86/vif_avxvnni.c), which adds without saturating, so the sums are the same bits. */
VT_TARGET_AVX2 VT_INLINE __m256i madd_acc(__m256i acc, __m256i a, __m256i b)
{
#ifdef VIF_AVXVNNI
    return _mm256_dpwssd_avx_epi32(acc, a, b);
#else
    return _mm256_add_epi32(acc, _mm256_madd_epi16(a, b));
#endif
}

/* The filter sum (mod 2^32) from a madd accumulator of biased samples. */
VT_TARGET_AVX2 VT_INLINE __m256i unbias(__m256i acc, __m128i tshift)
{
    return _mm256_add_epi32(_mm256_sll_epi32(acc, tshift), _mm256_set1_epi32(INT32_MIN));
}

VT_TARGET_AVX2 VT_INLINE __m256i bias16(__m256i v)
{
    return _mm256_xor_si256(v, _mm256_set1_epi16(INT16_MIN));
}

/* Vertical filter of 16 columns for one half of the lanes (unpacklo: columns 0-3, 8-11;
   unpackhi: 4-7, 12-15): mu sums and 32-bit second moments, as the scalar vertical_stats. */
VT_TARGET_AVX2 VT_INLINE void vert_half(const uint16_t *ref, const uint16_t *dis, ptrdiff_t st,
                                        const vif_taps16 *t, int n, int hi_lanes, int wide,
                                        __m128i tshift, __m256i vround, __m128i vshift,
                                        __m128i sqshift, __m128i squp, __m256i sqround,
                                        __m256i out[5])
{
    const int half = n / 2;
    __m256i m1 = _mm256_setzero_si256(), m2 = m1, xl = m1, xh = m1, yl = m1, yh = m1, zl = m1, zh = m1;
    for (int k = 0; k <= half; k++) {
        const __m256i c = _mm256_set1_epi32(t->vpair[k]);
        const __m256i a = _mm256_loadu_si256((const __m256i *)(ref + k * st));
        const __m256i b = _mm256_loadu_si256((const __m256i *)(ref + (n - 1 - k) * st));
        const __m256i da = _mm256_loadu_si256((const __m256i *)(dis + k * st));
        const __m256i db = _mm256_loadu_si256((const __m256i *)(dis + (n - 1 - k) * st));
        const __m256i ux = hi_lanes ? _mm256_unpackhi_epi16(a, b) : _mm256_unpacklo_epi16(a, b);
        const __m256i uy = hi_lanes ? _mm256_unpackhi_epi16(da, db) : _mm256_unpacklo_epi16(da, db);
        m1 = madd_acc(m1, bias16(ux), c);
        m2 = madd_acc(m2, bias16(uy), c);
        xl = madd_acc(xl, bias16(_mm256_mullo_epi16(ux, ux)), c);
        yl = madd_acc(yl, bias16(_mm256_mullo_epi16(uy, uy)), c);
        zl = madd_acc(zl, bias16(_mm256_mullo_epi16(ux, uy)), c);
        if (wide) {
            xh = madd_acc(xh, bias16(_mm256_mulhi_epu16(ux, ux)), c);
            yh = madd_acc(yh, bias16(_mm256_mulhi_epu16(uy, uy)), c);
            zh = madd_acc(zh, bias16(_mm256_mulhi_epu16(ux, uy)), c);
        }
    }
    out[0] = _mm256_srl_epi32(_mm256_add_epi32(unbias(m1, tshift), vround), vshift);
    out[1] = _mm256_srl_epi32(_mm256_add_epi32(unbias(m2, tshift), vround), vshift);
    const __m256i lo[3] = {unbias(xl, tshift), unbias(yl, tshift), unbias(zl, tshift)};
    const __m256i hi[3] = {xh, yh, zh};
    for (int q = 0; q < 3; q++) {
        if (!wide) { /* 8-bit scale 0: products below 2^16, no shift */
            out[2 + q] = lo[q];
            continue;
        }
        /* (hi * 2^16 + lo + round) >> sqshift, with lo = lh * 2^16 + ll (sqshift <= 16) */
        const __m256i h = _mm256_add_epi32(unbias(hi[q], tshift), _mm256_srli_epi32(lo[q], 16));
        const __m256i l = _mm256_and_si256(lo[q], _mm256_set1_epi32(0xffff));
        out[2 + q] = _mm256_add_epi32(_mm256_sll_epi32(h, squp),
                                      _mm256_srl_epi32(_mm256_add_epi32(l, sqround), sqshift));
    }
}

/* Rows k and n - 1 - k of a vertical window (the centre row, k = n / 2, is paired with zeros):
   the two rows one tap coefficient multiplies. */
VT_TARGET_AVX2 VT_INLINE void tap_pair(const uint16_t *p, ptrdiff_t st, int n, int k, __m256i *a, __m256i *b)
{
    *a = _mm256_loadu_si256((const __m256i *)(p + k * st));
    *b = k < n / 2 ? _mm256_loadu_si256((const __m256i *)(p + (n - 1 - k) * st)) : _mm256_setzero_si256();
}

/* 8-bit samples at scale 0: x0^2 + x1^2 and x0*y0 + x1*y1 of a row pair come straight from
   _mm256_madd_epi16 of the interleaved samples, and every sum stays below 2^32 (sqshift is 0).
   Both lane halves of 16 columns at once; the centre row is paired with zeros. */
VT_TARGET_AVX2 VT_INLINE void vert_block8(const uint16_t *ref, const uint16_t *dis, ptrdiff_t st,
                                          int n, const uint16_t *f, __m256i out[2][5])
{
    const int half = n / 2;
    __m256i acc[2][5];
    for (int hh = 0; hh < 2; hh++)
        for (int q = 0; q < 5; q++) acc[hh][q] = _mm256_setzero_si256();
    for (int k = 0; k <= half; k++) {
        const __m256i c16 = _mm256_set1_epi32(f[k] | (k < half ? (int32_t)f[k] << 16 : 0));
        const __m256i c32 = _mm256_set1_epi32(f[k]);
        __m256i a, b, da, db;
        tap_pair(ref, st, n, k, &a, &b);
        tap_pair(dis, st, n, k, &da, &db);
        for (int hh = 0; hh < 2; hh++) {
            const __m256i ux = hh ? _mm256_unpackhi_epi16(a, b) : _mm256_unpacklo_epi16(a, b);
            const __m256i uy = hh ? _mm256_unpackhi_epi16(da, db) : _mm256_unpacklo_epi16(da, db);
            acc[hh][0] = madd_acc(acc[hh][0], ux, c16);
            acc[hh][1] = madd_acc(acc[hh][1], uy, c16);
            acc[hh][2] = _mm256_add_epi32(acc[hh][2], _mm256_mullo_epi32(_mm256_madd_epi16(ux, ux), c32));
            acc[hh][3] = _mm256_add_epi32(acc[hh][3], _mm256_mullo_epi32(_mm256_madd_epi16(uy, uy), c32));
            acc[hh][4] = _mm256_add_epi32(acc[hh][4], _mm256_mullo_epi32(_mm256_madd_epi16(ux, uy), c32));
        }
    }
    for (int hh = 0; hh < 2; hh++) {
        out[hh][0] = _mm256_srli_epi32(_mm256_add_epi32(acc[hh][0], _mm256_set1_epi32(128)), 8);
        out[hh][1] = _mm256_srli_epi32(_mm256_add_epi32(acc[hh][1], _mm256_set1_epi32(128)), 8);
        for (int q = 2; q < 5; q++) out[hh][q] = acc[hh][q];
    }
}

#ifdef VIF_AVXVNNI
/* The AVX-VNNI build's vert_block8 (where it pays; plain AVX2 is faster with vert_block8), for
   the lanes of one half of 16 columns (ref, dis: their first column; +4 for the second half,
   whose columns 4-7 and 12-15 the unpacklo of rows loaded 4 columns further on gives). 8-bit
   samples are stored centred there (load_avx2). With c = x - 128, d = y - 128 and the taps
   summing to 2^16: sum f x = sum f c + 2^23, sum f x^2 = sum f c^2 + 256 sum f c + 2^30, sum f x y
   = sum f c d + 128 (sum f c + sum f d) + 2^30, where c^2 and c d fit signed 16-bit lanes, so each
   tap pair is one _mm256_mullo_epi16 and one madd_acc (row pairs interleaved, the centre row
   paired with zeros). Every sum stays below 2^32 (sqshift is 0). */
VT_TARGET_AVX2 VT_INLINE void vert8_pair(__m256i ux, __m256i uy, __m256i c, __m256i acc[5])
{
    acc[0] = madd_acc(acc[0], ux, c);
    acc[1] = madd_acc(acc[1], uy, c);
    acc[2] = madd_acc(acc[2], _mm256_mullo_epi16(ux, ux), c);
    acc[3] = madd_acc(acc[3], _mm256_mullo_epi16(uy, uy), c);
    acc[4] = madd_acc(acc[4], _mm256_mullo_epi16(ux, uy), c);
}

VT_TARGET_AVX2 VT_INLINE void vert_half8(const uint16_t *ref, const uint16_t *dis, ptrdiff_t st, int n,
                                         __m256i out[5])
{
    const int half = n / 2;
    __m256i acc[5];
    for (int q = 0; q < 5; q++) acc[q] = _mm256_setzero_si256();
    const uint16_t *ra = ref, *rb = ref + (n - 1) * st, *da = dis, *db = dis + (n - 1) * st;
#pragma GCC unroll 8
    for (int k = 0; k < half; k++, ra += st, rb -= st, da += st, db -= st)
        vert8_pair(_mm256_unpacklo_epi16(_mm256_loadu_si256((const __m256i *)ra), _mm256_loadu_si256((const __m256i *)rb)),
                   _mm256_unpacklo_epi16(_mm256_loadu_si256((const __m256i *)da), _mm256_loadu_si256((const __m256i *)db)),
                   _mm256_set1_epi32(taps16[0].vpair[k]), acc);
    const __m256i z = _mm256_setzero_si256();
    vert8_pair(_mm256_unpacklo_epi16(_mm256_loadu_si256((const __m256i *)ra), z),
               _mm256_unpacklo_epi16(_mm256_loadu_si256((const __m256i *)da), z),
               _mm256_set1_epi32(taps16[0].vpair[half]), acc);
    const __m256i c30 = _mm256_set1_epi32(1 << 30), r23 = _mm256_set1_epi32((1 << 23) + 128);
    out[0] = _mm256_srli_epi32(_mm256_add_epi32(acc[0], r23), 8);
    out[1] = _mm256_srli_epi32(_mm256_add_epi32(acc[1], r23), 8);
    out[2] = _mm256_add_epi32(_mm256_add_epi32(acc[2], _mm256_slli_epi32(acc[0], 8)), c30);
    out[3] = _mm256_add_epi32(_mm256_add_epi32(acc[3], _mm256_slli_epi32(acc[1], 8)), c30);
    out[4] = _mm256_add_epi32(_mm256_add_epi32(acc[4], _mm256_slli_epi32(_mm256_add_epi32(acc[0], acc[1]), 7)), c30);
}

#endif

/* 9- to 12-bit samples at scale 0: as vert_block8 (samples and taps fit signed 16-bit lanes), but
   x0^2 + x1^2 (below 2^25) is split into its 16-bit halves before the tap multiply: the filtered
   low halves stay below 36660 * 65535 < 2^32, and (hi * 2^16 + lo + round) >> sqshift is
   recombined exactly as (hi << (16 - sqshift)) + ((lo + round) >> sqshift). */
VT_TARGET_AVX2 VT_INLINE void vert_block12(const uint16_t *ref, const uint16_t *dis, ptrdiff_t st,
                                           int n, const uint16_t *f, int bpc, __m256i out[2][5])
{
    const int half = n / 2;
    const __m128i vsh = _mm_cvtsi32_si128(bpc), sqsh = _mm_cvtsi32_si128(2 * (bpc - 8));
    const __m128i squp = _mm_cvtsi32_si128(16 - 2 * (bpc - 8));
    const __m256i lo16 = _mm256_set1_epi32(0xffff);
    __m256i mu[2][2], lo[2][3], hi[2][3];
    for (int hh = 0; hh < 2; hh++)
        for (int q = 0; q < 3; q++) {
            lo[hh][q] = hi[hh][q] = _mm256_setzero_si256();
            if (q < 2) mu[hh][q] = lo[hh][q];
        }
    for (int k = 0; k <= half; k++) {
        const __m256i c16 = _mm256_set1_epi32(f[k] | (k < half ? (int32_t)f[k] << 16 : 0));
        const __m256i c32 = _mm256_set1_epi32(f[k]);
        __m256i a, b, da, db;
        tap_pair(ref, st, n, k, &a, &b);
        tap_pair(dis, st, n, k, &da, &db);
        for (int hh = 0; hh < 2; hh++) {
            const __m256i ux = hh ? _mm256_unpackhi_epi16(a, b) : _mm256_unpacklo_epi16(a, b);
            const __m256i uy = hh ? _mm256_unpackhi_epi16(da, db) : _mm256_unpacklo_epi16(da, db);
            mu[hh][0] = madd_acc(mu[hh][0], ux, c16);
            mu[hh][1] = madd_acc(mu[hh][1], uy, c16);
            const __m256i v[3] = {_mm256_madd_epi16(ux, ux), _mm256_madd_epi16(uy, uy), _mm256_madd_epi16(ux, uy)};
            for (int q = 0; q < 3; q++) {
                lo[hh][q] = _mm256_add_epi32(lo[hh][q], _mm256_mullo_epi32(_mm256_and_si256(v[q], lo16), c32));
                hi[hh][q] = _mm256_add_epi32(hi[hh][q], _mm256_mullo_epi32(_mm256_srli_epi32(v[q], 16), c32));
            }
        }
    }
    const __m256i vround = _mm256_set1_epi32(1 << (bpc - 1)), sqround = _mm256_set1_epi32(1 << (2 * (bpc - 8) - 1));
    for (int hh = 0; hh < 2; hh++) {
        out[hh][0] = _mm256_srl_epi32(_mm256_add_epi32(mu[hh][0], vround), vsh);
        out[hh][1] = _mm256_srl_epi32(_mm256_add_epi32(mu[hh][1], vround), vsh);
        for (int q = 0; q < 3; q++)
            out[hh][2 + q] = _mm256_add_epi32(_mm256_sll_epi32(hi[hh][q], squp),
                                              _mm256_srl_epi32(_mm256_add_epi32(lo[hh][q], sqround), sqsh));
    }
}

/* Vertical pass of output row i into the 16-bit planes (natural column order, biased): those of
   the sides `mode` names (the other sums are never used, and the compiler drops them). */
VT_TARGET_AVX2 VT_INLINE void vertical_body(const vt_vif *s, int w, int i, int scale, const int n,
                                             const enum vif_mode mode, int16_t *const *pl)
{
    const vif_taps16 *t = &taps16[scale];
    const int half = n / 2;
    const ptrdiff_t st = s->stride;
    const int vshift = scale == 0 ? s->bpc : 16;
    const int sqshift = scale == 0 ? 2 * (s->bpc - 8) : 16;
    const int narrow = scale == 0 && s->bpc == 8;
    const int mid = scale == 0 && s->bpc > 8 && s->bpc <= 12;
    const __m128i tsh = _mm_cvtsi32_si128(t->tshift), vsh = _mm_cvtsi32_si128(vshift);
    const __m128i sqsh = _mm_cvtsi32_si128(sqshift), squp = _mm_cvtsi32_si128(16 - sqshift);
    const __m256i vround = _mm256_set1_epi32(1 << (vshift - 1));
    const __m256i sqround = _mm256_set1_epi32(sqshift ? 1 << (sqshift - 1) : 0);
    const uint16_t *ref = s->ref + (i - half) * st, *dis = s->dis + (i - half) * st;
    const __m256i lo16 = _mm256_set1_epi32(0xffff);

    for (int j = 0; j < w; j += 16) {
        __m256i o[2][5];
        if (narrow) {
#ifdef VIF_AVXVNNI
            vert_half8(ref + j, dis + j, st, n, o[0]);
            vert_half8(ref + j + 4, dis + j + 4, st, n, o[1]);
#else
            vert_block8(ref + j, dis + j, st, n, vif_taps[0], o);
#endif
        } else if (mid) {
            vert_block12(ref + j, dis + j, st, n, vif_taps[0], s->bpc, o);
        } else {
            vert_half(ref + j, dis + j, st, t, n, 0, 1, tsh, vround, vsh, sqsh, squp, sqround, o[0]);
            vert_half(ref + j, dis + j, st, t, n, 1, 1, tsh, vround, vsh, sqsh, squp, sqround, o[1]);
        }
        /* packus of (columns 0-3, 8-11) and (4-7, 12-15) gives columns 0-15 in order */
        if (plane_used(mode, P_MU1))
            _mm256_storeu_si256((__m256i *)(pl[P_MU1] + j), bias16(_mm256_packus_epi32(o[0][0], o[1][0])));
        if (plane_used(mode, P_MU2))
            _mm256_storeu_si256((__m256i *)(pl[P_MU2] + j), bias16(_mm256_packus_epi32(o[0][1], o[1][1])));
        for (int q = 0; q < 3; q++) {
            if (!plane_used(mode, P_XXL + 2 * q)) continue;
            const __m256i l = _mm256_packus_epi32(_mm256_and_si256(o[0][2 + q], lo16),
                                                  _mm256_and_si256(o[1][2 + q], lo16));
            const __m256i h = _mm256_packus_epi32(_mm256_srli_epi32(o[0][2 + q], 16),
                                                  _mm256_srli_epi32(o[1][2 + q], 16));
            _mm256_storeu_si256((__m256i *)(pl[P_XXL + 2 * q] + j), bias16(l));
            _mm256_storeu_si256((__m256i *)(pl[P_XXH + 2 * q] + j), bias16(h));
        }
    }
}

/* The body with each scale's tap count as a constant (fully unrolled tap loops). */
VT_TARGET_AVX2 VT_INLINE void vertical_scale(const vt_vif *s, int w, int i, int scale, const enum vif_mode mode,
                                              int16_t *const *pl)
{
    switch (scale) {
    case 0: vertical_body(s, w, i, 0, vif_ntaps[0], mode, pl); break;
    case 1: vertical_body(s, w, i, 1, vif_ntaps[1], mode, pl); break;
    case 2: vertical_body(s, w, i, 2, vif_ntaps[2], mode, pl); break;
    default: vertical_body(s, w, i, 3, vif_ntaps[3], mode, pl); break;
    }
}

/* ... and with the mode as a constant. */
VT_TARGET_AVX2 static void vertical_avx2(const vt_vif *s, int w, int i, int scale, enum vif_mode mode,
                                         int16_t *const *pl)
{
    switch (mode) {
    case VIF_BOTH:
    case VIF_KEEP: vertical_scale(s, w, i, scale, VIF_BOTH, pl); break;
    case VIF_REF: vertical_scale(s, w, i, scale, VIF_REF, pl); break;
    default: vertical_scale(s, w, i, scale, VIF_DIS, pl); break;
    }
}

/* (a * b + 2^31) >> 32 per unsigned 32-bit lane. */
VT_TARGET_AVX2 VT_INLINE __m256i mul_round32(__m256i a, __m256i b)
{
    const __m256i r = _mm256_set1_epi64x(0x80000000LL);
    const __m256i pe = _mm256_add_epi64(_mm256_mul_epu32(a, b), r);
    const __m256i po = _mm256_add_epi64(
        _mm256_mul_epu32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32)), r);
    return _mm256_blend_epi32(_mm256_srli_epi64(pe, 32), po, 0xAA);
}

/* round(2048 * log2(m)) = vt_vif_log2_lut[i] - 15 * 2048 for the floats m = i / 2^15,
   i in [2^15, 2^16) (lanes hold m's bits), without table gathers: log2(m) = log2(c) + log2(m / c)
   around one of 8 centres c (chosen by the top 3 mantissa bits; 1/c has 8 significant bits, so
   r = m / c - 1 is exact) with a degree-5 series in r (|r| < 0.064), in float, evaluated in
   Estrin's order for a short dependency chain. 2048 * log2(m) + L2_MAGIC then holds
   t = 2048 * log2(m) rounded to 1/1024 in its low mantissa bits, read as the integer
   u = round(1024 * t) + 512, and round(t) = u >> 10. u is within ~1 of the exact value, and the
   table rounds log2f, so the two can disagree only next to rounding ties; log2_fast_init compares
   them on every table entry. They disagree only where u mod 1024 = 1023 (u just below a tie that
   the table rounds up, 21 entries), so lanes with u mod 1024 = 1023 (0.1 % of entries) take the
   table entry instead; if they ever disagreed elsewhere, every lane would take the table
   (l2_mask = 0). */
static float l2_invc[8] __attribute__((aligned(32)));
static float l2_logc[8] __attribute__((aligned(32))); /* 2048 * log2(c) + L2_MAGIC */
static int32_t l2_mask = 0; /* lanes with (u & l2_mask) == l2_mask use the table */
#define L2_MAGIC 12288.0f /* 1.5 * 2^13: sums in [2^13, 2^14) have ulp 2^-10 */
#define L2_MAGIC_BITS 0x46400000 /* its bits */
#define L2_A(n) ((float)((n % 2 ? 2048.0 : -2048.0) / (n * 0.69314718055994530942)))

/* u = round(1024 * t) + 512 (round(t) = u >> 10, ties at u mod 1024 = 0), before the tie check;
   j: the top 3 mantissa bits of m in its low 3 bits. */
VT_TARGET_AVX2 VT_INLINE __m256i log2m_series(__m256i mbits, __m256i j)
{
    const __m256 m = _mm256_castsi256_ps(mbits);
    const __m256 invc = _mm256_permutevar8x32_ps(_mm256_load_ps(l2_invc), j);
    const __m256 logc = _mm256_permutevar8x32_ps(_mm256_load_ps(l2_logc), j);
    const __m256 r = _mm256_fmsub_ps(m, invc, _mm256_set1_ps(1.0f));
    const __m256 r2 = _mm256_mul_ps(r, r);
    const __m256 a = _mm256_fmadd_ps(_mm256_set1_ps(L2_A(2)), r, _mm256_set1_ps(L2_A(1)));
    const __m256 b = _mm256_fmadd_ps(_mm256_set1_ps(L2_A(4)), r, _mm256_set1_ps(L2_A(3)));
    const __m256 bc = _mm256_fmadd_ps(r2, _mm256_set1_ps(L2_A(5)), b);
    const __m256 p = _mm256_fmadd_ps(r2, bc, a);
    const __m256 t = _mm256_fmadd_ps(p, r, logc);
    return _mm256_sub_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(L2_MAGIC_BITS - 512));
}

/* The lanes that take the table entry. */
VT_TARGET_AVX2 VT_INLINE __m256i log2m_tie(__m256i u)
{
    const __m256i m = _mm256_set1_epi32(l2_mask);
    return _mm256_cmpeq_epi32(_mm256_and_si256(u, m), m);
}

VT_TARGET_AVX2 VT_INLINE __m256i log2m_q11(__m256i mbits, __m256i j)
{
    const __m256i u = log2m_series(mbits, j);
    __m256i ri = _mm256_srai_epi32(u, 10);
    const __m256i tie = log2m_tie(u);
    if (!_mm256_testz_si256(tie, tie)) {
        const __m256i idx = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(mbits, 8), _mm256_set1_epi32(0x7fff)),
                                            _mm256_set1_epi32(0x8000));
        const __m256i l = _mm256_sub_epi32(_mm256_and_si256(_mm256_i32gather_epi32((const int *)vt_vif_log2_lut, idx, 2),
                                                            _mm256_set1_epi32(0xffff)),
                                           _mm256_set1_epi32(15 * 2048));
        ri = _mm256_blendv_epi8(ri, l, tie);
    }
    return ri;
}

VT_TARGET_AVX2 static void log2_fast_init(void)
{
    for (int j = 0; j < 8; j++) {
        const double c = 1.0 + (j + 0.5) / 8;
        l2_invc[j] = (float)(round(256.0 / c) / 256.0);
        l2_logc[j] = (float)(-2048.0 * log2((double)l2_invc[j]) + L2_MAGIC);
    }
    int only_1023 = 1; /* every lane that rounds differently has u mod 1024 = 1023 */
    for (int i = 32768; i < 65536; i += 8) {
        const __m256i mbits = _mm256_or_si256(_mm256_slli_epi32(_mm256_add_epi32(_mm256_set1_epi32(i - 32768),
                                                                                  _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)), 8),
                                              _mm256_set1_epi32(0x3f800000));
        const __m256i u = log2m_series(mbits, _mm256_srli_epi32(mbits, 20));
        int32_t uu[8];
        _mm256_storeu_si256((__m256i *)uu, u);
        for (int l = 0; l < 8; l++)
            if ((uu[l] >> 10) != vt_vif_log2_lut[i + l] - 15 * 2048 && (uu[l] & 1023) != 1023) only_1023 = 0;
    }
    l2_mask = only_1023 ? 1023 : 0;
}

/* The high 32 bits of two vectors of 4 doubles, in the lane order a0 a1 b0 b1 a2 a3 b2 b3. */
VT_TARGET_AVX2 VT_INLINE __m256i f64_hi_words(__m256d a, __m256d b)
{
    return _mm256_castps_si256(_mm256_shuffle_ps(_mm256_castpd_ps(a), _mm256_castpd_ps(b), 0xDD));
}

/* log2_q11 of doubles holding integers in [2^16, 2^53) from their high 32 bits (f64_hi_words):
   the exponent and the top 15 mantissa bits are all there. Plus 1023 * 2048 (the exponent bias),
   which cancels in differences. */
VT_TARGET_AVX2 VT_INLINE __m256i log2_q11_hi(__m256i hi)
{
    const __m256i mbits = _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi32(hi, 3), _mm256_set1_epi32(0x7fff00)),
                                          _mm256_set1_epi32(0x3f800000));
    const __m256i e = _mm256_and_si256(_mm256_srli_epi32(hi, 9), _mm256_set1_epi32(-2048)); /* biased exponent << 11 */
    return _mm256_add_epi32(log2m_q11(mbits, _mm256_srli_epi32(hi, 17)), e);
}

/* Sum of the unsigned 32-bit lanes of v into 64-bit lanes. */
VT_TARGET_AVX2 VT_INLINE __m256i widen_add(__m256i acc, __m256i v)
{
    return _mm256_add_epi64(acc, _mm256_add_epi64(_mm256_and_si256(v, _mm256_set1_epi64x(0xffffffffLL)),
                                                  _mm256_srli_epi64(v, 32)));
}

typedef struct {
    __m256i num_log[VT_MAX_EGL]; /* 64-bit lanes */
    __m256i den_log, num_flat;   /* 64-bit lanes */
    __m256i den_flat;            /* 32-bit lane counts */
} vif_acc_avx2;

/* The textured pixels whose log terms are still to be added: their three sigmas (sigma12 set to
   0 where the pixel has no numerator term, which makes that term 0), packed densely. The terms
   are integers, so the order in which they are summed does not matter. */
typedef struct {
    int32_t *s1, *s2, *s12; /* VIF_QUEUE_SLACK entries past w each */
    int n;
} vif_queue;

/* The per-pixel statistic of scale_pass_c for 8 pixels (lanes off in `valid` are ignored), up to
   the sigmas (sigma1_sq is xx - mu1^2, from ref_sigma_sq or a reference state): the flat-pixel
   terms are summed here, and the textured pixels are appended to the queue (log_terms_avx2 adds
   their terms). */
VT_TARGET_AVX2 VT_INLINE void statistic8(vif_acc_avx2 *acc, vif_queue *q, __m256i m1, __m256i m2,
                                         __m256i sigma1_sq, __m256i yy, __m256i xy, __m256i valid)
{
    const __m256i zero = _mm256_setzero_si256();
    const __m256i sigma2_sq = _mm256_max_epi32(_mm256_sub_epi32(yy, mul_round32(m2, m2)), zero);
    const __m256i sigma12 = _mm256_sub_epi32(xy, mul_round32(m1, m2));
    const __m256i textured = _mm256_cmpgt_epi32(sigma1_sq, _mm256_set1_epi32(NOISE_VAR - 1));
    const __m256i logm = _mm256_and_si256(textured, valid);
    const __m256i flatm = _mm256_andnot_si256(textured, valid);

    acc->num_flat = widen_add(acc->num_flat, _mm256_and_si256(sigma2_sq, flatm));
    acc->den_flat = _mm256_sub_epi32(acc->den_flat, flatm);
    /* numerator terms only where sigma12 > 0 and sigma2_sq > 0; sigma12 = 0 makes the term 0 */
    const __m256i s12 = _mm256_and_si256(sigma12, _mm256_and_si256(_mm256_cmpgt_epi32(sigma12, zero),
                                                                    _mm256_cmpgt_epi32(sigma2_sq, zero)));
    const int mm = _mm256_movemask_ps(_mm256_castsi256_ps(logm));
    const __m256i idx = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)&pack_lut[mm]));
    _mm256_storeu_si256((__m256i *)(q->s1 + q->n), _mm256_permutevar8x32_epi32(sigma1_sq, idx));
    _mm256_storeu_si256((__m256i *)(q->s2 + q->n), _mm256_permutevar8x32_epi32(sigma2_sq, idx));
    _mm256_storeu_si256((__m256i *)(q->s12 + q->n), _mm256_permutevar8x32_epi32(s12, idx));
    q->n += __builtin_popcount((unsigned)mm);
}

/* The gain terms of 4 queued pixels in double lanes: the gain and sv_sq as in scale_pass_c
   (sv_sq = s2 - g * s12 <= s2 < 2^31 here, so its truncation toward zero and clamp at 0 in double
   equal the scalar int32 conversion and clamp); base and (int64)(gk^2 * s1) + base as exact
   integers in double (the product is below 2^46 here, base below 2^32). */
VT_TARGET_AVX2 VT_INLINE void gain4(const int32_t *p1, const int32_t *p2, const int32_t *p12,
                                    const double *egl, int n_egl, __m256d *base, __m256d *total)
{
    const __m256d s1 = _mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)p1));
    const __m256d s2 = _mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)p2));
    const __m256d s12 = _mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)p12));
    const __m256d g = _mm256_div_pd(s12, _mm256_add_pd(s1, _mm256_set1_pd(65536 * 1.0e-10)));
    const __m256d sv = _mm256_round_pd(_mm256_sub_pd(s2, _mm256_mul_pd(g, s12)), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    *base = _mm256_add_pd(_mm256_max_pd(sv, _mm256_setzero_pd()), _mm256_set1_pd(NOISE_VAR));
    for (int k = 0; k < n_egl; k++) {
        const __m256d gk = _mm256_min_pd(g, _mm256_set1_pd(egl[k]));
        const __m256d prod = _mm256_mul_pd(_mm256_mul_pd(gk, gk), s1);
        total[k] = _mm256_add_pd(_mm256_round_pd(prod, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), *base);
    }
}

/* Adds the log terms of the queued pixels, all of them if `all` (the queue is padded with pixels
   whose terms are exactly 0: sigma1_sq = 0 gives log2(NOISE_VAR) in the denominator, sigma12 = 0
   gives g = 0 and total = base), else those in whole groups of 8, keeping the rest queued. A
   term is below 2^16 (log2 total - log2 base < 32), so the 32-bit lane sums of one call (one
   row) cannot overflow. The denominator terms only `with_den` (a reference state has them). */
VT_TARGET_AVX2 VT_INLINE void log_terms_body(vif_acc_avx2 *acc, vif_queue *q, const double *egl,
                                             const int n_egl, int all, const int with_den)
{
    if (n_egl < 1) return; /* never (vt_check_egl); tells the compiler that total[.][0] is set */
    int n = q->n;
    if (all)
        for (; n % 8; n++) q->s1[n] = q->s2[n] = q->s12[n] = 0;
    const int whole = n / 8 * 8;
    __m256i sum = _mm256_setzero_si256(), den = sum, diff[VT_MAX_EGL];
    for (int k = 1; k < n_egl; k++) diff[k] = _mm256_setzero_si256();
    /* In chunks: first the gains (division chains), then the logarithms of their results, so
       that each loop body is a short chain and the core overlaps many of them. The terms of
       the first gain limit are summed for every pixel; another limit's terms differ from those
       only where it clamps the gain differently (where the log operands differ), so only those
       pixels are listed (l0: first limit's operand, lk: this limit's) and their differences
       added. */
    enum { CHUNK = 128 };
    __m256i hi[CHUNK / 8][3]; /* operands for log2_q11_hi: den, base, first limit's total */
    int32_t l0[VT_MAX_EGL][CHUNK + 8], lk[VT_MAX_EGL][CHUNK + 8];
    for (int j0 = 0; j0 < whole; j0 += CHUNK) {
        int nk[VT_MAX_EGL] = {0};
        const int nj = whole - j0 < CHUNK ? whole - j0 : CHUNK;
        for (int j = 0; j < nj; j += 8) {
            const int32_t *p1 = q->s1 + j0 + j, *p2 = q->s2 + j0 + j, *p12 = q->s12 + j0 + j;
            __m256d base[2], total[2][VT_MAX_EGL];
            gain4(p1, p2, p12, egl, n_egl, &base[0], total[0]);
            gain4(p1 + 4, p2 + 4, p12 + 4, egl, n_egl, &base[1], total[1]);
            __m256i *h = hi[j / 8];
            if (with_den) {
                const __m256d d0 = _mm256_add_pd(_mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)p1)), _mm256_set1_pd(NOISE_VAR));
                const __m256d d1 = _mm256_add_pd(_mm256_cvtepi32_pd(_mm_loadu_si128((const __m128i *)(p1 + 4))), _mm256_set1_pd(NOISE_VAR));
                h[0] = f64_hi_words(d0, d1);
            }
            h[1] = f64_hi_words(base[0], base[1]);
            h[2] = f64_hi_words(total[0][0], total[1][0]);
            for (int k = 1; k < n_egl; k++) {
                const __m256i t = f64_hi_words(total[0][k], total[1][k]);
                const int m = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(t, h[2]))) ^ 0xff;
                const __m256i idx = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)&pack_lut[m]));
                _mm256_storeu_si256((__m256i *)(l0[k] + nk[k]), _mm256_permutevar8x32_epi32(h[2], idx));
                _mm256_storeu_si256((__m256i *)(lk[k] + nk[k]), _mm256_permutevar8x32_epi32(t, idx));
                nk[k] += __builtin_popcount((unsigned)m);
            }
        }
        for (int j = 0; j < nj; j += 8) {
            const __m256i *h = hi[j / 8];
            if (with_den)
                den = _mm256_add_epi32(den, _mm256_sub_epi32(log2_q11_hi(h[0]), _mm256_set1_epi32(2048 * (1023 + 17))));
            sum = _mm256_add_epi32(sum, _mm256_sub_epi32(log2_q11_hi(h[2]), log2_q11_hi(h[1])));
        }
        for (int k = 1; k < n_egl; k++) {
            for (; nk[k] % 8; nk[k]++) l0[k][nk[k]] = lk[k][nk[k]] = 0x41000000; /* 2^17 */
            for (int j = 0; j < nk[k]; j += 8)
                diff[k] = _mm256_add_epi32(diff[k], _mm256_sub_epi32(log2_q11_hi(_mm256_loadu_si256((const __m256i *)(lk[k] + j))),
                                                                     log2_q11_hi(_mm256_loadu_si256((const __m256i *)(l0[k] + j)))));
        }
    }
    acc->den_log = widen_add(acc->den_log, den);
    for (int k = 0; k < n_egl; k++) acc->num_log[k] = widen_add(acc->num_log[k], sum);
    for (int k = 1; k < n_egl; k++) /* lane sums of differences: signed */
        acc->num_log[k] = _mm256_add_epi64(acc->num_log[k],
                                           _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(diff[k])),
                                                            _mm256_cvtepi32_epi64(_mm256_extracti128_si256(diff[k], 1))));
    q->n = n - whole;
    for (int j = 0; j < q->n; j++) {
        q->s1[j] = q->s1[whole + j];
        q->s2[j] = q->s2[whole + j];
        q->s12[j] = q->s12[whole + j];
    }
}

/* The body with the number of gain limits and with_den as constants. */
VT_TARGET_AVX2 VT_INLINE void log_terms_n(vif_acc_avx2 *acc, vif_queue *q, const double *egl, int n_egl,
                                          int all, const int with_den)
{
    switch (n_egl) {
    case 1: log_terms_body(acc, q, egl, 1, all, with_den); break;
    case 2: log_terms_body(acc, q, egl, 2, all, with_den); break;
    default: log_terms_body(acc, q, egl, n_egl, all, with_den); break;
    }
}

VT_TARGET_AVX2 static void log_terms_avx2(vif_acc_avx2 *acc, vif_queue *q, const double *egl, int n_egl,
                                          int all, int with_den)
{
    if (with_den)
        log_terms_n(acc, q, egl, n_egl, all, 1);
    else
        log_terms_n(acc, q, egl, n_egl, all, 0);
}

VT_TARGET_AVX2 VT_INLINE int64_t hsum64(__m256i v)
{
    const __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    return _mm_cvtsi128_si64(s) + _mm_extract_epi64(s, 1);
}

/* Horizontal pass of one row (adjacent-column tap pairs: one parity of 8 pixels per madd chain)
   of the planes `mode` uses, then the statistic (unless VIF_REF), with the reference's m1 and
   sigma1_sq stored to rm1 and rs1 (one state row: VIF_KEEP, VIF_REF) or read from there
   (VIF_DIS). */
VT_TARGET_AVX2 VT_INLINE void horizontal_statistic_body(int w, int scale, const int half, const enum vif_mode mode,
                                                         int16_t *const *pl, uint32_t *rm1, int32_t *rs1,
                                                         vif_queue *q, vif_acc_avx2 *acc)
{
    const vif_taps16 *t = &taps16[scale];
    const __m128i tsh = _mm_cvtsi32_si128(t->tshift);
    const __m256i lane_col = _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14);
    const __m256i wv = _mm256_set1_epi32(w);
    const __m256i r16 = _mm256_set1_epi32(32768);
    __m256i c[9]; /* the tap pairs (half <= 8) */
    for (int qq = 0; qq <= half; qq++) c[qq] = _mm256_set1_epi32(t->hpair[qq]);
    /* the queue and the sums in locals, kept in registers: the compiler cannot tell that the
       stores into the queue's arrays leave *q and *acc unchanged */
    vif_queue lq = *q;
    vif_acc_avx2 la = *acc;
    for (int j = 0; j < w; j += 16) {
        for (int par = 0; par < 2; par++) {
            __m256i a[V16_PLANES];
            const ptrdiff_t o = j - half + par;
            for (int p = 0; p < V16_PLANES; p++) { /* one plane's taps at a time: one accumulator */
                a[p] = _mm256_setzero_si256();
                if (!plane_used(mode, p)) continue;
                const int16_t *src = pl[p] + o;
                __m256i s = _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)src), c[0]);
#pragma GCC unroll 9
                for (int qq = 1; qq <= half; qq++)
                    s = madd_acc(s, _mm256_loadu_si256((const __m256i *)(src + 2 * qq)), c[qq]);
                a[p] = unbias(s, tsh);
            }
            __m256i m1, sigma1_sq;
            const ptrdiff_t at = 2 * j + 8 * par; /* this parity's 8 pixels in a state row */
            if (mode == VIF_DIS) {
                m1 = _mm256_loadu_si256((const __m256i *)(rm1 + at));
                sigma1_sq = _mm256_loadu_si256((const __m256i *)(rs1 + at));
            } else {
                /* (uint32)((hi * 2^16 + lo + 32768) >> 16) */
                const __m256i xx = _mm256_add_epi32(a[P_XXH], _mm256_srli_epi32(_mm256_add_epi32(a[P_XXL], r16), 16));
                m1 = a[P_MU1];
                sigma1_sq = _mm256_sub_epi32(xx, mul_round32(m1, m1));
            }
            if (mode == VIF_KEEP || mode == VIF_REF) {
                _mm256_storeu_si256((__m256i *)(rm1 + at), m1);
                _mm256_storeu_si256((__m256i *)(rs1 + at), sigma1_sq);
                if (mode == VIF_REF) continue;
            }
            const __m256i yy = _mm256_add_epi32(a[P_YYH], _mm256_srli_epi32(_mm256_add_epi32(a[P_YYL], r16), 16));
            const __m256i xy = _mm256_add_epi32(a[P_XYH], _mm256_srli_epi32(_mm256_add_epi32(a[P_XYL], r16), 16));
            const __m256i col = _mm256_add_epi32(_mm256_set1_epi32(j + par), lane_col);
            statistic8(&la, &lq, m1, a[P_MU2], sigma1_sq, yy, xy, _mm256_cmpgt_epi32(wv, col));
        }
    }
    *q = lq;
    *acc = la;
}

/* The body with the tap count of each scale as a constant (fully unrolled tap loops). */
VT_TARGET_AVX2 VT_INLINE void horizontal_scale(int w, int scale, const enum vif_mode mode, int16_t *const *pl,
                                                uint32_t *rm1, int32_t *rs1, vif_queue *q, vif_acc_avx2 *acc)
{
    switch (scale) {
    case 0: horizontal_statistic_body(w, 0, vif_ntaps[0] / 2, mode, pl, rm1, rs1, q, acc); break;
    case 1: horizontal_statistic_body(w, 1, vif_ntaps[1] / 2, mode, pl, rm1, rs1, q, acc); break;
    case 2: horizontal_statistic_body(w, 2, vif_ntaps[2] / 2, mode, pl, rm1, rs1, q, acc); break;
    default: horizontal_statistic_body(w, 3, vif_ntaps[3] / 2, mode, pl, rm1, rs1, q, acc); break;
    }
}

/* ... and with the mode as a constant. */
VT_TARGET_AVX2 static void horizontal_statistic_avx2(int w, int scale, enum vif_mode mode, int16_t *const *pl,
                                                     uint32_t *rm1, int32_t *rs1, vif_queue *q, vif_acc_avx2 *acc)
{
    switch (mode) {
    case VIF_BOTH: horizontal_scale(w, scale, VIF_BOTH, pl, rm1, rs1, q, acc); break;
    case VIF_KEEP: horizontal_scale(w, scale, VIF_KEEP, pl, rm1, rs1, q, acc); break;
    case VIF_REF: horizontal_scale(w, scale, VIF_REF, pl, rm1, rs1, q, acc); break;
    default: horizontal_scale(w, scale, VIF_DIS, pl, rm1, rs1, q, acc); break;
    }
}

/* scale_pass_c for AVX2: per row, the vertical pass, the mirrored columns, the horizontal pass
   and (unless VIF_REF) the log terms. */
VT_TARGET_AVX2 static void scale_pass_avx2(vt_vif *s, int w, int h, int scale, enum vif_mode mode,
                                           const double *egl, int n_egl, const struct vif_ref_scale *rs,
                                           struct vif_sums *out)
{
    int16_t *pl[V16_PLANES];
    for (int p = 0; p < V16_PLANES; p++) pl[p] = s->v16 + p * s->v16_len + VIF_COL_PAD;
    vif_queue q = {s->queue, s->queue + s->queue_len, s->queue + 2 * s->queue_len, 0};
    vif_acc_avx2 acc;
    memset(&acc, 0, sizeof(acc));
    const int half = vif_ntaps[scale] / 2;
    for (int i = 0; i < h; i++) {
        vertical_avx2(s, w, i, scale, mode, pl);
        for (int p = 0; p < V16_PLANES; p++)
            if (plane_used(mode, p)) mirror_cols16(pl[p], w, half);
        uint32_t *rm1 = rs ? rs->m1 + i * rs->stride : NULL;
        int32_t *rs1 = rs ? rs->s1 + i * rs->stride : NULL;
        horizontal_statistic_avx2(w, scale, mode, pl, rm1, rs1, &q, &acc);
        if (mode != VIF_REF) log_terms_avx2(&acc, &q, egl, n_egl, i == h - 1, mode != VIF_DIS);
    }
    if (mode == VIF_REF) return;
    for (int k = 0; k < n_egl; k++) out->num_log[k] = hsum64(acc.num_log[k]);
    out->num_flat = hsum64(acc.num_flat);
    out->den_log = out->den_flat = 0; /* VIF_DIS: the state's */
    if (mode != VIF_DIS) {
        out->den_log = hsum64(acc.den_log);
        out->den_flat = hsum64(widen_add(_mm256_setzero_si256(), acc.den_flat));
    }
}

/* How downscale_body takes a plane's samples v: as stored (below 2^15), biased to v - 2^15 for the
   signed multiply-adds, or stored centred as v - 128 (8-bit samples as load_avx2 keeps them). */
enum { IN_PLAIN, IN_BIASED, IN_CENTRED };

/* downscale_c for AVX2: the low-pass is evaluated only at the kept (even) rows and columns. */
VT_TARGET_AVX2 VT_INLINE void downscale_body(vt_vif *s, uint16_t *plane, int w, int h, int scale, const int n,
                                              const int in)
{
    const int biased = in == IN_BIASED;
    /* the filter sum, from that of the stored samples (the taps sum to 2^16) */
    const __m256i in_off = _mm256_set1_epi32(in == IN_BIASED ? INT32_MIN : in == IN_CENTRED ? 1 << 23 : 0);
    const vif_taps16 *t = &taps16[scale + 1];
    const int half = n / 2;
    const int vshift = scale == 0 ? s->bpc : 16;
    const __m128i tsh = _mm_cvtsi32_si128(t->tshift), vsh = _mm_cvtsi32_si128(vshift);
    const __m256i vround = _mm256_set1_epi32(1 << (vshift - 1));
    const __m256i r16 = _mm256_set1_epi32(32768);
    const ptrdiff_t st = s->stride;
    int16_t *rr = s->v16 + VIF_COL_PAD;
    const int w2 = w / 2, h2 = h / 2;

    for (int i2 = 0; i2 < h2; i2++) {
        const uint16_t *src = plane + (2 * i2 - half) * st;
        for (int j = 0; j < w; j += 16) {
            __m256i rl = _mm256_setzero_si256(), rh = rl;
            for (int k = 0; k <= half; k++) {
                const __m256i c = _mm256_set1_epi32(t->vpair[k]);
                const __m256i a = _mm256_loadu_si256((const __m256i *)(src + k * st + j));
                const __m256i b = _mm256_loadu_si256((const __m256i *)(src + (n - 1 - k) * st + j));
                __m256i ul = _mm256_unpacklo_epi16(a, b), uh = _mm256_unpackhi_epi16(a, b);
                if (biased) {
                    ul = bias16(ul);
                    uh = bias16(uh);
                }
                rl = madd_acc(rl, ul, c);
                rh = madd_acc(rh, uh, c);
            }
            rl = _mm256_srl_epi32(_mm256_add_epi32(_mm256_add_epi32(_mm256_sll_epi32(rl, tsh), in_off), vround), vsh);
            rh = _mm256_srl_epi32(_mm256_add_epi32(_mm256_add_epi32(_mm256_sll_epi32(rh, tsh), in_off), vround), vsh);
            _mm256_storeu_si256((__m256i *)(rr + j), bias16(_mm256_packus_epi32(rl, rh)));
        }
        mirror_cols16(rr, w, half);
        uint16_t *out = s->mu + i2 * st;
        for (int j2 = 0; j2 < w2; j2 += 8) {
            __m256i ar = _mm256_setzero_si256();
            for (int q = 0; q <= half; q++) {
                const __m256i c = _mm256_set1_epi32(t->hpair[q]);
                ar = madd_acc(ar, _mm256_loadu_si256((const __m256i *)(rr + 2 * j2 - half + 2 * q)), c);
            }
            ar = _mm256_srli_epi32(_mm256_add_epi32(unbias(ar, tsh), r16), 16);
            /* 8 values in order: pack within lanes, then gather the two low quarters */
            const __m128i pr = _mm256_castsi256_si128(_mm256_permute4x64_epi64(_mm256_packus_epi32(ar, ar), 0x08));
            if (j2 + 8 <= w2) {
                _mm_storeu_si128((__m128i *)(out + j2), pr);
            } else {
                uint16_t tr[8];
                _mm_storeu_si128((__m128i *)tr, pr);
                memcpy(out + j2, tr, (size_t)(w2 - j2) * sizeof(uint16_t));
            }
        }
    }
    for (int i = 0; i < h2; i++) memcpy(plane + i * st, s->mu + i * st, (size_t)w2 * sizeof(uint16_t));
    vif_mirror_rows(plane, st, w2, h2, vif_ntaps[scale] / 2);
}

VT_TARGET_AVX2 static void downscale_avx2(vt_vif *s, uint16_t *plane, int w, int h, int scale)
{
    switch (scale) { /* constant tap counts, as in vertical_avx2 */
    case 0:
#ifdef VIF_AVXVNNI
        if (s->bpc == 8)
            downscale_body(s, plane, w, h, 0, vif_ntaps[1], IN_CENTRED);
        else
#endif
        if (s->bpc <= 15)
            downscale_body(s, plane, w, h, 0, vif_ntaps[1], IN_PLAIN);
        else
            downscale_body(s, plane, w, h, 0, vif_ntaps[1], IN_BIASED);
        break;
    case 1: downscale_body(s, plane, w, h, 1, vif_ntaps[2], IN_BIASED); break;
    default: downscale_body(s, plane, w, h, 2, vif_ntaps[3], IN_BIASED); break;
    }
}

#ifdef VIF_AVXVNNI
/* load_plane of vif.c for the AVX-VNNI build: 8-bit samples x stored as x - 128 (vert_half8),
   wider ones as they are. */
VT_TARGET_AVX2 static void load_avx2(vt_vif *s, uint16_t *dst, const vt_plane *p)
{
    const uint8_t *src = p->data;
    for (int i = 0; i < p->h; i++, src += p->stride) {
        uint16_t *d = dst + i * s->stride;
        if (p->bpc != 8) {
            memcpy(d, src, (size_t)p->w * sizeof(uint16_t));
            continue;
        }
        int j = 0;
        for (; j + 16 <= p->w; j += 16) {
            const __m128i v = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(src + j)), _mm_set1_epi8(INT8_MIN));
            _mm256_storeu_si256((__m256i *)(d + j), _mm256_cvtepi8_epi16(v));
        }
        for (; j < p->w; j++) d[j] = (uint16_t)(src[j] - 128);
    }
}
#endif

static void avx2_tables_init(void)
{
    taps16_init();
    log2_fast_init();
}

int vt_vif_avx2_setup(vt_vif *s)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    /* Rows cover whole 16-column blocks plus the filter reach on both sides. */
    s->v16_len = (VIF_COL_PAD + (s->w + 15) / 16 * 16 + 48 + 15) / 16 * 16;
    const size_t n16 = (size_t)V16_PLANES * s->v16_len;
    s->v16 = vt_alloc(n16 * sizeof(int16_t));
    s->queue_len = s->w + VIF_QUEUE_SLACK;
    s->queue = vt_alloc(3 * (size_t)s->queue_len * sizeof(int32_t));
    if (!s->v16 || !s->queue) return VT_ENOMEM;
    memset(s->v16, 0, n16 * sizeof(int16_t));
    pthread_once(&once, avx2_tables_init);
#ifdef VIF_AVXVNNI
    s->load = load_avx2;
#endif
    s->downscale = downscale_avx2;
    s->scale_pass = scale_pass_avx2;
    return VT_OK;
}
#endif
