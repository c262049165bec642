/* AVX2 sums of squared differences for csrc/psnr.c (exact integers: same results as the C). */
#include "../psnr.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>

VT_TARGET_AVX2 static uint64_t hsum_epi64(__m256i v)
{
    const __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    return (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_extract_epi64(s, 1);
}

VT_TARGET_AVX2 uint64_t vt_sse8_avx2(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                                     ptrdiff_t b_stride, int w, int h)
{
    uint64_t total = 0;
    const __m256i zero = _mm256_setzero_si256();
    for (int i = 0; i < h; i++, a += a_stride, b += b_stride) {
        /* 32-bit lanes: each takes 2 squares per 16 columns, at most 8192 * 65025 < 2^31 */
        __m256i acc = zero;
        int j = 0;
        for (; j + 16 <= w; j += 16) {
            const __m256i x = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(a + j)));
            const __m256i y = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(b + j)));
            const __m256i d = _mm256_sub_epi16(x, y);
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(d, d));
        }
        const __m256i wide = _mm256_add_epi64(_mm256_unpacklo_epi32(acc, zero),
                                              _mm256_unpackhi_epi32(acc, zero));
        uint64_t row = hsum_epi64(wide);
        for (; j < w; j++) {
            const int d = (int)a[j] - (int)b[j];
            row += (uint32_t)(d * d);
        }
        total += row;
    }
    return total;
}

VT_TARGET_AVX2 uint64_t vt_sse16_avx2(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                                      ptrdiff_t b_stride, int w, int h)
{
    uint64_t total = 0;
    __m256i acc = _mm256_setzero_si256(); /* 4 x 64-bit */
    for (int i = 0; i < h; i++, a += a_stride, b += b_stride) {
        const uint16_t *x = (const uint16_t *)a, *y = (const uint16_t *)b;
        int j = 0;
        for (; j + 8 <= w; j += 8) {
            const __m256i xv = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(x + j)));
            const __m256i yv = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(y + j)));
            const __m256i d = _mm256_abs_epi32(_mm256_sub_epi32(xv, yv));
            /* unsigned 32 x 32 -> 64-bit products of the even and the odd lanes */
            acc = _mm256_add_epi64(acc, _mm256_mul_epu32(d, d));
            const __m256i odd = _mm256_srli_epi64(d, 32);
            acc = _mm256_add_epi64(acc, _mm256_mul_epu32(odd, odd));
        }
        for (; j < w; j++) {
            const uint32_t d = x[j] > y[j] ? (uint32_t)(x[j] - y[j]) : (uint32_t)(y[j] - x[j]);
            total += d * d;
        }
    }
    return total + hsum_epi64(acc);
}
#endif
