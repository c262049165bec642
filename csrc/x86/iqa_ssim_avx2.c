/*
 * AVX2 builds of the IQA SSIM row kernels. Eight neighbouring outputs are computed side by side;
 * each one still forms its float products, widens them to double and adds them in tap order
 * starting from 0.0, exactly as the scalar reference (csrc/iqa_ssim.c) does, so the results are
 * identical. No fused multiply-adds are used.
 */
#include "../vt_internal.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>
#include <math.h>

#include "../iqa_ssim.h"
#include "iqa_ssim_avx2.h"

/* Adds the float products p (8 lanes) to two double accumulators. */
#define ACC(lo, hi, p)                                                              \
    do {                                                                            \
        lo = _mm256_add_pd(lo, _mm256_cvtps_pd(_mm256_castps256_ps128(p)));         \
        hi = _mm256_add_pd(hi, _mm256_cvtps_pd(_mm256_extractf128_ps(p, 1)));       \
    } while (0)

VT_TARGET_AVX2 static inline __m256 narrow(__m256d lo, __m256d hi)
{
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1);
}

/* Scalar tails, the same arithmetic as csrc/iqa_ssim.c. */
static inline float htap(const float *in, int x)
{
    double sum = 0.0;
    for (int u = 0; u < IQA_WIN; u++) sum += in[x + u] * vt_iqa_gauss[u];
    return (float)sum;
}

static inline float htap_prod(const float *a, const float *b, int x)
{
    double sum = 0.0;
    for (int u = 0; u < IQA_WIN; u++) {
        const float p = a[x + u] * b[x + u];
        sum += p * vt_iqa_gauss[u];
    }
    return (float)sum;
}

/* The five horizontal passes at once (ten independent double chains hide the add latency). */
VT_TARGET_AVX2 void vt_iqa_hfilter5_avx2(const float *a, const float *b, float *const *out, int n)
{
    int x = 0;
    for (; x + 8 <= n; x += 8) {
        __m256d lo[5], hi[5];
        for (int q = 0; q < 5; q++) lo[q] = hi[q] = _mm256_setzero_pd();
        for (int u = 0; u < IQA_WIN; u++) {
            const __m256 k = _mm256_set1_ps(vt_iqa_gauss[u]);
            const __m256 va = _mm256_loadu_ps(a + x + u), vb = _mm256_loadu_ps(b + x + u);
            const __m256 p0 = _mm256_mul_ps(va, k);
            const __m256 p1 = _mm256_mul_ps(vb, k);
            const __m256 p2 = _mm256_mul_ps(_mm256_mul_ps(va, va), k);
            const __m256 p3 = _mm256_mul_ps(_mm256_mul_ps(vb, vb), k);
            const __m256 p4 = _mm256_mul_ps(_mm256_mul_ps(va, vb), k);
            ACC(lo[0], hi[0], p0);
            ACC(lo[1], hi[1], p1);
            ACC(lo[2], hi[2], p2);
            ACC(lo[3], hi[3], p3);
            ACC(lo[4], hi[4], p4);
        }
        for (int q = 0; q < 5; q++) _mm256_storeu_ps(out[q] + x, narrow(lo[q], hi[q]));
    }
    for (; x < n; x++) {
        out[0][x] = htap(a, x);
        out[1][x] = htap(b, x);
        out[2][x] = htap_prod(a, a, x);
        out[3][x] = htap_prod(b, b, x);
        out[4][x] = htap_prod(a, b, x);
    }
}

