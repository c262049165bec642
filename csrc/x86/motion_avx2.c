/*
 * Integer motion, AVX2 path: motion.c's hot loop with the same integer arithmetic, bit for bit.
 * Compiled to nothing where VT_HAVE_AVX2_BUILD is 0.
 */
#include "x86/motion_avx2.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>

#define MOTION_AHEAD 2 /* rows between a prefetched row and the newest tap */

/*
 * AVX2: the same integer arithmetic as motion.c's sad_rows_c, 16 or 8 columns at a time;
 * columns the vectors do not cover are done by the scalar formulas of motion.h. The taps are
 * symmetric, so rows (columns) k and 4 - k are added before multiplying.
 *
 * Vertical pass. bpc <= 14: differences and the sums of symmetric differences fit int16, so
 * vpmaddwd forms t0 (d0 + d4) + t1 (d1 + d3) and t2 d2 + round in int32 (|total| < 2^31).
 * bpc 15, 16: the difference can need 33 bits, so P = sum t p and C = sum t c are formed in
 * uint32 (both < 2^32) and floor((P - C + round) / 2^bpc) is assembled from their high parts
 * and the (small) difference of their low bpc bits.
 *
 * Horizontal pass: |row| < 2^16 and the 5-tap sum can need 33 bits, so products are formed in
 * 64-bit lanes (vpmuldq on the even and odd int32 lanes); after the shift by 16 the value fits
 * int32 again.
 */
