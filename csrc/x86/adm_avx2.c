/*
 * Integer ADM, AVX2 kernels: the hot stages of csrc/adm.c with the same integer results (every
 * function here has a scalar twin there or in adm.h). Compiled to nothing off x86-64.
 */
#include "x86/adm_avx2.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>
#include <pthread.h>
#include <string.h>

static pthread_once_t div30_once = PTHREAD_ONCE_INIT;
static int div30_exact; /* div30 equals the table at every index */

/*
 * AVX2 wavelet levels: the same integer results as dwt_plane_c / dwt_band_c.
 *
 * Scale 0. Samples are centred (v - 2^(bpc-1), which fits int16 for every bpc); since the
 * high-pass taps sum to 0 and the low-pass taps to DB2_LO_SUM, sum(tap * centred) equals the
 * scalar sums (the low-pass one minus its offset). Pairs of rows go through vpmaddwd; every
 * partial sum stays below 54822 * 2^15 < 2^31, and all results fit int16 (|v| <= 27411), so the
 * int16 narrowings of the scalar code are no-ops and saturating packs are exact.
 * The horizontal pass reads lo/hi rows with mirrored columns (-1, w, w + 1), so outputs j..j+7
 * are vpmaddwd of the pairs starting at 2j - 1 (taps 0, 1) plus those at 2j + 1 (taps 2, 3).
 *
 * Scales 1-3: int32 bands whose tap sums need 64 bits: vpmuldq on the even and the odd int32
 * lanes. The low 32 bits of a logical 64-bit right shift equal the int32 truncation of the
 * arithmetic shift, which is what the scalar (int32_t) cast keeps.
 */
VT_TARGET_AVX2 static inline __m256i pair16(int32_t a, int32_t b)
{
    return _mm256_set1_epi32((int32_t)(((uint32_t)b << 16) | ((uint32_t)a & 0xffff)));
}

VT_TARGET_AVX2 static void dwt_plane_avx2(vt_adm *s, const vt_plane *p, bands *out)
{
    const int w = s->w, h = s->h, bpc = s->bpc;
    const int64_t vround = (int64_t)1 << (bpc - 1);
    const int64_t offset = (int64_t)DB2_LO_SUM * vround;
    int16_t *lo = (int16_t *)s->line_buf + 2 * LINE_PAD;
    int16_t *hi = lo + w + 4 * LINE_PAD;
    const uint8_t *base = p->data;
    const __m256i centre = _mm256_set1_epi16((int16_t)(uint16_t)vround);
    const __m256i vr = _mm256_set1_epi32((int32_t)vround);
    const __m128i sh = _mm_cvtsi32_si128(bpc);
    const __m256i lo01 = pair16(db2_lo[0], db2_lo[1]), lo23 = pair16(db2_lo[2], db2_lo[3]);
    const __m256i hi01 = pair16(db2_hi[0], db2_hi[1]), hi23 = pair16(db2_hi[2], db2_hi[3]);
    const __m256i hr = _mm256_set1_epi32(32768);
    const int half = (w + 1) / 2;

    for (int i = 0; i < (h + 1) / 2; i++) {
        const uint8_t *r[4];
        for (int k = 0; k < 4; k++) r[k] = base + s->idx_y[k][i] * p->stride;
        /* The two input rows that output row i + 2 reads first (the others were read by rows
           before): cold when the frame comes from memory, the sequential streams do not cover
           them early enough. */
        const int pf = i + 2 < (h + 1) / 2 ? i + 2 : (h + 1) / 2 - 1;
        const char *pf2 = (const char *)(base + s->idx_y[2][pf] * p->stride);
        const char *pf3 = (const char *)(base + s->idx_y[3][pf] * p->stride);
        const int rowbytes = w * (bpc == 8 ? 1 : 2);
        for (int c = 0; c < rowbytes; c += 64) {
            _mm_prefetch(pf2 + c, _MM_HINT_T0);
            _mm_prefetch(pf3 + c, _MM_HINT_T0);
        }
        int j = 0;
        for (; j + 16 <= w; j += 16) {
            __m256i v[4];
            for (int k = 0; k < 4; k++) {
                const __m256i x = bpc == 8
                    ? _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(r[k] + j)))
                    : _mm256_loadu_si256((const __m256i *)((const uint16_t *)r[k] + j));
                v[k] = _mm256_sub_epi16(x, centre);
            }
            const __m256i a01 = _mm256_unpacklo_epi16(v[0], v[1]), b01 = _mm256_unpackhi_epi16(v[0], v[1]);
            const __m256i a23 = _mm256_unpacklo_epi16(v[2], v[3]), b23 = _mm256_unpackhi_epi16(v[2], v[3]);
            __m256i la = _mm256_add_epi32(_mm256_madd_epi16(a01, lo01), _mm256_madd_epi16(a23, lo23));
            __m256i lb = _mm256_add_epi32(_mm256_madd_epi16(b01, lo01), _mm256_madd_epi16(b23, lo23));
            __m256i ha = _mm256_add_epi32(_mm256_madd_epi16(a01, hi01), _mm256_madd_epi16(a23, hi23));
            __m256i hb = _mm256_add_epi32(_mm256_madd_epi16(b01, hi01), _mm256_madd_epi16(b23, hi23));
            la = _mm256_sra_epi32(_mm256_add_epi32(la, vr), sh);
            lb = _mm256_sra_epi32(_mm256_add_epi32(lb, vr), sh);
            ha = _mm256_sra_epi32(_mm256_add_epi32(ha, vr), sh);
            hb = _mm256_sra_epi32(_mm256_add_epi32(hb, vr), sh);
            /* unpacklo/hi split columns as (0-3, 8-11) / (4-7, 12-15); packs restores the order. */
            _mm256_storeu_si256((__m256i *)(lo + j), _mm256_packs_epi32(la, lb));
            _mm256_storeu_si256((__m256i *)(hi + j), _mm256_packs_epi32(ha, hb));
        }
        for (; j < w; j++) {
            int64_t v[4];
            for (int k = 0; k < 4; k++)
                v[k] = bpc == 8 ? r[k][j] : ((const uint16_t *)r[k])[j];
            lo[j] = (int16_t)((db2_lo[0] * v[0] + db2_lo[1] * v[1] + db2_lo[2] * v[2] +
                               db2_lo[3] * v[3] - offset + vround) >> bpc);
            hi[j] = (int16_t)((db2_hi[0] * v[0] + db2_hi[1] * v[1] + db2_hi[2] * v[2] +
                               db2_hi[3] * v[3] + vround) >> bpc);
        }
        MIRROR_ENDS(lo, hi, w);

        int32_t *row[4];
        for (int k = 0; k < 4; k++) row[k] = out->b[k] + i * s->stride;
        j = 0;
        for (; j + 8 <= half; j += 8) {
            const __m256i xl = _mm256_loadu_si256((const __m256i *)(lo + 2 * j - 1));
            const __m256i yl = _mm256_loadu_si256((const __m256i *)(lo + 2 * j + 1));
            const __m256i xh = _mm256_loadu_si256((const __m256i *)(hi + 2 * j - 1));
            const __m256i yh = _mm256_loadu_si256((const __m256i *)(hi + 2 * j + 1));
            const __m256i a = _mm256_add_epi32(_mm256_madd_epi16(xl, lo01), _mm256_madd_epi16(yl, lo23));
            const __m256i v = _mm256_add_epi32(_mm256_madd_epi16(xl, hi01), _mm256_madd_epi16(yl, hi23));
            const __m256i hh = _mm256_add_epi32(_mm256_madd_epi16(xh, lo01), _mm256_madd_epi16(yh, lo23));
            const __m256i d = _mm256_add_epi32(_mm256_madd_epi16(xh, hi01), _mm256_madd_epi16(yh, hi23));
            _mm256_storeu_si256((__m256i *)(row[BAND_A] + j), _mm256_srai_epi32(_mm256_add_epi32(a, hr), 16));
            _mm256_storeu_si256((__m256i *)(row[BAND_V] + j), _mm256_srai_epi32(_mm256_add_epi32(v, hr), 16));
            _mm256_storeu_si256((__m256i *)(row[BAND_H] + j), _mm256_srai_epi32(_mm256_add_epi32(hh, hr), 16));
            _mm256_storeu_si256((__m256i *)(row[BAND_D] + j), _mm256_srai_epi32(_mm256_add_epi32(d, hr), 16));
        }
        for (; j < half; j++) {
            const int c = 2 * j - 1;
            row[BAND_A][j] = (int16_t)tap4(db2_lo, lo[c], lo[c + 1], lo[c + 2], lo[c + 3], 32768, 16);
            row[BAND_V][j] = (int16_t)tap4(db2_hi, lo[c], lo[c + 1], lo[c + 2], lo[c + 3], 32768, 16);
            row[BAND_H][j] = (int16_t)tap4(db2_lo, hi[c], hi[c + 1], hi[c + 2], hi[c + 3], 32768, 16);
            row[BAND_D][j] = (int16_t)tap4(db2_hi, hi[c], hi[c + 1], hi[c + 2], hi[c + 3], 32768, 16);
        }
    }
}