VT_TARGET_AVX2 void vt_iqa_vfilter5_avx2(const float *const *rows, float *const *out, int n)
{
    int x = 0;
    for (; x + 8 <= n; x += 8) {
        __m256d lo[5], hi[5];
        for (int q = 0; q < 5; q++) lo[q] = hi[q] = _mm256_setzero_pd();
        for (int v = 0; v < IQA_WIN; v++) {
            const __m256 k = _mm256_set1_ps(vt_iqa_gauss[v]);
            for (int q = 0; q < 5; q++) {
                const __m256 p = _mm256_mul_ps(_mm256_loadu_ps(rows[q * IQA_WIN + v] + x), k);
                ACC(lo[q], hi[q], p);
            }
        }
        for (int q = 0; q < 5; q++) _mm256_storeu_ps(out[q] + x, narrow(lo[q], hi[q]));
    }
    for (; x < n; x++) {
        for (int q = 0; q < 5; q++) {
            double sum = 0.0;
            for (int v = 0; v < IQA_WIN; v++) sum += rows[q * IQA_WIN + v][x] * vt_iqa_gauss[v];
            out[q][x] = (float)sum;
        }
    }
}

VT_TARGET_AVX2 void vt_iqa_pixels_avx2(const float *mu1, const float *mu2, const float *xx,
                                       const float *yy, const float *xy, double *lcs, double *l,
                                       double *c, double *s, int n)
{
    const float C1 = (0.01f * 255) * (0.01f * 255);
    const float C2 = (0.03f * 255) * (0.03f * 255);
    const float C3 = C2 / 2.0f;
    const __m256 zero = _mm256_setzero_ps();
    const __m256 c1f = _mm256_set1_ps(C1), c2f = _mm256_set1_ps(C2), c3f = _mm256_set1_ps(C3);
    const __m256d two = _mm256_set1_pd(2.0), c1d = _mm256_set1_pd(C1), c2d = _mm256_set1_pd(C2);
    int x = 0;
    for (; x + 8 <= n; x += 8) {
        const __m256 m1 = _mm256_loadu_ps(mu1 + x), m2 = _mm256_loadu_ps(mu2 + x);
        const __m256 var1 = _mm256_max_ps(zero, _mm256_sub_ps(_mm256_loadu_ps(xx + x), _mm256_mul_ps(m1, m1)));
        const __m256 var2 = _mm256_max_ps(zero, _mm256_sub_ps(_mm256_loadu_ps(yy + x), _mm256_mul_ps(m2, m2)));
        const __m256 cov = _mm256_sub_ps(_mm256_loadu_ps(xy + x), _mm256_mul_ps(m1, m2));
        /* (float)sqrt((double)p) == sqrtf(p): double rounding of a square root is innocuous */
        const __m256 sd = _mm256_sqrt_ps(_mm256_mul_ps(var1, var2));
        const __m256 lden = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(m1, m1), _mm256_mul_ps(m2, m2)), c1f);
        const __m256 cden = _mm256_add_ps(_mm256_add_ps(var1, var2), c2f);
        const __m256 flat = _mm256_and_ps(_mm256_cmp_ps(cov, zero, _CMP_LT_OQ), _mm256_cmp_ps(sd, zero, _CMP_LE_OQ));
        const __m256 cov_c = _mm256_blendv_ps(cov, zero, flat);
        const __m256 sx = _mm256_div_ps(_mm256_add_ps(cov_c, c3f), _mm256_add_ps(sd, c3f));
        for (int half = 0; half < 2; half++) {
            const __m128 m1h = half ? _mm256_extractf128_ps(m1, 1) : _mm256_castps256_ps128(m1);
            const __m128 m2h = half ? _mm256_extractf128_ps(m2, 1) : _mm256_castps256_ps128(m2);
            const __m128 sdh = half ? _mm256_extractf128_ps(sd, 1) : _mm256_castps256_ps128(sd);
            const __m128 ldh = half ? _mm256_extractf128_ps(lden, 1) : _mm256_castps256_ps128(lden);
            const __m128 cdh = half ? _mm256_extractf128_ps(cden, 1) : _mm256_castps256_ps128(cden);
            const __m128 sxh = half ? _mm256_extractf128_ps(sx, 1) : _mm256_castps256_ps128(sx);
            const __m256d lnum = _mm256_add_pd(
                _mm256_mul_pd(_mm256_mul_pd(two, _mm256_cvtps_pd(m1h)), _mm256_cvtps_pd(m2h)), c1d);
            const __m256d lx = _mm256_div_pd(lnum, _mm256_cvtps_pd(ldh));
            const __m256d cnum = _mm256_add_pd(_mm256_mul_pd(two, _mm256_cvtps_pd(sdh)), c2d);
            const __m256d cx = _mm256_div_pd(cnum, _mm256_cvtps_pd(cdh));
            const __m256d sxd = _mm256_cvtps_pd(sxh);
            const int o = x + 4 * half;
            _mm256_storeu_pd(lcs + o, _mm256_mul_pd(_mm256_mul_pd(lx, cx), sxd));
            _mm256_storeu_pd(l + o, lx);
            _mm256_storeu_pd(c + o, cx);
            _mm256_storeu_pd(s + o, sxd);
        }
    }
    if (x < n)
        vt_iqa_pixels_c(mu1 + x, mu2 + x, xx + x, yy + x, xy + x, lcs + x, l + x, c + x, s + x, n - x);
}

