/*
 * AVX2 build of psnr_hvs's per-block work: eight horizontally neighbouring blocks (corners 7
 * apart) occupy the eight lanes, so every block keeps its own float accumulations in the scalar
 * order (csrc/psnr_hvs.c) and Daala's integer DCT runs in 32-bit lanes with the same wrapping
 * products and arithmetic shifts. The caller adds the terms in the scalar order.
 */
#include "../vt_internal.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>

#include "../psnr_hvs.h"

typedef __m256i v8i;
typedef __m256 v8f;

VT_TARGET_AVX2 static inline v8i half_toward_zero(v8i a)
{
    return _mm256_srai_epi32(_mm256_add_epi32(_mm256_srli_epi32(a, 31), a), 1);
}

/* (a * m + r) >> s in 32-bit lanes (mullo keeps the low 32 bits, as int arithmetic does). */
#define MULSHIFT(a, m, r, s) \
    _mm256_srai_epi32(_mm256_add_epi32(_mm256_mullo_epi32(a, _mm256_set1_epi32(m)), _mm256_set1_epi32(r)), s)

VT_TARGET_AVX2 static void fdct8(v8i *out, const v8i *in, int stride)
{
    v8i a0 = in[0 * stride], a4 = in[1 * stride], a2 = in[2 * stride], a6 = in[3 * stride];
    v8i a7 = in[4 * stride], a3 = in[5 * stride], a5 = in[6 * stride], a1 = in[7 * stride];

    a1 = _mm256_sub_epi32(a0, a1);
    const v8i a1h = half_toward_zero(a1);
    a0 = _mm256_sub_epi32(a0, a1h);
    a4 = _mm256_add_epi32(a4, a5);
    const v8i a4h = half_toward_zero(a4);
    a5 = _mm256_sub_epi32(a5, a4h);
    a3 = _mm256_sub_epi32(a2, a3);
    a2 = _mm256_sub_epi32(a2, half_toward_zero(a3));
    a6 = _mm256_add_epi32(a6, a7);
    const v8i a6h = half_toward_zero(a6);
    a7 = _mm256_sub_epi32(a6h, a7);

    a0 = _mm256_add_epi32(a0, a6h);
    a6 = _mm256_sub_epi32(a0, a6);
    a2 = _mm256_sub_epi32(a4h, a2);
    a4 = _mm256_sub_epi32(a2, a4);

    a0 = _mm256_sub_epi32(a0, MULSHIFT(a4, 13573, 16384, 15));
    a4 = _mm256_add_epi32(a4, MULSHIFT(a0, 11585, 8192, 14));
    a0 = _mm256_sub_epi32(a0, MULSHIFT(a4, 13573, 16384, 15));

    a6 = _mm256_sub_epi32(a6, MULSHIFT(a2, 21895, 16384, 15));
    a2 = _mm256_add_epi32(a2, MULSHIFT(a6, 15137, 8192, 14));
    a6 = _mm256_sub_epi32(a6, MULSHIFT(a2, 21895, 16384, 15));

    a3 = _mm256_add_epi32(a3, MULSHIFT(a5, 19195, 16384, 15));
    a5 = _mm256_add_epi32(a5, MULSHIFT(a3, 11585, 8192, 14));
    a3 = _mm256_sub_epi32(a3, MULSHIFT(a5, 7489, 4096, 13));
    a7 = _mm256_sub_epi32(half_toward_zero(a5), a7);
    a5 = _mm256_sub_epi32(a5, a7);
    a3 = _mm256_sub_epi32(a1h, a3);
    a1 = _mm256_sub_epi32(a1, a3);
    a7 = _mm256_add_epi32(a7, MULSHIFT(a1, 3227, 16384, 15));
    a1 = _mm256_sub_epi32(a1, MULSHIFT(a7, 6393, 16384, 15));
    a7 = _mm256_add_epi32(a7, MULSHIFT(a1, 3227, 16384, 15));
    a5 = _mm256_add_epi32(a5, MULSHIFT(a3, 2485, 4096, 13));
    a3 = _mm256_sub_epi32(a3, MULSHIFT(a5, 18205, 16384, 15));
    a5 = _mm256_add_epi32(a5, MULSHIFT(a3, 2485, 4096, 13));

    out[0] = a0; out[1] = a1; out[2] = a2; out[3] = a3;
    out[4] = a4; out[5] = a5; out[6] = a6; out[7] = a7;
}

VT_TARGET_AVX2 static void fdct8x8(v8i *blk)
{
    v8i tmp[64];
    for (int i = 0; i < 8; i++) fdct8(tmp + 8 * i, blk + i, 8);
    for (int i = 0; i < 8; i++) fdct8(blk + 8 * i, tmp + i, 8);
}