/* sum_k f[k] * x[k] + round in 64-bit lanes, for the even int32 lanes of x[k] (odd: pre-shifted). */
VT_TARGET_AVX2 static inline __m256i tap4_64(const __m256i f[4], __m256i x0, __m256i x1, __m256i x2,
                                             __m256i x3, __m256i round_v)
{
    const __m256i s01 = _mm256_add_epi64(_mm256_mul_epi32(x0, f[0]), _mm256_mul_epi32(x1, f[1]));
    const __m256i s23 = _mm256_add_epi64(_mm256_mul_epi32(x2, f[2]), _mm256_mul_epi32(x3, f[3]));
    return _mm256_add_epi64(_mm256_add_epi64(s01, s23), round_v);
}

VT_TARGET_AVX2 static void dwt_band_avx2(vt_adm *s, bands *bd, int w, int h, int scale)
{
    static const int vshift[3] = {0, 16, 16}, hshift[3] = {15, 16, 15};
    static const int64_t vround[3] = {0, 32768, 32768}, hround[3] = {16384, 32768, 16384};
    const int vs = vshift[scale - 1], hs = hshift[scale - 1];
    const __m256i vr = _mm256_set1_epi64x(vround[scale - 1]), hr = _mm256_set1_epi64x(hround[scale - 1]);
    const __m128i vsh = _mm_cvtsi32_si128(vs), hsh = _mm_cvtsi32_si128(hs);
    int32_t *lo = s->line_buf + LINE_PAD, *hi = lo + w + 2 * LINE_PAD;
    int32_t *src = bd->b[BAND_A];
    __m256i L[4], Hf[4];
    for (int k = 0; k < 4; k++) {
        L[k] = _mm256_set1_epi64x(db2_lo[k]);
        Hf[k] = _mm256_set1_epi64x(db2_hi[k]);
    }
    const __m256i order = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    const int half = (w + 1) / 2;

    for (int i = 0; i < (h + 1) / 2; i++) {
        const int32_t *r[4];
        for (int k = 0; k < 4; k++) r[k] = src + s->idx_y[k][i] * s->stride;
        int j = 0;
        if (scale == 1) {
            /* Scale 1 reads scale 0's int16 bands: 16-bit tap pairs, sums below 2^31 (no shift) */
            const __m256i lo16 = _mm256_set1_epi32(0xffff);
            const __m256i l01 = pair16(db2_lo[0], db2_lo[1]), l23 = pair16(db2_lo[2], db2_lo[3]);
            const __m256i h01 = pair16(db2_hi[0], db2_hi[1]), h23 = pair16(db2_hi[2], db2_hi[3]);
            for (; j + 8 <= w; j += 8) {
                __m256i x[4];
                for (int k = 0; k < 4; k++) x[k] = _mm256_loadu_si256((const __m256i *)(r[k] + j));
                const __m256i p01 = _mm256_or_si256(_mm256_and_si256(x[0], lo16), _mm256_slli_epi32(x[1], 16));
                const __m256i p23 = _mm256_or_si256(_mm256_and_si256(x[2], lo16), _mm256_slli_epi32(x[3], 16));
                _mm256_storeu_si256((__m256i *)(lo + j),
                                    _mm256_add_epi32(_mm256_madd_epi16(p01, l01), _mm256_madd_epi16(p23, l23)));
                _mm256_storeu_si256((__m256i *)(hi + j),
                                    _mm256_add_epi32(_mm256_madd_epi16(p01, h01), _mm256_madd_epi16(p23, h23)));
            }
        }
        for (; j + 8 <= w; j += 8) {
            __m256i e[4], o[4];
            for (int k = 0; k < 4; k++) {
                e[k] = _mm256_loadu_si256((const __m256i *)(r[k] + j));
                o[k] = _mm256_srli_epi64(e[k], 32);
            }
            const __m256i le = _mm256_srl_epi64(tap4_64(L, e[0], e[1], e[2], e[3], vr), vsh);
            const __m256i lo_ = _mm256_srl_epi64(tap4_64(L, o[0], o[1], o[2], o[3], vr), vsh);
            const __m256i he = _mm256_srl_epi64(tap4_64(Hf, e[0], e[1], e[2], e[3], vr), vsh);
            const __m256i ho = _mm256_srl_epi64(tap4_64(Hf, o[0], o[1], o[2], o[3], vr), vsh);
            _mm256_storeu_si256((__m256i *)(lo + j), _mm256_blend_epi32(le, _mm256_slli_epi64(lo_, 32), 0xAA));
            _mm256_storeu_si256((__m256i *)(hi + j), _mm256_blend_epi32(he, _mm256_slli_epi64(ho, 32), 0xAA));
        }
        for (; j < w; j++) {
            lo[j] = tap4(db2_lo, r[0][j], r[1][j], r[2][j], r[3][j], vround[scale - 1], vs);
            hi[j] = tap4(db2_hi, r[0][j], r[1][j], r[2][j], r[3][j], vround[scale - 1], vs);
        }
        MIRROR_ENDS(lo, hi, w);

        int32_t *row[4];
        for (int k = 0; k < 4; k++) row[k] = bd->b[k] + i * s->stride;
        j = 0;
        for (; j + 8 <= half; j += 8) {
            const int32_t *src2[2] = {lo, hi};
            for (int b = 0; b < 2; b++) {
                const int32_t *q = src2[b] + 2 * j;
                /* 64-bit lane m of x: samples 2j-1+2m (even dword) and 2j+2m (odd dword). */
                const __m256i x0 = _mm256_loadu_si256((const __m256i *)(q - 1));
                const __m256i y0 = _mm256_loadu_si256((const __m256i *)(q + 1));
                const __m256i x1 = _mm256_loadu_si256((const __m256i *)(q + 7));
                const __m256i y1 = _mm256_loadu_si256((const __m256i *)(q + 9));
                const __m256i x0o = _mm256_srli_epi64(x0, 32), y0o = _mm256_srli_epi64(y0, 32);
                const __m256i x1o = _mm256_srli_epi64(x1, 32), y1o = _mm256_srli_epi64(y1, 32);
                for (int f = 0; f < 2; f++) {
                    const __m256i *tp = f ? Hf : L;
                    const __m256i r0 = _mm256_srl_epi64(tap4_64(tp, x0, x0o, y0, y0o, hr), hsh);
                    const __m256i r1 = _mm256_srl_epi64(tap4_64(tp, x1, x1o, y1, y1o, hr), hsh);
                    const __m256i v = _mm256_permutevar8x32_epi32(
                        _mm256_blend_epi32(r0, _mm256_slli_epi64(r1, 32), 0xAA), order);
                    /* lo: A (low-pass) and V (high-pass); hi: H and D */
                    int32_t *dst = row[b == 0 ? (f ? BAND_V : BAND_A) : (f ? BAND_D : BAND_H)];
                    _mm256_storeu_si256((__m256i *)(dst + j), v);
                }
            }
        }
        for (; j < half; j++) {
            const int c = 2 * j - 1;
            const int64_t r_ = hround[scale - 1];
            row[BAND_A][j] = tap4(db2_lo, lo[c], lo[c + 1], lo[c + 2], lo[c + 3], r_, hs);
            row[BAND_V][j] = tap4(db2_hi, lo[c], lo[c + 1], lo[c + 2], lo[c + 3], r_, hs);
            row[BAND_H][j] = tap4(db2_lo, hi[c], hi[c + 1], hi[c + 2], hi[c + 3], r_, hs);
            row[BAND_D][j] = tap4(db2_hi, hi[c], hi[c + 1], hi[c + 2], hi[c + 3], r_, hs);
        }
    }
}