static inline int mirror(int i, int n)
{
    if (i < 0) return -1 - i;
    if (i >= n) return 2 * n - i - 1;
    return i;
}

/* Decimation by 2 with a 9x9 kernel (float_ms_ssim's pyramid). Every input row is first split
   into its even and odd columns with 4 mirrored columns on each side, so that the taps of eight
   neighbouring outputs are contiguous loads; each output still sums its 81 float products in
   double, row by row, in libvmaf's order. */
VT_TARGET_AVX2 void vt_iqa_decimate_lpf2_avx2(const float *img, int w, int h, const float *kernel,
                                              float *dst, float *scratch)
{
    const int sw = vt_iqa_decimated(w, 2), sh = vt_iqa_decimated(h, 2);
    const ptrdiff_t hs = vt_iqa_lpf2_half_stride(w);
    for (int r = 0; r < h; r++) {
        float *ev = scratch + (size_t)r * 2 * hs, *od = ev + hs;
        const float *row = img + (size_t)r * w;
        /* padded column p holds row[mirror(p - 4)]: even p -> ev[p / 2], odd p -> od[p / 2] */
        for (int p = 0; p < 4; p++) {
            const float v = row[mirror(p - 4, w)];
            if (p & 1) od[p >> 1] = v;
            else ev[p >> 1] = v;
        }
        for (int c = 0; c < w; c += 2) ev[(c >> 1) + 2] = row[c];
        for (int c = 1; c < w; c += 2) od[(c >> 1) + 2] = row[c];
        for (int p = w + 4; p < w + 8; p++) {
            const float v = row[mirror(p - 4, w)];
            if (p & 1) od[p >> 1] = v;
            else ev[p >> 1] = v;
        }
    }
    for (int y = 0; y < sh; y++) {
        const float *src[81];
        for (int v = 0; v < 9; v++) {
            const float *ev = scratch + (size_t)mirror(2 * y + v - 4, h) * 2 * hs, *od = ev + hs;
            for (int u = 0; u < 9; u++) src[v * 9 + u] = (u & 1) ? od + (u >> 1) : ev + (u >> 1);
        }
        float *out = dst + (size_t)y * sw;
        int x = 0;
        for (; x + 32 <= sw; x += 32) { /* four independent groups of 8 outputs */
            __m256d lo[4], hi[4];
            for (int g = 0; g < 4; g++) lo[g] = hi[g] = _mm256_setzero_pd();
            for (int t = 0; t < 81; t++) {
                const __m256 k = _mm256_set1_ps(kernel[t]);
                for (int g = 0; g < 4; g++) {
                    const __m256 p = _mm256_mul_ps(_mm256_loadu_ps(src[t] + x + 8 * g), k);
                    ACC(lo[g], hi[g], p);
                }
            }
            for (int g = 0; g < 4; g++) _mm256_storeu_ps(out + x + 8 * g, narrow(lo[g], hi[g]));
        }
        for (; x + 8 <= sw; x += 8) {
            __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
            for (int t = 0; t < 81; t++) {
                const __m256 p = _mm256_mul_ps(_mm256_loadu_ps(src[t] + x), _mm256_set1_ps(kernel[t]));
                ACC(lo, hi, p);
            }
            _mm256_storeu_ps(out + x, narrow(lo, hi));
        }
        for (; x < sw; x++) {
            double sum = 0.0;
            for (int t = 0; t < 81; t++) sum += src[t][x] * kernel[t];
            out[x] = (float)sum;
        }
    }
}

