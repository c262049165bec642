/* SpEED chroma: what the scalar reference (speed.c) and the AVX2 build (x86/speed_avx2.c) share. */
#ifndef VT_SPEED_H
#define VT_SPEED_H
#include <stddef.h>

#include "vt_internal.h"

#define VT_SPEED_BLOCK 5
#define VT_SPEED_DIM 25   /* elements in a 5x5 block: the size of the covariance matrix */
#define VT_SPEED_CSTRIDE 28 /* doubles per position in the centred-patch array (25 used, 3 zero) */

/* The loops that may run in AVX2. Each one must give exactly the scalar reference's numbers. */
typedef struct vt_speed_kernels {
    /* Vertical pass of the separable filter for one output row: for every j < w,
       dst[j] = 0 + f[0]*rows[0][j] + f[1]*rows[1][j] + ... (float, taps in order). */
    void (*vfilter_row)(const float *f, int fw, const float *const *rows, float *dst, int w);
    /* One output row of bilinear scaling (libvmaf's expression, float, left to right). */
    void (*bilinear_row)(const float *r1, const float *r2, float dy, const int *x1a,
                         const int *x2a, const float *dxa, float *dst, int w);
    /* Covariance sums over n positions of the centred patches c[n * VT_SPEED_CSTRIDE + o]:
       sums[x * 25 + y] = 0 + c_x[0]*c_y[0] + c_x[1]*c_y[1] + ... (double, n in order),
       for every y <= x. Entries with y > x are left alone. */
    void (*cov_sums)(const double *c, size_t n, double *sums);
    /* dst = a (ra x ca) * b (ca x cb), row-major, dst apart from a and b: for every i, j,
       dst[i][j] = 0 + a[i][0]*b[0][j] + a[i][1]*b[1][j] + ... (float, k in order). */
    void (*mat_mul)(float *dst, const float *a, const float *b, int ra, int ca, int cb);
    /* The 25 sub-images of a plane (data, rows of stride floats) shifted by (r, c) in the 5x5
       block, each sw x sh: means[r * 5 + c] = (0 + x_0 + x_1 + ...) / (float)(sw * sh) (float,
       row-major order), then for every position p = i * sw + j and offset o = r * 5 + c,
       cent[p * VT_SPEED_CSTRIDE + o] = (double)data[(r + i) * stride + c + j] - (double)means[o]. */
    void (*centred)(const float *data, int stride, int sw, int sh, float *means, double *cent);
} vt_speed_kernels;

#if VT_HAVE_AVX2_BUILD
extern const vt_speed_kernels vt_speed_kernels_avx2;
#endif

#endif