/*
 * AVX2 decoupling, CSF and masking: 8 pixels at a time with the integer steps of adm.h's
 * per-pixel helpers; 64-bit products go through vpmuldq on the even and odd int32 lanes (the low 32 bits of
 * a logical 64-bit shift equal the int32 truncation of the arithmetic one). The work that does
 * not depend on the gain limit (direction test, t / o division, clamp) is done once per scale
 * (decouple_prep_avx2) and kept in base[] and gflag; each gain limit then only grows the
 * flagged pixels (decouple_csf_avx2). CSF factors at scales 1-3 are below 2^31 (checked when a
 * configuration is read), so they are valid vpmuldq operands.
 */

/* Arithmetic right shift of int64 lanes. */
VT_TARGET_AVX2 static inline __m256i sra64(__m256i v, __m128i n)
{
    const __m256i m = _mm256_cmpgt_epi64(_mm256_setzero_si256(), v);
    return _mm256_xor_si256(_mm256_srl_epi64(_mm256_xor_si256(v, m), n), m);
}

/* (float)x for int64 lanes (|x| < 2^63), returned as double: as C rounds int64 -> float.
   Beyond 2^53 the magnitude is first rounded to odd at bit 10 (sticky bit), which makes the
   int64 -> double step exact and leaves the double -> float rounding equal to the direct one. */
VT_TARGET_AVX2 static inline __m256d i64_float_pd(__m256i x)
{
    const __m256i zero = _mm256_setzero_si256();
    const __m256i neg = _mm256_cmpgt_epi64(zero, x);
    __m256i m = _mm256_sub_epi64(_mm256_xor_si256(x, neg), neg);
    const __m256i low = _mm256_set1_epi64x(0x3ff);
    const __m256i big = _mm256_cmpgt_epi64(m, _mm256_set1_epi64x(((int64_t)1 << 53) - 1));
    const __m256i sticky = _mm256_andnot_si256(_mm256_cmpeq_epi64(_mm256_and_si256(m, low), zero),
                                               _mm256_set1_epi64x(0x400));
    m = _mm256_blendv_epi8(m, _mm256_or_si256(_mm256_andnot_si256(low, m), sticky), big);
    const __m256d two84 = _mm256_castsi256_pd(_mm256_set1_epi64x(0x4530000000000000LL));
    const __m256d two52 = _mm256_castsi256_pd(_mm256_set1_epi64x(0x4330000000000000LL));
    const __m256d dhi = _mm256_sub_pd(
        _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(m, 32), _mm256_castpd_si256(two84))), two84);
    const __m256d dlo = _mm256_sub_pd(
        _mm256_castsi256_pd(_mm256_or_si256(_mm256_blend_epi32(m, zero, 0xAA), _mm256_castpd_si256(two52))),
        two52);
    __m256d d = _mm256_add_pd(dhi, dlo); /* exact */
    d = _mm256_xor_pd(d, _mm256_and_pd(_mm256_castsi256_pd(neg), _mm256_set1_pd(-0.0)));
    return _mm256_cvtps_pd(_mm256_cvtpd_ps(d));
}

/* i64_float_pd for lanes with |x| < 2^51: x + 1.5 * 2^52 has x in its mantissa (exact). */
VT_TARGET_AVX2 static inline __m256d i64_float_pd_small(__m256i x)
{
    const __m256i magic = _mm256_set1_epi64x(0x4338000000000000LL);
    const __m256d d = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(x, magic)), _mm256_castsi256_pd(magic));
    return _mm256_cvtps_pd(_mm256_cvtpd_ps(d));
}

/* Direction test for the 4 pixels in the even (odd = 0) or odd int32 lanes: 64-bit masks.
   small: every |o[0..1]|, |t[0..1]| is below 2^25, so the sums of products are below 2^51. */