VT_TARGET_AVX2 static v8f block_ratio(const v8i *b)
{
    v8f gmean = _mm256_setzero_ps(), gvar = _mm256_setzero_ps();
    v8f means[4], vars[4];
    for (int q = 0; q < 4; q++) means[q] = vars[q] = _mm256_setzero_ps();
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            const int q = ((i & 12) >> 2) + ((j & 12) >> 1);
            const v8f f = _mm256_cvtepi32_ps(b[i * 8 + j]);
            gmean = _mm256_add_ps(gmean, f);
            means[q] = _mm256_add_ps(means[q], f);
        }
    gmean = _mm256_div_ps(gmean, _mm256_set1_ps(64.f));
    for (int q = 0; q < 4; q++) means[q] = _mm256_div_ps(means[q], _mm256_set1_ps(16.f));
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            const int q = ((i & 12) >> 2) + ((j & 12) >> 1);
            const v8f f = _mm256_cvtepi32_ps(b[i * 8 + j]);
            const v8f dg = _mm256_sub_ps(f, gmean), dq = _mm256_sub_ps(f, means[q]);
            gvar = _mm256_add_ps(gvar, _mm256_mul_ps(dg, dg));
            vars[q] = _mm256_add_ps(vars[q], _mm256_mul_ps(dq, dq));
        }
    gvar = _mm256_mul_ps(gvar, _mm256_set1_ps(VT_HVS_GVAR_SCALE));
    for (int q = 0; q < 4; q++) vars[q] = _mm256_mul_ps(vars[q], _mm256_set1_ps(VT_HVS_QVAR_SCALE));
    const v8f sum = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(vars[0], vars[1]), vars[2]), vars[3]);
    const v8f pos = _mm256_cmp_ps(gvar, _mm256_setzero_ps(), _CMP_GT_OQ);
    return _mm256_blendv_ps(gvar, _mm256_div_ps(sum, gvar), pos);
}

/* (float)(sqrt((double)(e * ratio)) / 32.f), per lane. */
VT_TARGET_AVX2 static v8f block_mask(const v8i *d, const float *mask, v8f ratio)
{
    v8f e = _mm256_setzero_ps();
    for (int k = 1; k < 64; k++) {
        const v8f sq = _mm256_cvtepi32_ps(_mm256_mullo_epi32(d[k], d[k]));
        e = _mm256_add_ps(e, _mm256_mul_ps(sq, _mm256_set1_ps(mask[k])));
    }
    const v8f p = _mm256_mul_ps(e, ratio);
    const __m256d thirty_two = _mm256_set1_pd(32.0);
    const __m256d lo = _mm256_div_pd(_mm256_sqrt_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(p))), thirty_two);
    const __m256d hi = _mm256_div_pd(_mm256_sqrt_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(p, 1))), thirty_two);
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1);
}

VT_TARGET_AVX2 void vt_hvs_blocks8_avx2(const uint8_t *src, ptrdiff_t ss, const uint8_t *dst, ptrdiff_t ds,
                                        int x0, int y, int bpc, const vt_hvs_tables *t, float *terms)
{
    int32_t ls[64][8] __attribute__((aligned(32)));
    int32_t ld[64][8] __attribute__((aligned(32)));
    for (int i = 0; i < 8; i++) {
        const uint8_t *rs = src + (y + i) * ss, *rd = dst + (y + i) * ds;
        for (int b = 0; b < 8; b++)
            for (int j = 0; j < 8; j++) {
                const int x = x0 + 7 * b + j;
                ls[i * 8 + j][b] = bpc > 8 ? ((const uint16_t *)rs)[x] : rs[x];
                ld[i * 8 + j][b] = bpc > 8 ? ((const uint16_t *)rd)[x] : rd[x];
            }
    }
    v8i bs[64], bd[64];
    for (int k = 0; k < 64; k++) {
        bs[k] = _mm256_load_si256((const __m256i *)ls[k]);
        bd[k] = _mm256_load_si256((const __m256i *)ld[k]);
    }
    const v8f ratio_s = block_ratio(bs), ratio_d = block_ratio(bd);
    fdct8x8(bs);
    fdct8x8(bd);
    const v8f ms = block_mask(bs, t->mask, ratio_s), md = block_mask(bd, t->mask, ratio_d);
    const v8f m = _mm256_blendv_ps(ms, md, _mm256_cmp_ps(md, ms, _CMP_GT_OQ));
    for (int k = 0; k < 64; k++) {
        v8f err = _mm256_cvtepi32_ps(_mm256_abs_epi32(_mm256_sub_epi32(bs[k], bd[k])));
        if (k != 0) {
            const v8f thr = _mm256_div_ps(m, _mm256_set1_ps(t->mask[k]));
            const v8f below = _mm256_cmp_ps(err, thr, _CMP_LT_OQ);
            err = _mm256_blendv_ps(_mm256_sub_ps(err, thr), _mm256_setzero_ps(), below);
        }
        const v8f e = _mm256_mul_ps(err, _mm256_set1_ps(t->csf[k]));
        _mm256_storeu_ps(terms + k * 8, _mm256_mul_ps(e, e));
    }
}

#endif
