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

/* Matrix product: a row of dst is held in up to four vectors (32 columns) while k runs over
   a's row in order, so every element sees the scalar loop's additions in its order; columns
   beyond the last whole vector go through the same formula one at a time. */
VT_TARGET_AVX2 static void mat_mul_avx2(float *dst, const float *a, const float *b, int ra, int ca, int cb)
{
    for (int i = 0; i < ra; i++) {
        const float *ai = a + (size_t)i * ca;
        float *di = dst + (size_t)i * cb;
        int j = 0;
        for (; j + 32 <= cb; j += 32) {
            __m256 d0 = _mm256_setzero_ps(), d1 = d0, d2 = d0, d3 = d0;
            for (int k = 0; k < ca; k++) {
                const __m256 x = _mm256_set1_ps(ai[k]);
                const float *bk = b + (size_t)k * cb + j;
                d0 = _mm256_add_ps(d0, _mm256_mul_ps(x, _mm256_loadu_ps(bk)));
                d1 = _mm256_add_ps(d1, _mm256_mul_ps(x, _mm256_loadu_ps(bk + 8)));
                d2 = _mm256_add_ps(d2, _mm256_mul_ps(x, _mm256_loadu_ps(bk + 16)));
                d3 = _mm256_add_ps(d3, _mm256_mul_ps(x, _mm256_loadu_ps(bk + 24)));
            }
            _mm256_storeu_ps(di + j, d0);
            _mm256_storeu_ps(di + j + 8, d1);
            _mm256_storeu_ps(di + j + 16, d2);
            _mm256_storeu_ps(di + j + 24, d3);
        }
        for (; j + 8 <= cb; j += 8) {
            __m256 d0 = _mm256_setzero_ps();
            for (int k = 0; k < ca; k++)
                d0 = _mm256_add_ps(d0, _mm256_mul_ps(_mm256_set1_ps(ai[k]), _mm256_loadu_ps(b + (size_t)k * cb + j)));
            _mm256_storeu_ps(di + j, d0);
        }
        for (; j < cb; j++) {
            float acc = 0;
            for (int k = 0; k < ca; k++) acc += ai[k] * b[(size_t)k * cb + j];
            di[j] = acc;
        }
    }
}

/* Means: lane c of the vector for row r accumulates data[(r + i) * stride + c + j] over (i, j)
   in row-major order, as the scalar sum of offset (r, c) does (lanes 5-7 are not loaded). The
   five rows' sums are independent chains. Centring: four offsets of a row at a time, the fifth
   alone, each the same double subtraction. */
VT_TARGET_AVX2 static void centred_avx2(const float *data, int stride, int sw, int sh, float *means, double *cent)
{
    const __m256i five = _mm256_setr_epi32(-1, -1, -1, -1, -1, 0, 0, 0);
    __m256 acc[VT_SPEED_BLOCK];
    for (int r = 0; r < VT_SPEED_BLOCK; r++) acc[r] = _mm256_setzero_ps();
    for (int i = 0; i < sh; i++)
        for (int j = 0; j < sw; j++)
            for (int r = 0; r < VT_SPEED_BLOCK; r++)
                acc[r] = _mm256_add_ps(acc[r], _mm256_maskload_ps(data + (size_t)(r + i) * stride + j, five));
    const float n = (float)((size_t)sw * sh);
    double md[VT_SPEED_DIM];
    for (int r = 0; r < VT_SPEED_BLOCK; r++) {
        float lanes[8];
        _mm256_storeu_ps(lanes, acc[r]);
        for (int c = 0; c < VT_SPEED_BLOCK; c++) {
            means[r * VT_SPEED_BLOCK + c] = lanes[c] / n;
            md[r * VT_SPEED_BLOCK + c] = (double)means[r * VT_SPEED_BLOCK + c];
        }
    }
    for (int i = 0; i < sh; i++)
        for (int j = 0; j < sw; j++) {
            double *cp = cent + ((size_t)i * sw + j) * VT_SPEED_CSTRIDE;
            for (int r = 0; r < VT_SPEED_BLOCK; r++) {
                const float *x = data + (size_t)(r + i) * stride + j;
                const __m256d v = _mm256_cvtps_pd(_mm_loadu_ps(x));
                _mm256_storeu_pd(cp + r * VT_SPEED_BLOCK, _mm256_sub_pd(v, _mm256_loadu_pd(md + r * VT_SPEED_BLOCK)));
                cp[r * VT_SPEED_BLOCK + 4] = (double)x[4] - md[r * VT_SPEED_BLOCK + 4];
            }
        }
}

const vt_speed_kernels vt_speed_kernels_avx2 = {vfilter_row_avx2, bilinear_row_avx2, cov_sums_avx2, mat_mul_avx2,
                                                centred_avx2};

#endif