VT_TARGET_AVX2 static inline __m256i aligned4(const __m256i o[3], const __m256i t[3], int odd, int small)
{
    __m256i a0 = o[0], a1 = o[1], b0 = t[0], b1 = t[1];
    if (odd) {
        a0 = _mm256_srli_epi64(a0, 32);
        a1 = _mm256_srli_epi64(a1, 32);
        b0 = _mm256_srli_epi64(b0, 32);
        b1 = _mm256_srli_epi64(b1, 32);
    }
    const __m256i ot = _mm256_add_epi64(_mm256_mul_epi32(a0, b0), _mm256_mul_epi32(a1, b1));
    const __m256i oo = _mm256_add_epi64(_mm256_mul_epi32(a0, a0), _mm256_mul_epi32(a1, a1));
    const __m256i tt = _mm256_add_epi64(_mm256_mul_epi32(b0, b0), _mm256_mul_epi32(b1, b1));
    const float cos1_sq = cos(1.0 * VT_PI / 180.0) * cos(1.0 * VT_PI / 180.0);
    const __m256d q = _mm256_set1_pd(1.0 / 4096.0); /* exact, as the division by 4096.0 */
    const __m256d fot = _mm256_mul_pd(small ? i64_float_pd_small(ot) : i64_float_pd(ot), q);
    const __m256d foo = _mm256_mul_pd(small ? i64_float_pd_small(oo) : i64_float_pd(oo), q);
    const __m256d ftt = _mm256_mul_pd(small ? i64_float_pd_small(tt) : i64_float_pd(tt), q);
    const __m256d lhs = _mm256_mul_pd(fot, fot);
    const __m256d rhs = _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd(cos1_sq), foo), ftt);
    const __m256d ok = _mm256_and_pd(_mm256_cmp_pd(fot, _mm256_setzero_pd(), _CMP_GE_OQ),
                                     _mm256_cmp_pd(lhs, rhs, _CMP_GE_OQ));
    return _mm256_castpd_si256(ok);
}

/* The direction test of 8 pixels whose |o[0..1]|, |t[0..1]| are below 2^15: every sum of products
   fits int32 and comes from one _mm256_madd_epi16 of the interleaved pairs, and int32 -> float
   rounds as C's int64 -> float does. Both sides of the comparison are scaled by 2^24 (exact). */
VT_TARGET_AVX2 static inline __m256i aligned8_small(const __m256i o[3], const __m256i t[3])
{
    const __m256i lo16 = _mm256_set1_epi32(0xffff);
    const __m256i op = _mm256_or_si256(_mm256_and_si256(o[0], lo16), _mm256_slli_epi32(o[1], 16));
    const __m256i tp = _mm256_or_si256(_mm256_and_si256(t[0], lo16), _mm256_slli_epi32(t[1], 16));
    const __m256i ot = _mm256_madd_epi16(op, tp);
    const __m256 fot = _mm256_cvtepi32_ps(ot);
    const __m256 foo = _mm256_cvtepi32_ps(_mm256_madd_epi16(op, op));
    const __m256 ftt = _mm256_cvtepi32_ps(_mm256_madd_epi16(tp, tp));
    const float cos1_sq = cos(1.0 * VT_PI / 180.0) * cos(1.0 * VT_PI / 180.0);
    const __m256d c = _mm256_set1_pd(cos1_sq);
    __m256d ok[2];
    for (int hh = 0; hh < 2; hh++) {
        const __m256d a = _mm256_cvtps_pd(hh ? _mm256_extractf128_ps(fot, 1) : _mm256_castps256_ps128(fot));
        const __m256d b = _mm256_cvtps_pd(hh ? _mm256_extractf128_ps(foo, 1) : _mm256_castps256_ps128(foo));
        const __m256d d = _mm256_cvtps_pd(hh ? _mm256_extractf128_ps(ftt, 1) : _mm256_castps256_ps128(ftt));
        ok[hh] = _mm256_cmp_pd(_mm256_mul_pd(a, a), _mm256_mul_pd(_mm256_mul_pd(c, b), d), _CMP_GE_OQ);
    }
    /* 64-bit lane masks of pixels 0-3 and 4-7 -> 32-bit lanes in order */
    const __m256 m = _mm256_shuffle_ps(_mm256_castpd_ps(ok[0]), _mm256_castpd_ps(ok[1]), 0x88);
    const __m256i mm = _mm256_permute4x64_epi64(_mm256_castps_si256(m), 0xD8);
    return _mm256_and_si256(mm, _mm256_cmpgt_epi32(ot, _mm256_set1_epi32(-1)));
}

/* kq = clamp((lut * t + 2^(14 + shift)) >> (15 + shift), 0, 32768) for the even int32 lanes
   (noshift: every shift is 0). */
VT_TARGET_AVX2 VT_INLINE __m256i kq4(__m256i lut, __m256i t, __m256i shift, int noshift)
{
    const __m256i cap = _mm256_set1_epi64x(32768);
    __m256i v, q;
    if (noshift) {
        v = _mm256_add_epi64(_mm256_mul_epi32(lut, t), _mm256_set1_epi64x(1 << 14));
        q = _mm256_srli_epi64(v, 15);
    } else {
        const __m256i sh = _mm256_and_si256(shift, _mm256_set1_epi64x(0xffffffff));
        v = _mm256_add_epi64(_mm256_mul_epi32(lut, t),
                             _mm256_sllv_epi64(_mm256_set1_epi64x(1), _mm256_add_epi64(sh, _mm256_set1_epi64x(14))));
        q = _mm256_srlv_epi64(v, _mm256_add_epi64(sh, _mm256_set1_epi64x(15)));
    }
    q = _mm256_blendv_epi8(q, cap, _mm256_cmpgt_epi64(q, cap));
    return _mm256_andnot_si256(_mm256_cmpgt_epi64(_mm256_setzero_si256(), v), q); /* < 0 -> 0 */
}

/* The divisor of restored_px for 8 lanes: top16 (|o| rounded to its top 16 bits) and its shift.
   small: every |o| < 2^15, so there is no shift. */
VT_TARGET_AVX2 VT_INLINE __m256i divisor8(__m256i o, int small, __m256i *shift)
{
    const __m256i mag = _mm256_abs_epi32(o); /* as uint32 */
    *shift = _mm256_setzero_si256();
    if (small) return mag;
    const __m256i big = _mm256_xor_si256(_mm256_cmpeq_epi32(_mm256_srli_epi32(mag, 15), _mm256_setzero_si256()),
                                         _mm256_set1_epi32(-1));
    /* floor(log2(mag >> 8)) from an exact float: 17 - clz(mag) = that - 6 */
    const __m256i e = _mm256_sub_epi32(
        _mm256_srli_epi32(_mm256_castps_si256(_mm256_cvtepi32_ps(_mm256_srli_epi32(mag, 8))), 23),
        _mm256_set1_epi32(127 + 6));
    *shift = _mm256_and_si256(big, e);
    const __m256i rnd = _mm256_and_si256(
        big, _mm256_sllv_epi32(_mm256_set1_epi32(1), _mm256_sub_epi32(*shift, _mm256_set1_epi32(1))));
    return _mm256_srlv_epi32(_mm256_add_epi32(mag, rnd), *shift);
}