/* Decimation by f with an f x f kernel (float_ssim's scale). Written out of place: libvmaf
   decimates in place, but output (x, y) lands at y * sw + x, below every sample that output or
   any later one reads, so nothing is overwritten before it is read. Each kernel row's input row
   is split into its f column phases (q[p][i + 1] = row[i * f + p], mirrored, i = -1 .. sw), so
   tap u of eight neighbouring outputs is one contiguous load; every output sums its f * f float
   products in double in libvmaf's order (kernel row by row). */
VT_TARGET_AVX2 const float *vt_iqa_decimate_box_avx2(float *img, int w, int h, int f, const float *kernel,
                                                     float *out, float *scratch)
{
    const int sw = vt_iqa_decimated(w, f), sh = vt_iqa_decimated(h, f);
    const int lo = -(f / 2);
    const ptrdiff_t ps = vt_iqa_box_phase_stride(w, f);
    const float *src[100];
    for (int t = 0; t < f * f; t++) {
        const int u = t % f + lo; /* column offset of tap t */
        src[t] = scratch + ((size_t)(t / f) * f + (size_t)((u + f) % f)) * ps + (u >= 0 ? 1 : 0);
    }
    for (int y = 0; y < sh; y++) {
        for (int v = 0; v < f; v++) {
            const float *row = img + (size_t)mirror(y * f + v + lo, h) * w;
            for (int p = 0; p < f; p++) {
                float *q = scratch + ((size_t)v * f + p) * ps + 1;
                const int inner = (w - 1 - p) / f < sw ? (w - 1 - p) / f : sw; /* last i inside */
                q[-1] = row[mirror(p - f, w)];
                const float *rp = row + p;
                for (int i = 0; i <= inner; i++) q[i] = rp[(size_t)i * f];
                for (int i = inner + 1; i <= sw; i++) q[i] = row[mirror(i * f + p, w)];
            }
        }
        float *o = out + (size_t)y * sw;
        int x = 0;
        for (; x + 32 <= sw; x += 32) {
            __m256d lo4[4], hi4[4];
            for (int g = 0; g < 4; g++) lo4[g] = hi4[g] = _mm256_setzero_pd();
            for (int t = 0; t < f * f; t++) {
                const __m256 k = _mm256_set1_ps(kernel[t]);
                for (int g = 0; g < 4; g++) {
                    const __m256 p = _mm256_mul_ps(_mm256_loadu_ps(src[t] + x + 8 * g), k);
                    ACC(lo4[g], hi4[g], p);
                }
            }
            for (int g = 0; g < 4; g++) _mm256_storeu_ps(o + x + 8 * g, narrow(lo4[g], hi4[g]));
        }
        for (; x + 8 <= sw; x += 8) {
            __m256d l = _mm256_setzero_pd(), hh = _mm256_setzero_pd();
            for (int t = 0; t < f * f; t++) {
                const __m256 p = _mm256_mul_ps(_mm256_loadu_ps(src[t] + x), _mm256_set1_ps(kernel[t]));
                ACC(l, hh, p);
            }
            _mm256_storeu_ps(o + x, narrow(l, hh));
        }
        for (; x < sw; x++) {
            double sum = 0.0;
            for (int t = 0; t < f * f; t++) sum += src[t][x] * kernel[t];
            o[x] = (float)sum;
        }
    }
    return out;
}

#endif