VT_TARGET_AVX2 uint64_t vt_motion_sad_rows_avx2(const vt_motion *m, const vt_plane *prev,
                                                const vt_plane *cur)
{
    const int w = m->w, h = m->h, bpc = m->bpc, wide = bpc > 8;
    const int32_t round_v = 1 << (bpc - 1);
    const __m128i sh = _mm_cvtsi32_si128(bpc);
    int32_t *row = m->row;
    uint64_t sad = 0;

    const __m256i t01 = _mm256_set1_epi32((motion_taps[1] << 16) | motion_taps[0]);
    const __m256i one = _mm256_set1_epi16(1);
    const __m256i rnd = _mm256_set1_epi32(round_v);
    const __m256i lowmask = _mm256_set1_epi32((int32_t)((1u << bpc) - 1));
    const __m256i T0 = _mm256_set1_epi32(motion_taps[0]), T1 = _mm256_set1_epi32(motion_taps[1]),
                  T2 = _mm256_set1_epi32(motion_taps[2]);
    const __m256i hround = _mm256_set1_epi64x(1 << 15);

    const size_t row_bytes = (size_t)w << wide;
    for (int i = 0; i < h; i++) {
        const uint8_t *pr[5], *cr[5];
        motion_tap_rows(prev, cur, i, pr, cr);
        /* Rows enter the taps once each, from memory: the row MOTION_AHEAD rows below the newest
           tap is requested now (the hardware's prefetch stops at every page). */
        if (i + 2 + MOTION_AHEAD < h) {
            const char *p = (const char *)prev->data + (ptrdiff_t)(i + 2 + MOTION_AHEAD) * prev->stride;
            const char *c = (const char *)cur->data + (ptrdiff_t)(i + 2 + MOTION_AHEAD) * cur->stride;
            for (size_t b = 0; b < row_bytes; b += 64) {
                _mm_prefetch(p + b, _MM_HINT_T0);
                _mm_prefetch(c + b, _MM_HINT_T0);
            }
        }
        __m256i nz = _mm256_setzero_si256();
        int j = 0;
        if (bpc <= 14) {
            const __m256i t2rnd = _mm256_set1_epi32(motion_taps[2] | (round_v << 16)); /* (t2, round) */
            for (; j + 16 <= w; j += 16) {
                __m256i d[5];
                for (int k = 0; k < 5; k++) {
                    __m256i a, b;
                    if (wide) {
                        a = _mm256_loadu_si256((const __m256i *)((const uint16_t *)pr[k] + j));
                        b = _mm256_loadu_si256((const __m256i *)((const uint16_t *)cr[k] + j));
                    } else {
                        a = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(pr[k] + j)));
                        b = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(cr[k] + j)));
                    }
                    d[k] = _mm256_sub_epi16(a, b);
                }
                const __m256i s04 = _mm256_add_epi16(d[0], d[4]);
                const __m256i s13 = _mm256_add_epi16(d[1], d[3]);
                const __m256i r_lo = _mm256_unpacklo_epi16(d[2], one); /* (d2, 1) pairs */
                const __m256i r_hi = _mm256_unpackhi_epi16(d[2], one);
                __m256i lo = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(s04, s13), t01),
                                              _mm256_madd_epi16(r_lo, t2rnd));
                __m256i hi = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(s04, s13), t01),
                                              _mm256_madd_epi16(r_hi, t2rnd));
                lo = _mm256_sra_epi32(lo, sh); /* columns 0-3, 8-11 */
                hi = _mm256_sra_epi32(hi, sh); /* columns 4-7, 12-15 */
                const __m256i a = _mm256_permute2x128_si256(lo, hi, 0x20);
                const __m256i b = _mm256_permute2x128_si256(lo, hi, 0x31);
                _mm256_storeu_si256((__m256i *)(row + j), a);
                _mm256_storeu_si256((__m256i *)(row + j + 8), b);
                nz = _mm256_or_si256(nz, _mm256_or_si256(a, b));
            }
        } else {
            for (; j + 8 <= w; j += 8) {
                __m256i pv[5], cv[5];
                for (int k = 0; k < 5; k++) {
                    pv[k] = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((const uint16_t *)pr[k] + j)));
                    cv[k] = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((const uint16_t *)cr[k] + j)));
                }
                const __m256i P = _mm256_add_epi32(
                    _mm256_add_epi32(_mm256_mullo_epi32(_mm256_add_epi32(pv[0], pv[4]), T0),
                                     _mm256_mullo_epi32(_mm256_add_epi32(pv[1], pv[3]), T1)),
                    _mm256_mullo_epi32(pv[2], T2));
                const __m256i C = _mm256_add_epi32(
                    _mm256_add_epi32(_mm256_mullo_epi32(_mm256_add_epi32(cv[0], cv[4]), T0),
                                     _mm256_mullo_epi32(_mm256_add_epi32(cv[1], cv[3]), T1)),
                    _mm256_mullo_epi32(cv[2], T2));
                const __m256i high = _mm256_sub_epi32(_mm256_srl_epi32(P, sh), _mm256_srl_epi32(C, sh));
                const __m256i low = _mm256_sub_epi32(_mm256_and_si256(P, lowmask), _mm256_and_si256(C, lowmask));
                const __m256i v = _mm256_add_epi32(high, _mm256_sra_epi32(_mm256_add_epi32(low, rnd), sh));
                _mm256_storeu_si256((__m256i *)(row + j), v);
                nz = _mm256_or_si256(nz, v);
            }
        }
        int32_t nonzero = !_mm256_testz_si256(nz, nz);
        for (; j < w; j++) {
            row[j] = motion_vertical_diff(pr, cr, j, wide, bpc);
            nonzero |= row[j];
        }
        if (!nonzero) continue;

        /* Mirrored columns, so that the vectors read no edge cases. */
        row[-1] = row[1];
        row[-2] = row[2];
        row[w] = row[w - 2];
        row[w + 1] = row[w - 3];
        __m256i acc = _mm256_setzero_si256();
        j = 0;
        for (; j + 8 <= w; j += 8) {
            const __m256i s04 = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(row + j - 2)),
                                                 _mm256_loadu_si256((const __m256i *)(row + j + 2)));
            const __m256i s13 = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(row + j - 1)),
                                                 _mm256_loadu_si256((const __m256i *)(row + j + 1)));
            const __m256i c = _mm256_loadu_si256((const __m256i *)(row + j));
            __m256i ev = _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epi32(s04, T0), _mm256_mul_epi32(s13, T1)),
                                          _mm256_add_epi64(_mm256_mul_epi32(c, T2), hround));
            __m256i od = _mm256_add_epi64(
                _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(s04, 32), T0),
                                 _mm256_mul_epi32(_mm256_srli_epi64(s13, 32), T1)),
                _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(c, 32), T2), hround));
            /* Bits 16..47 of each sum: the int32 value of the arithmetic shift (|v| <= 2^16). */
            ev = _mm256_srli_epi64(ev, 16);
            od = _mm256_slli_epi64(_mm256_srli_epi64(od, 16), 32);
            const __m256i v = _mm256_blend_epi32(ev, od, 0xAA);
            acc = _mm256_add_epi32(acc, _mm256_abs_epi32(v));
        }
        /* Per lane at most w / 8 values of at most 2^16 each: no int32 overflow (w <= 2^16). */
        const __m256i a64 = _mm256_add_epi64(_mm256_cvtepu32_epi64(_mm256_castsi256_si128(acc)),
                                             _mm256_cvtepu32_epi64(_mm256_extracti128_si256(acc, 1)));
        __m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(a64), _mm256_extracti128_si256(a64, 1));
        sad += (uint64_t)_mm_cvtsi128_si64(s2) + (uint64_t)_mm_extract_epi64(s2, 1);
        for (; j < w; j++) {
            int64_t a = 0;
            for (int k = 0; k < 5; k++) a += motion_taps[k] * (int64_t)row[j - 2 + k];
            const int32_t v = (int32_t)((a + (1 << 15)) >> 16);
            sad += (uint64_t)(v < 0 ? -v : v);
        }
    }
    return sad;
}
#endif