/* restored_px for 8 lanes given the table entry d = div_lut[top16] * sign(o) and the divisor's
   shift: returns r, sets *kq. small: every |o| < 2^15 (no shift, and kq * o fits 32 bits). */
VT_TARGET_AVX2 VT_INLINE __m256i restored8(__m256i o, __m256i t, __m256i d, __m256i shift, int small,
                                          __m256i *kq_out)
{
    const __m256i ke = kq4(d, t, shift, small);
    const __m256i ko = kq4(_mm256_srli_epi64(d, 32), _mm256_srli_epi64(t, 32), _mm256_srli_epi64(shift, 32), small);
    const __m256i zero_o = _mm256_cmpeq_epi32(o, _mm256_setzero_si256());
    const __m256i kq = _mm256_blendv_epi8(_mm256_blend_epi32(ke, _mm256_slli_epi64(ko, 32), 0xAA),
                                          _mm256_set1_epi32(32768), zero_o);
    *kq_out = kq;
    const __m256i r16 = _mm256_set1_epi32(16384);
    if (small)
        return _mm256_srai_epi32(_mm256_add_epi32(_mm256_mullo_epi32(kq, o), r16), 15);
    /* (kq * o + 2^14) >> 15 with o = oh 2^15 + ol: kq oh + ((kq ol + 2^14) >> 15) */
    const __m256i oh = _mm256_srai_epi32(o, 15);
    const __m256i ol = _mm256_and_si256(o, _mm256_set1_epi32(0x7fff));
    return _mm256_add_epi32(_mm256_mullo_epi32(kq, oh),
                            _mm256_srai_epi32(_mm256_add_epi32(_mm256_mullo_epi32(kq, ol), r16), 15));
}

/* div_lut[i] = floor(2^30 / i) for lanes i in [1, 32768] without a gather (gathers were
   a fifth of ADM's time): q from the float reciprocal f (within 2^7 of the quotient), then
   q + floor((2^30 - q i) f). Equal to the table at every i, which div30_check verifies once (new
   contexts take the scalar path if it ever failed). */
VT_TARGET_AVX2 VT_INLINE __m256i div30(__m256i i)
{
    const __m256 f = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_cvtepi32_ps(i));
    const __m256i q = _mm256_cvttps_epi32(_mm256_mul_ps(f, _mm256_set1_ps(1073741824.0f)));
    const __m256i r = _mm256_sub_epi32(_mm256_set1_epi32(1 << 30), _mm256_mullo_epi32(q, i));
    return _mm256_add_epi32(q, _mm256_cvtps_epi32(_mm256_floor_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(r), f))));
}

VT_TARGET_AVX2 static void div30_check(void)
{
    int ok = 1;
    for (int i = 1; i <= 32768; i += 8) {
        int32_t q[8];
        _mm256_storeu_si256((__m256i *)q, div30(_mm256_add_epi32(_mm256_set1_epi32(i), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7))));
        for (int l = 0; l < 8; l++)
            if (i + l <= 32768 && q[l] != vt_adm_div_lut[i + l]) ok = 0;
    }
    div30_exact = ok;
}

VT_TARGET_AVX2 VT_INLINE int small15(__m256i v)
{
    return _mm256_testz_si256(_mm256_abs_epi32(v), _mm256_set1_epi32((int32_t)0xffff8000u));
}

VT_TARGET_AVX2 static void decouple_prep_avx2(vt_adm *s, int i, int left, int right)
{
    /* Vectors cover [left, right) when it is 8 columns wide or more, the last one overlapping
       its predecessor (each column's outputs depend on its own inputs only). */
    const int vec = right - left >= 8;
    int32_t *dl[3]; /* the table entries of the row (tmp: free after the wavelet passes) */
    for (int k = 0; k < 3; k++) dl[k] = s->tmp + (size_t)k * s->stride;
    /* First the table entries of the whole row, in a short loop of independent iterations:
       computed inside the long per-pixel chain below, they would lengthen it. */
    for (int jv = left; vec && jv < right; jv += 8) {
        const int j = jv + 8 <= right ? jv : right - 8;
        const size_t at = (size_t)i * s->stride + j;
        for (int k = 0; k < 3; k++) {
            const __m256i o = _mm256_loadu_si256((const __m256i *)(s->ref.b[band_of[k]] + at));
            __m256i shift;
            const __m256i top16 = small15(o) ? divisor8(o, 1, &shift) : divisor8(o, 0, &shift);
            _mm256_storeu_si256((__m256i *)(dl[k] + j), _mm256_sign_epi32(div30(top16), o));
        }
    }
    int j = left;
    for (int jv = left; vec && jv < right; jv += 8) {
        j = jv + 8 <= right ? jv : right - 8;
        const size_t at = (size_t)i * s->stride + j;
        __m256i o[3], t[3];
        for (int k = 0; k < 3; k++) {
            o[k] = _mm256_loadu_si256((const __m256i *)(s->ref.b[band_of[k]] + at));
            t[k] = _mm256_loadu_si256((const __m256i *)(s->dis.b[band_of[k]] + at));
        }
        const __m256i mag = _mm256_or_si256(_mm256_or_si256(_mm256_abs_epi32(o[0]), _mm256_abs_epi32(o[1])),
                                            _mm256_or_si256(_mm256_abs_epi32(t[0]), _mm256_abs_epi32(t[1])));
        __m256i aligned;
        if (_mm256_testz_si256(mag, _mm256_set1_epi32((int32_t)0xffff8000u)))
            aligned = aligned8_small(o, t);
        else if (_mm256_testz_si256(mag, _mm256_set1_epi32((int32_t)0xfe000000u)))
            aligned = _mm256_blend_epi32(aligned4(o, t, 0, 1), aligned4(o, t, 1, 1), 0xAA);
        else
            aligned = _mm256_blend_epi32(aligned4(o, t, 0, 0), aligned4(o, t, 1, 0), 0xAA);
        __m256i flags = _mm256_setzero_si256();
        for (int k = 0; k < 3; k++) {
            __m256i kq, r, shift;
            const __m256i d = _mm256_loadu_si256((const __m256i *)(dl[k] + j));
            if (small15(o[k])) {
                r = restored8(o[k], t[k], d, _mm256_setzero_si256(), 1, &kq);
            } else {
                divisor8(o[k], 0, &shift);
                r = restored8(o[k], t[k], d, shift, 0, &kq);
            }
            _mm256_storeu_si256((__m256i *)(s->base[k] + j), r);
            const __m256i zero_o = _mm256_cmpeq_epi32(o[k], _mm256_setzero_si256());
            const __m256i f = _mm256_andnot_si256(
                zero_o, _mm256_and_si256(aligned, _mm256_cmpgt_epi32(kq, _mm256_setzero_si256())));
            flags = _mm256_or_si256(flags, _mm256_and_si256(f, _mm256_set1_epi32(1 << k)));
        }
        const __m256i p16 = _mm256_packus_epi32(flags, flags);
        const __m256i p8 = _mm256_packus_epi16(p16, p16);
        const uint32_t f0 = (uint32_t)_mm_cvtsi128_si32(_mm256_castsi256_si128(p8));
        const uint32_t f1 = (uint32_t)_mm_cvtsi128_si32(_mm256_extracti128_si256(p8, 1));
        const uint64_t fl = f0 | (uint64_t)f1 << 32;
        memcpy(s->gflag + j, &fl, 8);
    }
    for (j = vec ? right : left; j < right; j++) {
        const size_t at = (size_t)i * s->stride + j;
        int32_t o[3], t[3];
        for (int k = 0; k < 3; k++) {
            o[k] = s->ref.b[band_of[k]][at];
            t[k] = s->dis.b[band_of[k]][at];
        }
        const bool aligned = aligned_px(o, t);
        uint8_t f = 0;
        for (int k = 0; k < 3; k++) {
            int64_t kq;
            s->base[k][j] = restored_px(o[k], t[k], &kq);
            if (aligned && kq > 0 && o[k] != 0) f |= 1 << k;
        }
        s->gflag[j] = f;
    }
}

