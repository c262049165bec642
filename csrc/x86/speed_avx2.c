/*
 * SpEED chroma, AVX2 builds of the hot loops (see csrc/speed.h). Each lane performs exactly the
 * scalar reference's operations in the same order: separate multiplies and adds (no FMA), the
 * same accumulation order per output value, only several outputs at once.
 */
#include "speed.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>

/* Vertical pass: 8 columns per step, taps in order, starting from 0. */
VT_TARGET_AVX2 static void vfilter_row_avx2(const float *f, int fw, const float *const *rows,
                                            float *dst, int w)
{
    int j = 0;
    for (; j + 8 <= w; j += 8) {
        __m256 acc = _mm256_setzero_ps();
        for (int k = 0; k < fw; k++)
            acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_set1_ps(f[k]), _mm256_loadu_ps(rows[k] + j)));
        _mm256_storeu_ps(dst + j, acc);
    }
    for (; j < w; j++) {
        float acc = 0;
        for (int k = 0; k < fw; k++) acc += f[k] * rows[k][j];
        dst[j] = acc;
    }
}

/* ((1-dy)(1-dx)) r1[x1] + ((1-dy)dx) r1[x2] + (dy(1-dx)) r2[x1] + (dy dx) r2[x2], left to right. */
VT_TARGET_AVX2 static void bilinear_row_avx2(const float *r1, const float *r2, float dy,
                                             const int *x1a, const int *x2a, const float *dxa,
                                             float *dst, int w)
{
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 vdy = _mm256_set1_ps(dy);
    const __m256 vdy1 = _mm256_sub_ps(one, vdy);
    int x = 0;
    for (; x + 8 <= w; x += 8) {
        __m256i i1 = _mm256_loadu_si256((const __m256i *)(x1a + x));
        __m256i i2 = _mm256_loadu_si256((const __m256i *)(x2a + x));
        __m256 dx = _mm256_loadu_ps(dxa + x);
        __m256 dx1 = _mm256_sub_ps(one, dx);
        __m256 a = _mm256_mul_ps(_mm256_mul_ps(vdy1, dx1), _mm256_i32gather_ps(r1, i1, 4));
        __m256 b = _mm256_mul_ps(_mm256_mul_ps(vdy1, dx), _mm256_i32gather_ps(r1, i2, 4));
        __m256 c = _mm256_mul_ps(_mm256_mul_ps(vdy, dx1), _mm256_i32gather_ps(r2, i1, 4));
        __m256 d = _mm256_mul_ps(_mm256_mul_ps(vdy, dx), _mm256_i32gather_ps(r2, i2, 4));
        _mm256_storeu_ps(dst + x, _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a, b), c), d));
    }
    for (; x < w; x++) {
        int x1 = x1a[x], x2 = x2a[x];
        float dx = dxa[x];
        dst[x] = (1 - dy) * (1 - dx) * r1[x1] + (1 - dy) * dx * r1[x2] +
                 dy * (1 - dx) * r2[x1] + dy * dx * r2[x2];
    }
}

/* Covariance sums: for a row x of the matrix, lanes hold y = 4q .. 4q+3 (q <= x/4); each lane
   is its own double accumulator running over the positions in order, as the scalar loop does.
   Lanes with y > x (or y >= 25, zero padding) are computed and dropped. Positions are taken in
   blocks so that a block of the centred array stays in cache while the 25 rows run over it. */
#define COV_BLOCK 256
VT_TARGET_AVX2 static void cov_sums_avx2(const double *c, size_t n, double *sums)
{
    __m256d acc[VT_SPEED_DIM][7];
    for (int x = 0; x < VT_SPEED_DIM; x++)
        for (int q = 0; q < 7; q++) acc[x][q] = _mm256_setzero_pd();

    for (size_t p0 = 0; p0 < n; p0 += COV_BLOCK) {
        const size_t p1 = p0 + COV_BLOCK < n ? p0 + COV_BLOCK : n;
        for (int x = 0; x < VT_SPEED_DIM; x++) {
            const int nq = x / 4 + 1;
            __m256d a0 = acc[x][0], a1 = acc[x][1], a2 = acc[x][2], a3 = acc[x][3];
            __m256d a4 = acc[x][4], a5 = acc[x][5], a6 = acc[x][6];
            const double *cp = c + p0 * VT_SPEED_CSTRIDE;
            switch (nq) {
#define COV_LOOP(BODY)                                                                         \
    for (size_t p = p0; p < p1; p++, cp += VT_SPEED_CSTRIDE) {                                 \
        const __m256d cx = _mm256_broadcast_sd(cp + x);                                        \
        BODY                                                                                   \
    }                                                                                          \
    break;
#define COV_Q(A, Q) A = _mm256_add_pd(A, _mm256_mul_pd(cx, _mm256_loadu_pd(cp + 4 * (Q))));
            case 1: COV_LOOP(COV_Q(a0, 0))
            case 2: COV_LOOP(COV_Q(a0, 0) COV_Q(a1, 1))
            case 3: COV_LOOP(COV_Q(a0, 0) COV_Q(a1, 1) COV_Q(a2, 2))
            case 4: COV_LOOP(COV_Q(a0, 0) COV_Q(a1, 1) COV_Q(a2, 2) COV_Q(a3, 3))
            case 5: COV_LOOP(COV_Q(a0, 0) COV_Q(a1, 1) COV_Q(a2, 2) COV_Q(a3, 3) COV_Q(a4, 4))
            case 6:
                COV_LOOP(COV_Q(a0, 0) COV_Q(a1, 1) COV_Q(a2, 2) COV_Q(a3, 3) COV_Q(a4, 4) COV_Q(a5, 5))
            default:
                COV_LOOP(COV_Q(a0, 0) COV_Q(a1, 1) COV_Q(a2, 2) COV_Q(a3, 3) COV_Q(a4, 4) COV_Q(a5, 5)
                             COV_Q(a6, 6))
#undef COV_Q
#undef COV_LOOP
            }
            acc[x][0] = a0; acc[x][1] = a1; acc[x][2] = a2; acc[x][3] = a3;
            acc[x][4] = a4; acc[x][5] = a5; acc[x][6] = a6;
        }
    }

    for (int x = 0; x < VT_SPEED_DIM; x++) {
        double lanes[28];
        for (int q = 0; q < 7; q++) _mm256_storeu_pd(lanes + 4 * q, acc[x][q]);
        for (int y = 0; y <= x; y++) sums[x * VT_SPEED_DIM + y] = lanes[y];
    }
}

const vt_speed_kernels vt_speed_kernels_avx2 = {vfilter_row_avx2, bilinear_row_avx2, cov_sums_avx2};

#endif