/* grown_px for 4 lanes: r, o, t as int32 in a __m128i. */
VT_TARGET_AVX2 static inline __m128i grown4(__m128i r, __m128i o, __m128i t, __m256d egl)
{
    const __m256d g = _mm256_mul_pd(_mm256_cvtepi32_pd(r), egl);
    const __m256d td = _mm256_cvtepi32_pd(t);
    const __m256d pos = _mm256_castsi256_pd(_mm256_cvtepi32_epi64(_mm_cmpgt_epi32(o, _mm_setzero_si128())));
    /* min_pd(a, b) is a < b ? a : b and max_pd(a, b) is a > b ? a : b, as in grown_px */
    return _mm256_cvttpd_epi32(_mm256_blendv_pd(_mm256_max_pd(g, td), _mm256_min_pd(g, td), pos));
}

/* The CSF-weighted value v of 8 pixels' a (csf_px) as the mask uses it: |v| / 30 (*flt_out) and
   the centre term (*ct_out, centre_px). At scale 0, 8738 |v| is twice 4369 |v|. */
VT_TARGET_AVX2 VT_INLINE void csf8(__m256i a, int scale, __m256i f32, __m256i r0v, __m128i sh0, __m256i *flt_out,
                                   __m256i *ct_out)
{
    if (scale == 0) {
        __m256i v = _mm256_sra_epi32(_mm256_add_epi32(_mm256_mullo_epi32(a, f32), r0v), sh0);
        v = _mm256_srai_epi32(_mm256_slli_epi32(v, 16), 16); /* (int16_t) */
        /* 4369 |v| = |4369 v|, and v is an int16 in each dword: one vpmaddwd */
        const __m256i p = _mm256_abs_epi32(_mm256_madd_epi16(v, _mm256_set1_epi32(4369)));
        const __m256i r = _mm256_set1_epi32(2048);
        const __m256i flt = _mm256_srai_epi32(_mm256_add_epi32(p, r), 12);
        const __m256i ct = _mm256_srai_epi32(_mm256_add_epi32(_mm256_add_epi32(p, p), r), 12);
        *flt_out = _mm256_srai_epi32(_mm256_slli_epi32(flt, 16), 16); /* (int16_t) */
        *ct_out = _mm256_srai_epi32(_mm256_slli_epi32(ct, 16), 16);
    } else {
        const __m256i r27 = _mm256_set1_epi64x(1 << 27), m31 = _mm256_set1_epi64x((int64_t)1 << 31);
        const __m256i c30 = _mm256_set1_epi64x(143165577), c15 = _mm256_set1_epi64x(286331153);
        const __m256i ve = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(a, f32), r27), 28);
        const __m256i vo = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(a, 32), f32), r27), 28);
        const __m256i av = _mm256_abs_epi32(_mm256_blend_epi32(ve, _mm256_slli_epi64(vo, 32), 0xAA));
        const __m256i ao = _mm256_srli_epi64(av, 32);
        const __m256i fe = _mm256_sub_epi64(_mm256_mul_epi32(av, c30), m31);
        const __m256i fo = _mm256_sub_epi64(_mm256_mul_epi32(ao, c30), m31);
        *flt_out = _mm256_blend_epi32(_mm256_srli_epi64(fe, 32), fo, 0xAA); /* high halves */
        const __m256i ce = _mm256_sub_epi64(_mm256_mul_epi32(av, c15), m31);
        const __m256i co = _mm256_sub_epi64(_mm256_mul_epi32(ao, c15), m31);
        *ct_out = _mm256_blend_epi32(_mm256_srli_epi64(ce, 32), co, 0xAA);
    }
}

/* Row i for every (gain limit, CSF) pair at once: where no pixel of a vector grows (most of
   them), the restored detail and its impairment are the same for every pair, and so is the CSF
   of pairs with pair 0's weights: computed once. The three orientations of 8 pixels are done
   together, so that their mask sums (msum, cadj) stay in registers. plain: every pair has pair
   0's weights and none asks for AIM (the old one-CSF interface), which leaves out the checks. */
VT_TARGET_AVX2 VT_INLINE void decouple_csf_body(vt_adm *s, int i, int left, int right, int scale,
                                               const adm_var *var, const int n_var, const int plain)
{
    const size_t row = (size_t)i * s->stride, out = ring_at(s, i);
    __m256i r0v[3], f32[ADM_MAX_VAR][3];
    __m128i sh0[3];
    const int32_t *ob[3], *tb[3];
    int32_t *rst[ADM_MAX_VAR][3], *ms[ADM_MAX_VAR], *ca[ADM_MAX_VAR];
    int32_t *aa[ADM_MAX_VAR][3], *ams[ADM_MAX_VAR], *aca[ADM_MAX_VAR]; /* AIM's planes */
    /* the pairs' flags in locals: stores to the int32 planes could alias var[] */
    int aim[ADM_MAX_VAR], own_csf[ADM_MAX_VAR], own_growth[ADM_MAX_VAR];
    double egl[ADM_MAX_VAR];
    for (int k = 0; k < 3; k++) {
        r0v[k] = _mm256_set1_epi32(csf0_round[k]);
        sh0[k] = _mm_cvtsi32_si128(csf0_shift[k]);
        ob[k] = s->ref.b[band_of[k]] + row;
        tb[k] = s->dis.b[band_of[k]] + row;
    }
    for (int e = 0; e < n_var; e++) {
        aim[e] = !plain && var[e].aim;
        own_csf[e] = !plain && !var[e].same_fac;
        own_growth[e] = plain || !var[e].same_egl;
        egl[e] = var[e].egl;
        for (int k = 0; k < 3; k++) {
            f32[e][k] = _mm256_set1_epi32((int32_t)var[e].fac[scale][k]);
            rst[e][k] = var[e].dlm[k] + out;
            aa[e][k] = aim[e] ? var[e].aimr[k] + out : NULL;
        }
        ms[e] = var[e].dlm[3] + out;
        ca[e] = var[e].dlm[4] + out;
        ams[e] = aim[e] ? var[e].aimr[3] + out : NULL;
        aca[e] = aim[e] ? var[e].aimr[4] + out : NULL;
    }
    /* Vectors cover [left, right) when it is 8 columns wide or more, the last one overlapping
       its predecessor (every output is a function of its own column's inputs). */
    const int vec = right - left >= 8;
    int j = left;
    for (int jv = left; vec && jv < right; jv += 8) {
        j = jv + 8 <= right ? jv : right - 8;
        __m256i m[ADM_MAX_VAR], c[ADM_MAX_VAR], am[ADM_MAX_VAR], ac[ADM_MAX_VAR];
#pragma GCC unroll 8
        for (int e = 0; e < ADM_MAX_VAR; e++) m[e] = c[e] = am[e] = ac[e] = _mm256_setzero_si256();
        const __m256i fl = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(s->gflag + j)));
#pragma GCC unroll 3
        for (int k = 0; k < 3; k++) {
            const __m256i bit = _mm256_set1_epi32(1 << k);
            const __m256i r0 = _mm256_loadu_si256((const __m256i *)(s->base[k] + j));
            const __m256i t = _mm256_loadu_si256((const __m256i *)(tb[k] + j));
            const __m256i grow = _mm256_cmpeq_epi32(_mm256_and_si256(fl, bit), bit);
            __m256i f, ct;
            if (_mm256_testz_si256(grow, grow)) {
                const __m256i a = _mm256_sub_epi32(t, r0);
                __m256i f0, c0;
                csf8(a, scale, f32[0][k], r0v[k], sh0[k], &f0, &c0);
#pragma GCC unroll 8
                for (int e = 0; e < n_var; e++) {
                    f = f0, ct = c0;
                    if (own_csf[e]) csf8(a, scale, f32[e][k], r0v[k], sh0[k], &f, &ct);
                    _mm256_storeu_si256((__m256i *)(rst[e][k] + j), r0);
                    m[e] = _mm256_add_epi32(m[e], f);
                    c[e] = _mm256_add_epi32(c[e], ct);
                    if (!aim[e]) continue;
                    csf8(r0, scale, f32[e][k], r0v[k], sh0[k], &f, &ct);
                    _mm256_storeu_si256((__m256i *)(aa[e][k] + j), a);
                    am[e] = _mm256_add_epi32(am[e], f);
                    ac[e] = _mm256_add_epi32(ac[e], ct);
                }
                continue;
            }
            const __m256i o = _mm256_loadu_si256((const __m256i *)(ob[k] + j));
            __m256i r = r0;
#pragma GCC unroll 8
            for (int e = 0; e < n_var; e++) {
                if (own_growth[e]) {
                    const __m256d eg = _mm256_set1_pd(egl[e]);
                    const __m128i lo = grown4(_mm256_castsi256_si128(r0), _mm256_castsi256_si128(o),
                                              _mm256_castsi256_si128(t), eg);
                    const __m128i hi = grown4(_mm256_extracti128_si256(r0, 1), _mm256_extracti128_si256(o, 1),
                                              _mm256_extracti128_si256(t, 1), eg);
                    r = _mm256_blendv_epi8(r0, _mm256_set_m128i(hi, lo), grow);
                }
                const __m256i a = _mm256_sub_epi32(t, r);
                csf8(a, scale, f32[e][k], r0v[k], sh0[k], &f, &ct);
                _mm256_storeu_si256((__m256i *)(rst[e][k] + j), r);
                m[e] = _mm256_add_epi32(m[e], f);
                c[e] = _mm256_add_epi32(c[e], ct);
                if (!aim[e]) continue;
                csf8(r, scale, f32[e][k], r0v[k], sh0[k], &f, &ct);
                _mm256_storeu_si256((__m256i *)(aa[e][k] + j), a);
                am[e] = _mm256_add_epi32(am[e], f);
                ac[e] = _mm256_add_epi32(ac[e], ct);
            }
        }
#pragma GCC unroll 8
        for (int e = 0; e < n_var; e++) {
            _mm256_storeu_si256((__m256i *)(ms[e] + j), m[e]);
            _mm256_storeu_si256((__m256i *)(ca[e] + j), _mm256_sub_epi32(c[e], m[e]));
            if (!aim[e]) continue;
            _mm256_storeu_si256((__m256i *)(ams[e] + j), am[e]);
            _mm256_storeu_si256((__m256i *)(aca[e] + j), _mm256_sub_epi32(ac[e], am[e]));
        }
    }
    for (j = vec ? right : left; j < right; j++) {
        for (int e = 0; e < n_var; e++) {
            uint32_t sm = 0, sc = 0, asm_ = 0, asc = 0;
            for (int k = 0; k < 3; k++) {
                const int64_t fac = var[e].fac[scale][k];
                const int32_t t = tb[k][j];
                int32_t r = s->base[k][j], f;
                if (s->gflag[j] & (1 << k)) r = grown_px(r, ob[k][j], t, egl[e]);
                rst[e][k][j] = r;
                const int32_t v = csf_px(scale, k, fac, t - r, &f);
                sm += (uint32_t)f;
                sc += (uint32_t)centre_px(scale, v);
                if (!aim[e]) continue;
                aa[e][k][j] = t - r;
                const int32_t va = csf_px(scale, k, fac, r, &f);
                asm_ += (uint32_t)f;
                asc += (uint32_t)centre_px(scale, va);
            }
            ms[e][j] = (int32_t)sm;
            ca[e][j] = (int32_t)(sc - sm);
            if (!aim[e]) continue;
            ams[e][j] = (int32_t)asm_;
            aca[e][j] = (int32_t)(asc - asm_);
        }
    }
}

/* The body with the number of pairs as a constant where it matters. */
VT_TARGET_AVX2 static void decouple_csf_avx2(vt_adm *s, int i, int left, int right, int scale, const adm_var *var,
                                             int n_var)
{
    int plain = 1;
    for (int e = 0; e < n_var; e++) plain &= var[e].same_fac && !var[e].aim;
    if (plain && n_var == 1) decouple_csf_body(s, i, left, right, scale, var, 1, 1);
    else if (plain && n_var == 2) decouple_csf_body(s, i, left, right, scale, var, 2, 1);
    else if (plain) decouple_csf_body(s, i, left, right, scale, var, n_var, 1);
    else if (n_var == 1) decouple_csf_body(s, i, left, right, scale, var, 1, 0);
    else if (n_var == 3) decouple_csf_body(s, i, left, right, scale, var, 3, 0);
    else decouple_csf_body(s, i, left, right, scale, var, n_var, 0);
}

VT_TARGET_AVX2 static void mask_row_avx2(const vt_adm *s, const mask_params *p, const int rows[3],
                                         int left, int right, int w, int64_t inner[3])
{
    /* Columns 1 .. w - 2 read no mirrored neighbour. */
    int j = left;
    for (; j < right && j < 1; j++) mask_px(s, p, rows, j, w, inner);
    const int vend = right < w - 1 ? right : w - 1;
    __m256i acc[3] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
    const __m256i r27 = _mm256_set1_epi64x(1 << 27);
    for (; j + 8 <= vend; j += 8) {
        /* the 3x3 box of msum plus cadj */
        __m256i thr = _mm256_loadu_si256((const __m256i *)(s->cadj + rows[1] + j));
        for (int a = 0; a < 3; a++) {
            const int32_t *q = s->msum + rows[a] + j;
            thr = _mm256_add_epi32(thr, _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(q - 1)),
                                                         _mm256_loadu_si256((const __m256i *)(q + 1))));
            thr = _mm256_add_epi32(thr, _mm256_loadu_si256((const __m256i *)q));
        }
        __m256i x[3];
        for (int k = 0; k < 3; k++) {
            const __m256i r = _mm256_loadu_si256((const __m256i *)(s->rst[k] + rows[1] + j));
            const __m256i fac = _mm256_set1_epi32((int32_t)p->fac[k]);
            if (p->scale == 0) {
                x[k] = _mm256_mullo_epi32(r, fac);
            } else {
                const __m256i xe = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(r, fac), r27), 28);
                const __m256i xo = _mm256_srli_epi64(
                    _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(r, 32), fac), r27), 28);
                x[k] = _mm256_blend_epi32(xe, _mm256_slli_epi64(xo, 32), 0xAA);
            }
            x[k] = _mm256_sub_epi32(_mm256_abs_epi32(x[k]), _mm256_sll_epi32(thr, _mm_cvtsi32_si128(p->sub[k])));
            x[k] = _mm256_max_epi32(x[k], _mm256_setzero_si256());
        }
        /* every x < 2^29: the squares' dwords and the cubes are non-negative, so the shift is logical */
        const int small = _mm256_testz_si256(_mm256_or_si256(_mm256_or_si256(x[0], x[1]), x[2]),
                                             _mm256_set1_epi32((int32_t)0xe0000000u));
        for (int k = 0; k < 3; k++) {
            const __m128i sqs = _mm_cvtsi32_si128(p->sq_shift[k]), cbs = _mm_cvtsi32_si128(p->cub_shift[k]);
            const __m256i sqr = _mm256_set1_epi64x(p->sq_round[k]), cbr = _mm256_set1_epi64x(p->cub_round[k]);
            for (int half = 0; half < 2; half++) {
                const __m256i xx = half ? _mm256_srli_epi64(x[k], 32) : x[k];
                /* low dword: (int32_t)((x * x + sq_round) >> sq_shift) */
                const __m256i sq = _mm256_srl_epi64(_mm256_add_epi64(_mm256_mul_epu32(xx, xx), sqr), sqs);
                const __m256i cube = _mm256_add_epi64(_mm256_mul_epi32(sq, xx), cbr);
                acc[k] = _mm256_add_epi64(acc[k], small ? _mm256_srl_epi64(cube, cbs) : sra64(cube, cbs));
            }
        }
    }
    for (int k = 0; k < 3; k++) {
        const __m128i a = _mm_add_epi64(_mm256_castsi256_si128(acc[k]), _mm256_extracti128_si256(acc[k], 1));
        inner[k] += _mm_cvtsi128_si64(a) + _mm_extract_epi64(a, 1);
    }
    for (; j < right; j++) mask_px(s, p, rows, j, w, inner);
}

VT_TARGET_AVX2 static void ref_row_avx2(const int32_t *const band[3], const ref_params *p, int left,
                                        int right, uint64_t inner[3])
{
    int j = left;
    __m256i acc[3] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
    const __m128i sqs = _mm_cvtsi32_si128(p->sqs), cbs = _mm_cvtsi32_si128((int)p->cub_shift);
    const __m256i sqr = _mm256_set1_epi64x((int64_t)p->sq_round), cbr = _mm256_set1_epi64x((int64_t)p->cub_round);
    for (; j + 8 <= right; j += 8) {
        for (int k = 0; k < 3; k++) {
            __m256i v = _mm256_abs_epi32(_mm256_loadu_si256((const __m256i *)(band[k] + j)));
            if (p->scale == 0) {
                v = _mm256_and_si256(v, _mm256_set1_epi32(0xffff)); /* (uint16_t) */
                const __m256i v2 = _mm256_mullo_epi32(v, v);     /* < 2^32 */
                acc[k] = _mm256_add_epi64(acc[k], _mm256_mul_epu32(v2, v));
                acc[k] = _mm256_add_epi64(acc[k], _mm256_mul_epu32(_mm256_srli_epi64(v2, 32),
                                                                   _mm256_srli_epi64(v, 32)));
            } else {
                for (int half = 0; half < 2; half++) {
                    const __m256i vv = half ? _mm256_srli_epi64(v, 32) : _mm256_and_si256(v, _mm256_set1_epi64x(0xffffffff));
                    const __m256i a = _mm256_srl_epi64(_mm256_add_epi64(_mm256_mul_epu32(vv, vv), sqr), sqs);
                    /* a can exceed 2^32: a * v mod 2^64 = lo32(a) v + (hi32(a) v) << 32 */
                    __m256i prod = _mm256_add_epi64(
                        _mm256_mul_epu32(a, vv), _mm256_slli_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), vv), 32));
                    acc[k] = _mm256_add_epi64(acc[k], _mm256_srl_epi64(_mm256_add_epi64(prod, cbr), cbs));
                }
            }
        }
    }
    for (int k = 0; k < 3; k++) {
        const __m128i a = _mm_add_epi64(_mm256_castsi256_si128(acc[k]), _mm256_extracti128_si256(acc[k], 1));
        inner[k] += (uint64_t)_mm_cvtsi128_si64(a) + (uint64_t)_mm_extract_epi64(a, 1);
    }
    if (j < right) ref_row_c(band, p, j, right, inner);
}

int vt_adm_use_avx2(vt_adm *s)
{
    pthread_once(&div30_once, div30_check);
    if (!div30_exact) return VT_OK;
    const size_t row = (size_t)s->stride + 8;
    s->simd_mem = vt_alloc(3 * row * sizeof(int32_t) + row + 64);
    if (!s->simd_mem) return VT_ENOMEM;
    for (int k = 0; k < 3; k++) s->base[k] = s->simd_mem + k * row;
    s->gflag = (uint8_t *)(s->simd_mem + 3 * row);
    s->dwt_plane = dwt_plane_avx2;
    s->dwt_band = dwt_band_avx2;
    s->decouple_prep = decouple_prep_avx2;
    s->decouple_csf = decouple_csf_avx2;
    s->mask_row = mask_row_avx2;
    s->ref_row = ref_row_avx2;
    return VT_OK;
}
#else
typedef int vt_adm_avx2_unused; /* ISO C wants a declaration in every translation unit */
#endif
