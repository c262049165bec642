/*
 * SpEED chroma (libvmaf's "speed_chroma" extractor): spatial entropic differences of the U and
 * V planes, computed as libvmaf master does it, in float with the double promotions of its C
 * source (every cast below is one of them; do not simplify them away).
 *
 * Per plane and picture:
 *   1. samples -> float (v + -128, 10/12/16-bit divided by 4/16/256 first),
 *   2. optional prescale of the whole plane (nearest, bilinear, bicubic or lanczos4),
 *   3. 9-tap Gaussian anti-alias filter (reflect-101 edges) and decimation by 16 in both
 *      directions, then a 3-tap local-mean filter, subtracted,
 *   4. a Gaussian scale mixture over 5x5 blocks: the 25x25 covariance of the patches, its
 *      eigenvalues (float port of GSL's symmtd + implicit symmetric QR), the solution of
 *      K X = Y by Householder QR, then per-block variances S and entropies E,
 *   5. score = mean over blocks of |E_ref log2(1+S_ref) - E_dis log2(1+mix(S_ref,S_dis))|.
 *
 * libvmaf filters the whole prescaled plane and keeps every 16th row and column. Each output
 * sample of the separable filter is an independent sum, so this file computes only the rows
 * and columns the decimation keeps (and prescales only the rows the filter reads): the kept
 * samples are the same floats, obtained with the same operations in the same order.
 */
#include <math.h>
#include <string.h>

#include "speed.h"
#include "vt_internal.h"

/* The literals of <math.h>'s M_PI and M_E (not declared under -std=c11). */
#define SP_PI 3.14159265358979323846
#define SP_E 2.7182818284590452354
/* log2(2 pi e), written the way libvmaf writes it so that the compiler folds the same constant. */
#define SP_LOG2_2PIE log2(2 * SP_PI * SP_E)
#define SP_EIG_EPS 1e-6
#define SP_EIG_MAX_ITERS 500
#define SP_N VT_SPEED_DIM

/* ------------------------------------------------------------------------------------------ */
/* Context                                                                                     */

struct vt_speed {
    int cw, ch, bpc;
    vt_speed_opts opts;
    float sigma_nn;  /* (float) opts.sigma_nn, as est_params and the score receive it */
    float nn_floor;
    int prescaled;   /* |prescale - 1| >= 1e-3 */
    int ws, hs;      /* prescaled plane */
    int wo, ho;      /* operating size: ws >> 4, hs >> 4 */
    int tw, th;      /* truncated to whole blocks */
    int nbh, nbv, nb;
    int subw, subh;  /* positions of a 5x5 patch inside the truncated image */
    int fw_aa, fw_lm;
    float f_aa[128], f_lm[128];

    float *plane;    /* cw x ch floats (stride cw), when prescaling; only src_used rows are set */
    float *rowbuf;   /* without prescaling: the fw_aa input rows of one filter step, as floats */
    float *scaled;   /* ws x hs floats (stride ws); only rows with row_used[] set are written */
    unsigned char *row_used; /* hs: rows of the filtered plane the anti-alias filter reads */
    unsigned char *src_used; /* ch: input rows the prescaler reads (the only ones converted) */
    int *x1a, *x2a;  /* bilinear column tables */
    float *dxa;
    float *vtmp;     /* one vertically filtered row, ws floats */
    const float **rows;
    float *dec;      /* wo x ho: decimated, then local-mean subtracted */
    float *lm;       /* wo x ho: local mean */
    double *cent;    /* subw*subh positions x VT_SPEED_CSTRIDE centred patch values */
    double cov_sum[SP_N * SP_N];
    float means[SP_N];
    float K[SP_N * SP_N];
    float eig[SP_N];
    float A[SP_N * SP_N], d[SP_N], sd[SP_N], hv[SP_N], hx[SP_N];
    float Z[SP_N * SP_N], Q[SP_N * SP_N], R[SP_N * SP_N], H[SP_N * SP_N], T[SP_N * SP_N];
    float *Y;        /* 25 x nb */
    float *PY;       /* 25 x nb: Q^T Y */
    float *X;        /* 25 x nb */
    float *S[2], *E[2];
    const vt_speed_kernels *k;
};

/* ------------------------------------------------------------------------------------------ */
/* Filters (vif_tools.c)                                                                       */

static const float valid_kernelscales[21] = {
    1.0f, 1.0f / 2.0f, 3.0f / 2.0f, 2.0f, 2.0f / 3.0f, 24.0f / 10.0f, 360.0f / 97.0f,
    4.0f / 3.0f, 3.5f / 3.0f, 3.75f / 3.0f, 4.25f / 3.0f, 5.0f / 3.0f, 3.0f, 1.0f / 2.25f,
    1.4746f, 1.54f, 1.6f, 1.06667f, 0.711111f, 0.740740f, 1.111111f,
};

static int kernelscale_ok(float ks)
{
    for (int i = 0; i < 21; i++)
        if (fabsf(ks - valid_kernelscales[i]) < 1e-3) return 1;
    return 0;
}

static int filter_size(int scale, float ks)
{
    int n = (1 << (4 - scale)) + 1;
    float f = n * ks;
    int c = (int)ceil((double)f);
    if (c % 2 == 0) c++;
    return c > 3 ? c : 3;
}

static float gaussian_pdf(float x, float stdev)
{
    const float mean = 0;
    float num = (float)exp(-0.5 * (x - mean) / stdev * (x - mean) / stdev);
    float den = (float)(1 / (stdev * sqrt(2 * SP_PI)));
    return num / den;
}

static void gaussian_kernel(float *out, int size, float stdev)
{
    float sum = 0;
    int half = (size - 1) / 2;
    for (int i = 0; i < size; i++) {
        out[i] = gaussian_pdf((float)(i - half), stdev);
        sum += out[i];
    }
    for (int i = 0; i < size; i++) out[i] /= sum;
}

static inline int reflect101(int i, int n)
{
    return i < 0 ? -i : (i >= n ? 2 * n - i - 2 : i);
}

/* ------------------------------------------------------------------------------------------ */
/* Scalar hot loops                                                                            */

static void vfilter_row_c(const float *f, int fw, const float *const *rows, float *dst, int w)
{
    for (int j = 0; j < w; j++) {
        float acc = 0;
        for (int k = 0; k < fw; k++) acc += f[k] * rows[k][j];
        dst[j] = acc;
    }
}

static void bilinear_row_c(const float *r1, const float *r2, float dy, const int *x1a,
                           const int *x2a, const float *dxa, float *dst, int w)
{
    for (int x = 0; x < w; x++) {
        int x1 = x1a[x], x2 = x2a[x];
        float dx = dxa[x];
        dst[x] = (1 - dy) * (1 - dx) * r1[x1] + (1 - dy) * dx * r1[x2] +
                 dy * (1 - dx) * r2[x1] + dy * dx * r2[x2];
    }
}

static void cov_sums_c(const double *c, size_t n, double *sums)
{
    for (int x = 0; x < SP_N; x++) {
        for (int y = 0; y <= x; y++) {
            double acc = 0;
            for (size_t p = 0; p < n; p++)
                acc += c[p * VT_SPEED_CSTRIDE + x] * c[p * VT_SPEED_CSTRIDE + y];
            sums[x * SP_N + y] = acc;
        }
    }
}

static void mat_mul_c(float *dst, const float *a, const float *b, int ra, int ca, int cb);

static void centred_c(const float *data, int stride, int sw, int sh, float *means, double *cent)
{
    const size_t npos = (size_t)sw * sh;
    /* Means of the 25 shifted sub-images, float accumulation in row-major order. */
    for (int r = 0; r < VT_SPEED_BLOCK; r++)
        for (int c = 0; c < VT_SPEED_BLOCK; c++) {
            float acc = 0;
            for (int i = 0; i < sh; i++)
                for (int j = 0; j < sw; j++) acc += data[(size_t)(r + i) * stride + (c + j)];
            means[r * VT_SPEED_BLOCK + c] = acc / (float)npos;
        }
    /* The centred values, once per offset (the same doubles libvmaf forms for the covariance). */
    for (int i = 0; i < sh; i++)
        for (int j = 0; j < sw; j++) {
            double *cp = cent + ((size_t)i * sw + j) * VT_SPEED_CSTRIDE;
            for (int o = 0; o < VT_SPEED_DIM; o++) {
                int r = o / VT_SPEED_BLOCK, c = o % VT_SPEED_BLOCK;
                cp[o] = (double)data[(size_t)(r + i) * stride + (c + j)] - (double)means[o];
            }
        }
}

static const vt_speed_kernels kernels_c = {vfilter_row_c, bilinear_row_c, cov_sums_c, mat_mul_c, centred_c};

/* ------------------------------------------------------------------------------------------ */
/* Prescaling (vif_tools.c: vif_scale_frame_*_s)                                               */

static float mirror_f(float i, float left, float right)
{
    return i < left ? -i : i > right ? 2 * right - i : i;
}

static float bicubic_weight(float t)
{
    float a = -0.75;
    if (t < 0) t = -t;
    if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
    if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
    return 0;
}

static float bicubic_at(const float *src, int w, int h, int stride, float x, float y)
{
    int x0 = (int)floor((double)x);
    int y0 = (int)floor((double)y);
    float dx = x - x0;
    float dy = y - y0;
    float wx[4], wy[4];
    for (int i = -1; i <= 2; i++) {
        wx[i + 1] = bicubic_weight(i - dx);
        wy[i + 1] = bicubic_weight(i - dy);
    }
    float v = 0.0;
    for (int j = -1; j <= 2; j++) {
        for (int i = -1; i <= 2; i++) {
            int xi = (int)mirror_f((float)(x0 + i), 0, (float)(w - 1));
            int yi = (int)mirror_f((float)(y0 + j), 0, (float)(h - 1));
            float wgt = wx[i + 1] * wy[j + 1];
            v += src[yi * stride + xi] * wgt;
        }
    }
    return v;
}

static float lanczos_weight(float x, float a)
{
    if (x == 0.0) return 1.0;
    if (x > -a && x < a)
        return (float)(a * sin(SP_PI * x) * sin(SP_PI * x / a) / (SP_PI * SP_PI * x * x));
    return 0.0;
}

static float lanczos_at(const float *src, int w, int h, int stride, float x, float y)
{
    const int a = 4;
    int x0 = (int)floor((double)x);
    int y0 = (int)floor((double)y);
    float dx = x - x0;
    float dy = y - y0;
    float v = 0.0, wsum = 0.0;
    float wx[9], wy[9];
    for (int i = -a; i <= a; i++) {
        wx[i + a] = lanczos_weight(i - dx, (float)a);
        wy[i + a] = lanczos_weight(i - dy, (float)a);
    }
    for (int iy = -a; iy <= a; iy++) {
        for (int ix = -a; ix <= a; ix++) {
            float wgt = wx[ix + a] * wy[iy + a];
            wsum += wgt;
            int xi = (int)mirror_f((float)(x0 + ix), 0, (float)(w - 1));
            int yi = (int)mirror_f((float)(y0 + iy), 0, (float)(h - 1));
            v += src[yi * stride + xi] * wgt;
        }
    }
    return v / wsum;
}

/* Marks the input rows that output row y of the prescaler reads (mirroring as the scaler does). */
static void mark_source_rows(const vt_speed *s, int y, unsigned char *used)
{
    const int sh = s->ch, dh = s->hs;
    const float ratio_y = (float)sh / dh;
    float yy = (float)((y + 0.5) * ratio_y - 0.5);
    int y0 = (int)floor((double)yy);
    switch (s->opts.prescale_method) {
    case VT_SPEED_NEAREST:
        used[(int)(y * ratio_y)] = 1;
        break;
    case VT_SPEED_BILINEAR:
        used[(int)mirror_f((float)floor((double)yy), 0, (float)(sh - 1))] = 1;
        used[(int)mirror_f((float)ceil((double)yy), 0, (float)(sh - 1))] = 1;
        break;
    case VT_SPEED_BICUBIC:
        for (int j = -1; j <= 2; j++) used[(int)mirror_f((float)(y0 + j), 0, (float)(sh - 1))] = 1;
        break;
    default:
        for (int j = -4; j <= 4; j++) used[(int)mirror_f((float)(y0 + j), 0, (float)(sh - 1))] = 1;
        break;
    }
}

/* Rows of the prescaled plane that the anti-alias filter reads are computed; others are not. */
static void prescale(vt_speed *s)
{
    const float *src = s->plane;
    const int sw = s->cw, sh = s->ch, ss = s->cw;
    float *dst = s->scaled;
    const int dw = s->ws, dh = s->hs, ds = s->ws;

    if (sw == dw && sh == dh) { /* every libvmaf scaler copies when the size is unchanged */
        for (int y = 0; y < dh; y++) memcpy(dst + (size_t)y * ds, src + (size_t)y * ss, sizeof(float) * dw);
        return;
    }
    const float ratio_x = (float)sw / dw;
    const float ratio_y = (float)sh / dh;
    for (int y = 0; y < dh; y++) {
        if (!s->row_used[y]) continue;
        float *drow = dst + (size_t)y * ds;
        switch (s->opts.prescale_method) {
        case VT_SPEED_NEAREST: {
            int ry = (int)(y * ratio_y);
            for (int x = 0; x < dw; x++) {
                int rx = (int)(x * ratio_x);
                drow[x] = src[ry * ss + rx];
            }
            break;
        }
        case VT_SPEED_BILINEAR: {
            float yy = (float)((y + 0.5) * ratio_y - 0.5);
            int y1 = (int)mirror_f((float)floor((double)yy), 0, (float)(sh - 1));
            int y2 = (int)mirror_f((float)ceil((double)yy), 0, (float)(sh - 1));
            float dy = yy - y1;
            s->k->bilinear_row(src + (size_t)y1 * ss, src + (size_t)y2 * ss, dy, s->x1a, s->x2a,
                               s->dxa, drow, dw);
            break;
        }
        case VT_SPEED_BICUBIC: {
            float yy = (float)((y + 0.5) * ratio_y - 0.5);
            for (int x = 0; x < dw; x++) {
                float xx = (float)((x + 0.5) * ratio_x - 0.5);
                drow[x] = bicubic_at(src, sw, sh, ss, xx, yy);
            }
            break;
        }
        default: { /* VT_SPEED_LANCZOS4 */
            float yy = (float)((y + 0.5) * ratio_y - 0.5);
            for (int x = 0; x < dw; x++) {
                float xx = (float)((x + 0.5) * ratio_x - 0.5);
                drow[x] = lanczos_at(src, sw, sh, ss, xx, yy);
            }
            break;
        }
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Anti-alias + decimation by 16, local mean                                                   */

/* One input row as floats, the way libvmaf's picture_copy converts it: v + -128, with 10/12/16-bit
   samples divided by 4/16/256 first. */
static void convert_row(const vt_speed *s, const vt_plane *p, int y, float *dst)
{
    const uint8_t *row = (const uint8_t *)p->data + (ptrdiff_t)y * p->stride;
    const int offset = -128;
    if (s->bpc == 8) {
        for (int j = 0; j < s->cw; j++) dst[j] = (float)row[j] + offset;
    } else {
        const uint16_t *r16 = (const uint16_t *)row;
        const float scaler = s->bpc == 10 ? 4.0f : s->bpc == 12 ? 16.0f : 256.0f;
        for (int j = 0; j < s->cw; j++) dst[j] = (float)r16[j] / scaler + offset;
    }
}

static void load_plane(vt_speed *s, const vt_plane *p)
{
    for (int i = 0; i < s->ch; i++)
        if (s->src_used[i]) convert_row(s, p, i, s->plane + (size_t)i * s->cw);
}

static void filter_and_downscale(vt_speed *s, const vt_plane *p)
{
    const int w = s->ws, h = s->hs;
    const int fw = s->fw_aa, r = fw / 2;

    /* Anti-alias filter, evaluated at the samples decimation keeps: (16i, 16j). Without
       prescaling, the rows it reads are converted here (the windows of successive output rows
       are 16 rows apart and do not overlap). */
    for (int i = 0; i < s->ho; i++) {
        for (int k = 0; k < fw; k++) {
            const int y = reflect101(16 * i - r + k, h);
            if (s->prescaled) {
                s->rows[k] = s->scaled + (size_t)y * s->ws;
            } else {
                float *dst = s->rowbuf + (size_t)k * s->cw;
                convert_row(s, p, y, dst);
                s->rows[k] = dst;
            }
        }
        s->k->vfilter_row(s->f_aa, fw, s->rows, s->vtmp, w);
        for (int j = 0; j < s->wo; j++) {
            float acc = 0;
            for (int k = 0; k < fw; k++) acc += s->f_aa[k] * s->vtmp[reflect101(16 * j - r + k, w)];
            s->dec[(size_t)i * s->wo + j] = acc;
        }
    }

    /* Local mean over the operating size (full separable filter), then subtract it. */
    const int wo = s->wo, ho = s->ho, lw = s->fw_lm, lr = lw / 2;
    for (int i = 0; i < ho; i++) {
        for (int k = 0; k < lw; k++) s->rows[k] = s->dec + (size_t)reflect101(i - lr + k, ho) * wo;
        vfilter_row_c(s->f_lm, lw, s->rows, s->vtmp, wo);
        for (int j = 0; j < wo; j++) {
            float acc = 0;
            for (int k = 0; k < lw; k++) acc += s->f_lm[k] * s->vtmp[reflect101(j - lr + k, wo)];
            s->lm[(size_t)i * wo + j] = acc;
        }
    }
    for (size_t n = 0; n < (size_t)wo * ho; n++) s->dec[n] -= s->lm[n];
}

/* ------------------------------------------------------------------------------------------ */
/* Eigenvalues of a symmetric matrix: float port of GSL symmtd + symmetric implicit QR         */

static int sign_of(float x) { return x >= 0 ? 1 : -1; }

static float hypot_f(float x, float y) { return (float)sqrt((double)(x * x + y * y)); }

static float column_norm(const float *A, int col, int from, int n)
{
    float acc = 0;
    for (int i = from; i < n; i++) acc += A[i * n + col] * A[i * n + col];
    return (float)sqrt((double)acc);
}

/* Householder vector for A[from.., col]; the column is overwritten with v (v[0] = beta). */
static float householder(float *A, int col, int from, int n)
{
    if (n - from == 1) return 0.0f;
    float xnorm = column_norm(A, col, from + 1, n);
    if (xnorm == 0.0f) return 0.0f;
    float alpha = A[from * n + col];
    float beta = -sign_of(alpha) * hypot_f(alpha, xnorm);
    float tau = (beta - alpha) / beta;
    float scale = alpha - beta;
    if (scale != 0.0f) {
        for (int i = from; i < n; i++) A[i * n + col] /= scale;
        A[from * n + col] = beta;
    }
    return tau;
}

static void tridiagonalize(vt_speed *s, float *A, int n, float *d, float *sd)
{
    float *v = s->hv, *x = s->hx;
    for (int i = 0; i < n - 2; i++) {
        float tau = householder(A, i, i + 1, n);
        for (int j = i + 1; j < n; j++) v[j] = A[j * n + i];
        if (tau != 0.0f) {
            A[(i + 1) * n + i] = v[i + 1];
            v[i + 1] = 1.0f;
            const int lo = i + 1;
            for (int r = lo; r < n; r++) { /* x = tau A v */
                x[r] = 0.0f;
                for (int c = lo; c < n; c++) x[r] += tau * A[r * n + c] * v[c];
            }
            float xv = 0;
            for (int r = lo; r < n; r++) xv += x[r] * v[r];
            float alpha = (float)(-0.5 * tau * xv);
            for (int r = lo; r < n; r++) x[r] += alpha * v[r];
            for (int r = lo; r < n; r++) /* A -= x v' + v x' */
                for (int c = lo; c < n; c++) A[r * n + c] -= x[r] * v[c] + v[r] * x[c];
        }
    }
    for (int i = 0; i < n; i++) d[i] = A[i * n + i];
    for (int i = 0; i < n - 1; i++) sd[i] = A[(i + 1) * n + i];
}

static void chop_small(const float *d, float *sd, int n)
{
    for (int i = 0; i < n - 1; i++)
        if (fabsf(sd[i]) < SP_EIG_EPS * (fabsf(d[i]) + fabsf(d[i + 1]))) sd[i] = 0.0f;
}

static float wilkinson_shift(const float *d, const float *sd, int n)
{
    float ta = d[n - 2], tb = d[n - 1], tab = sd[n - 2];
    float dt = (float)((ta - tb) / 2.0);
    if (dt > 0) return tb - tab * (tab / (dt + hypot_f(dt, tab)));
    if (dt == 0) return tb - fabsf(tab);
    return tb + tab * (tab / (-dt + hypot_f(dt, tab)));
}

static void givens(float a, float b, float *c, float *s)
{
    if (b == 0) {
        *c = 1;
        *s = 0;
    } else if (fabsf(b) > fabsf(a)) {
        float t = -a / b;
        float s1 = (float)(1.0 / sqrt((double)(1 + t * t)));
        *s = s1;
        *c = s1 * t;
    } else {
        float t = -b / a;
        float c1 = (float)(1.0 / sqrt((double)(1 + t * t)));
        *c = c1;
        *s = c1 * t;
    }
}

static void qr_step(float *d, float *sd, int n)
{
    float mu = wilkinson_shift(d, sd, n);
    if (SP_EIG_EPS * fabsf(mu) > fabsf(d[0]) + fabsf(sd[0])) mu = 0;

    float x = d[0] - mu, z = sd[0];
    float ak = 0, bk = 0, zk = 0;
    float ap = d[0], bp = sd[0], aq = d[1];

    if (n == 2) {
        float c, s;
        givens(x, z, &c, &s);
        float ap1 = c * (c * ap - s * bp) + s * (s * aq - c * bp);
        float bp1 = c * (s * ap + c * bp) - s * (s * bp + c * aq);
        float aq1 = s * (s * ap + c * bp) + c * (s * bp + c * aq);
        d[0] = ap1;
        sd[0] = bp1;
        d[1] = aq1;
        return;
    }

    float bq = sd[1];
    for (int k = 0; k < n - 1; k++) {
        float c, s;
        givens(x, z, &c, &s);
        float bk1 = c * bk - s * zk;
        float ap1 = c * (c * ap - s * bp) + s * (s * aq - c * bp);
        float bp1 = c * (s * ap + c * bp) - s * (s * bp + c * aq);
        float zp1 = -s * bq;
        float aq1 = s * (s * ap + c * bp) + c * (s * bp + c * aq);
        float bq1 = c * bq;
        ak = ap1;
        bk = bp1;
        zk = zp1;
        ap = aq1;
        bp = bq1;
        if (k < n - 2) aq = d[k + 2];
        if (k < n - 3) bq = sd[k + 2];
        d[k] = ak;
        if (k > 0) sd[k - 1] = bk1;
        if (k < n - 2) sd[k + 1] = bp;
        x = bk;
        z = zk;
    }
    d[n - 1] = ap;
    sd[n - 2] = bk;
}

/* Eigenvalues of the symmetric n x n matrix M, unsorted (the final diagonal order). */
static void eigenvalues(vt_speed *s, const float *M, float *eig, int n)
{
    float *A = s->A, *d = s->d, *sd = s->sd;
    memcpy(A, M, sizeof(float) * n * n);
    if (n == 1) {
        eig[0] = A[0];
        return;
    }
    tridiagonalize(s, A, n, d, sd);

    chop_small(d, sd, n);
    int b = n - 1, iter = 0; /* 500 QR steps in total, not per eigenvalue */
    while (b > 0 && iter < SP_EIG_MAX_ITERS) {
        if (sd[b - 1] == 0.0f) {
            b--;
            continue;
        }
        int a = b - 1;
        while (a > 0) {
            if (sd[a - 1] == 0.0f) break;
            a--;
        }
        qr_step(d + a, sd + a, b - a + 1);
        chop_small(d + a, sd + a, b - a + 1);
        iter++;
    }
    for (int i = 0; i < n; i++) eig[i] = d[i];
}

/* ------------------------------------------------------------------------------------------ */
/* Linear solve K X = Y by Householder QR (explicit 25x25 products, as libvmaf does it)        */

/* dst = a (ra x ca) * b (ca x cb), accumulated in float in i-k-j order. */
static void mat_mul_c(float *dst, const float *a, const float *b, int ra, int ca, int cb)
{
    for (size_t i = 0; i < (size_t)ra * cb; i++) dst[i] = 0;
    for (int i = 0; i < ra; i++)
        for (int k = 0; k < ca; k++)
            for (int j = 0; j < cb; j++) dst[(size_t)i * cb + j] += a[i * ca + k] * b[(size_t)k * cb + j];
}

static float vec_norm(const float *x, int n)
{
    float acc = 0;
    for (int i = 0; i < n; i++) acc += x[i] * x[i];
    return (float)sqrt((double)acc);
}

/* Q^T ends up in s->Q (as P = H_{n-2} ... H_0) and R = P K in s->R. */
static void qr_decompose(vt_speed *s, const float *K, int n)
{
    float *Z = s->Z, *P = s->Q, *H = s->H, *T = s->T, *v = s->R; /* v: R's storage, as in libvmaf */
    memcpy(Z, K, sizeof(float) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) P[i * n + j] = (i == j ? 1 : 0);

    for (int k = 0; k < n - 1; k++) {
        for (int i = 0; i < n; i++) /* rows and columns before k become the identity */
            for (int j = 0; j < n; j++)
                if (i < k || j < k) Z[i * n + j] = (i == j ? 1 : 0);
        for (int i = 0; i < n; i++) v[i] = Z[i * n + k];
        float norm = vec_norm(v, n);
        int sign = sign_of(K[k * n + k]);
        v[k] += sign * norm;
        float vn = vec_norm(v, n);
        for (int i = 0; i < n; i++) v[i] = v[i] / vn;
        for (int i = 0; i < n; i++) /* H = I - 2 v v' */
            for (int j = 0; j < n; j++) H[i * n + j] = -2 * v[i] * v[j];
        for (int i = 0; i < n; i++) H[i * n + i] += 1;

        s->k->mat_mul(T, H, Z, n, n, n);
        memcpy(Z, T, sizeof(float) * n * n);
        s->k->mat_mul(T, H, P, n, n, n);
        memcpy(P, T, sizeof(float) * n * n);
    }
    s->k->mat_mul(s->R, P, K, n, n, n);
    /* libvmaf transposes Q here and back again before using it: P stays as it is. */
}

/* X = R^-1 B by back substitution; VT_EINVAL when a diagonal entry of R is below 1e-6. */
static int back_substitute(const float *R, int n, float *X, const float *B, int cols)
{
    for (int i = n - 1; i >= 0; i--) {
        float den = R[i * n + i];
        if (fabsf(den) < SP_EIG_EPS) return VT_EINVAL;
        for (int j = 0; j < cols; j++) {
            float t = B[(size_t)i * cols + j];
            for (int k = i + 1; k < n; k++) t -= X[(size_t)k * cols + j] * R[i * n + k];
            X[(size_t)i * cols + j] = t / den;
        }
    }
    return VT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Gaussian scale mixture parameters of one filtered plane (est_params)                        */

static int est_params(vt_speed *s, float *S, float *E)
{
    const float *data = s->dec;
    const int stride = s->wo, sw = s->subw, sh = s->subh, nb = s->nb, nbh = s->nbh;
    const size_t npos = (size_t)sw * sh;

    /* Covariance: sum in double of ((double)x - mean_x) * ((double)y - mean_y), / N, to float,
       from the centred values. */
    s->k->centred(data, stride, sw, sh, s->means, s->cent);
    s->k->cov_sums(s->cent, npos, s->cov_sum);
    for (int x = 0; x < SP_N; x++)
        for (int y = 0; y <= x; y++) {
            float cv = (float)(s->cov_sum[x * SP_N + y] / (double)npos);
            s->K[x * SP_N + y] = cv;
            s->K[y * SP_N + x] = cv;
        }

    eigenvalues(s, s->K, s->eig, SP_N);

    /* Y: the 25 samples of every 5x5 block, one block per column. */
    for (int r = 0; r < VT_SPEED_BLOCK; r++)
        for (int c = 0; c < VT_SPEED_BLOCK; c++)
            for (int bi = 0; bi < s->nbv; bi++)
                for (int bj = 0; bj < nbh; bj++)
                    s->Y[(size_t)(r * VT_SPEED_BLOCK + c) * nb + bi * nbh + bj] =
                        data[(size_t)(VT_SPEED_BLOCK * bi + r) * stride + VT_SPEED_BLOCK * bj + c];

    int regular = 1, err = VT_OK;
    for (int i = 0; i < SP_N; i++)
        if (s->eig[i] < SP_EIG_EPS) regular = 0;
    if (regular) {
        qr_decompose(s, s->K, SP_N);
        s->k->mat_mul(s->PY, s->Q, s->Y, SP_N, SP_N, nb);
        err = back_substitute(s->R, SP_N, s->X, s->PY, nb);
    }
    const int singular = !regular || err;
    if (singular) memset(s->X, 0, sizeof(float) * SP_N * nb);

    /* S_b = sum_i X[i][b] Y[i][b] / 25, rows added onto row 0 in order. */
    for (size_t n = 0; n < (size_t)SP_N * nb; n++) s->X[n] = (s->X[n] * s->Y[n]) / (float)SP_N;
    for (int i = 1; i < SP_N; i++)
        for (int b = 0; b < nb; b++) s->X[b] += s->X[(size_t)i * nb + b];

    /* E_b = sum_k log2(max(l_k, 0) S_b + sigma) + log2(2 pi e), in a float accumulator. */
    for (int b = 0; b < nb; b++) E[b] = 0;
    for (int k = 0; k < SP_N; k++) {
        float L = s->eig[k] < 0 ? 0 : s->eig[k];
        for (int b = 0; b < nb; b++) E[b] += log2(L * s->X[b] + s->sigma_nn) + SP_LOG2_2PIE;
    }
    memcpy(S, s->X, sizeof(float) * nb);
    return singular ? VT_EINVAL : VT_OK;
}

static float speed_score(const vt_speed *s)
{
    const float *Er = s->E[0], *Ed = s->E[1], *Sr = s->S[0], *Sd = s->S[1];
    const float sigma = s->sigma_nn, nnf = s->nn_floor;
    float score = 0;
    float base = (float)(SP_N * (log2((1 + nnf) * sigma) + SP_LOG2_2PIE));
    for (int b = 0; b < s->nb; b++) {
        if (Er[b] < base && Ed[b] < base) continue; /* no visible difference: adds 0 */
        float a = 0.0, d = 0.0;
        switch (s->opts.weight_var_mode) {
        case 0:
            a = (float)(Er[b] * log2(1 + Sr[b]));
            d = (float)(Ed[b] * log2(1 + Sd[b]));
            break;
        case 1:
            a = (float)(Er[b] * log2(1 + Sr[b]));
            d = (float)(Ed[b] * log2(1 + Sr[b]));
            break;
        case 2:
            a = (float)(Er[b] * log2(1 + Sd[b]));
            d = (float)(Ed[b] * log2(1 + Sd[b]));
            break;
        case 3:
            a = (float)(Er[b] * log2(1 + (Sr[b] + Sd[b]) / 2.0));
            d = (float)(Ed[b] * log2(1 + (Sr[b] + Sd[b]) / 2.0));
            break;
        case 4:
            a = (float)(Er[b] * log2(1 + Sr[b]));
            d = (float)(Ed[b] * log2(1 + (Sr[b] + Sd[b]) / 2.0));
            break;
        case 5:
            a = (float)(Er[b] * log2(1 + Sr[b]));
            d = (float)(Ed[b] * log2(1 + (0.75 * Sr[b] + 0.25 * Sd[b])));
            break;
        default: /* 6 */
            a = (float)(Er[b] * log2(1 + Sr[b]));
            d = (float)(Ed[b] * log2(1 + (0.25 * Sr[b] + 0.75 * Sd[b])));
            break;
        }
        score += fabsf(a - d);
    }
    return score / (float)s->nb;
}

/* ------------------------------------------------------------------------------------------ */
/* One plane pair                                                                              */

/* Returns 1 when est_params failed for ref or dis (libvmaf's error flag for the channel). */
static int channel_score(vt_speed *s, const vt_plane *ref, const vt_plane *dis, float *score)
{
    int err[2];
    const vt_plane *pl[2] = {ref, dis};
    for (int t = 0; t < 2; t++) {
        if (s->prescaled) {
            load_plane(s, pl[t]);
            prescale(s);
        }
        filter_and_downscale(s, pl[t]);
        err[t] = est_params(s, s->S[t], s->E[t]) != VT_OK;
    }
    if (err[0] != err[1])
        *score = 0.0f;
    else
        *score = speed_score(s);
    return err[0] || err[1];
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */

void vt_speed_default_opts(vt_speed_opts *o)
{
    if (!o) return;
    o->prescale = 1.0;
    o->prescale_method = VT_SPEED_NEAREST;
    o->kernelscale = 1.0;
    o->nn_floor = 0.0;
    o->sigma_nn = 0.29;
    o->weight_var_mode = 0;
    o->max_val = 1000.0;
}

static int opts_ok(const vt_speed_opts *o)
{
    /* libvmaf's option ranges (speed.c options_chroma); the negations also reject NaN. */
    if (!(o->kernelscale >= 0.1 && o->kernelscale <= 4.0)) return 0;
    if (!(o->prescale >= 0.1 && o->prescale <= 4.0)) return 0;
    if (!(o->sigma_nn >= 0.1 && o->sigma_nn <= 2.0)) return 0;
    if (!(o->nn_floor >= 0.0 && o->nn_floor <= 1.0)) return 0;
    if (!(o->max_val >= 0.0 && o->max_val <= 1000.0)) return 0;
    if (o->weight_var_mode < 0 || o->weight_var_mode > 6) return 0;
    if (o->prescale_method < VT_SPEED_NEAREST || o->prescale_method > VT_SPEED_LANCZOS4) return 0;
    return kernelscale_ok((float)o->kernelscale);
}

int vt_speed_geometry(int cw, int ch, double prescale, int *ws, int *hs)
{
    if (cw <= 0 || ch <= 0 || cw > (1 << 16) || ch > (1 << 16)) return VT_EINVAL;
    if (!(prescale >= 0.1 && prescale <= 4.0)) return VT_EINVAL;
    int w = (int)((size_t)cw * prescale + 0.5);
    int h = (int)((size_t)ch * prescale + 0.5);
    if (ws) *ws = w;
    if (hs) *hs = h;
    /* libvmaf's init reports (and then ignores) an operating size below one 5x5 block. */
    if ((w >> 4) / VT_SPEED_BLOCK == 0 || (h >> 4) / VT_SPEED_BLOCK == 0) return VT_ETOOSMALL;
    return VT_OK;
}

void vt_speed_free(vt_speed *s)
{
    if (!s) return;
    vt_free(s->plane);
    vt_free(s->rowbuf);
    vt_free(s->scaled);
    vt_free(s->row_used);
    vt_free(s->src_used);
    vt_free(s->x1a);
    vt_free(s->x2a);
    vt_free(s->dxa);
    vt_free(s->vtmp);
    vt_free((void *)s->rows);
    vt_free(s->dec);
    vt_free(s->lm);
    vt_free(s->cent);
    vt_free(s->Y);
    vt_free(s->PY);
    vt_free(s->X);
    for (int t = 0; t < 2; t++) {
        vt_free(s->S[t]);
        vt_free(s->E[t]);
    }
    vt_free(s);
}

int vt_speed_new(vt_speed **out, int cw, int ch, int bpc, const vt_speed_opts *opts)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    vt_speed_opts o;
    if (opts)
        o = *opts;
    else
        vt_speed_default_opts(&o);
    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16) return VT_EINVAL; /* picture_copy's depths */
    if (!opts_ok(&o)) return VT_EINVAL;
    int ws, hs;
    int err = vt_speed_geometry(cw, ch, o.prescale, &ws, &hs);
    if (err) return err;
    const int prescaled = !(fabs(o.prescale - 1.0) < 1.0e-3);
    /* libvmaf would filter a prescaled size without prescaling (reading unset samples). */
    if (!prescaled && (ws != cw || hs != ch)) return VT_EINVAL;

    vt_speed *s = vt_alloc(sizeof(*s));
    if (!s) return VT_ENOMEM;
    memset(s, 0, sizeof(*s));
    s->cw = cw;
    s->ch = ch;
    s->bpc = bpc;
    s->opts = o;
    s->sigma_nn = (float)o.sigma_nn;
    s->nn_floor = (float)o.nn_floor;
    s->prescaled = prescaled;
    s->ws = ws;
    s->hs = hs;
    s->wo = ws >> 4;
    s->ho = hs >> 4;
    s->tw = s->wo / VT_SPEED_BLOCK * VT_SPEED_BLOCK;
    s->th = s->ho / VT_SPEED_BLOCK * VT_SPEED_BLOCK;
    s->nbh = s->tw / VT_SPEED_BLOCK;
    s->nbv = s->th / VT_SPEED_BLOCK;
    s->nb = s->nbh * s->nbv;
    s->subw = s->tw - VT_SPEED_BLOCK + 1;
    s->subh = s->th - VT_SPEED_BLOCK + 1;

    const float ks = (float)o.kernelscale;
    s->fw_aa = filter_size(1, ks);
    gaussian_kernel(s->f_aa, s->fw_aa, (float)(sqrt(4) * s->fw_aa / 5.0f));
    s->fw_lm = filter_size(4, ks);
    gaussian_kernel(s->f_lm, s->fw_lm, s->fw_lm / 5.0f);

    s->k = &kernels_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) s->k = &vt_speed_kernels_avx2;
#endif

    const size_t npos = (size_t)s->subw * s->subh;
    const size_t nrows = (size_t)(s->fw_aa > s->fw_lm ? s->fw_aa : s->fw_lm);
    const size_t vtmp_n = (size_t)(ws > s->wo ? ws : s->wo) + 8;
    if (prescaled)
        s->plane = vt_alloc(sizeof(float) * cw * ch);
    else
        s->rowbuf = vt_alloc(sizeof(float) * cw * s->fw_aa);
    s->vtmp = vt_alloc(sizeof(float) * vtmp_n);
    s->rows = vt_alloc(sizeof(float *) * nrows);
    s->dec = vt_alloc(sizeof(float) * s->wo * s->ho);
    s->lm = vt_alloc(sizeof(float) * s->wo * s->ho);
    s->cent = vt_alloc(sizeof(double) * npos * VT_SPEED_CSTRIDE);
    s->Y = vt_alloc(sizeof(float) * SP_N * s->nb);
    s->PY = vt_alloc(sizeof(float) * SP_N * s->nb);
    s->X = vt_alloc(sizeof(float) * SP_N * s->nb);
    int ok = (s->plane || s->rowbuf) && s->vtmp && s->rows && s->dec && s->lm && s->cent && s->Y && s->PY && s->X;
    for (int t = 0; t < 2; t++) {
        s->S[t] = vt_alloc(sizeof(float) * s->nb);
        s->E[t] = vt_alloc(sizeof(float) * s->nb);
        ok = ok && s->S[t] && s->E[t];
    }
    if (ok && prescaled) {
        s->scaled = vt_alloc(sizeof(float) * ws * hs);
        s->row_used = vt_alloc(hs);
        ok = s->scaled && s->row_used;
        if (ok) {
            memset(s->row_used, 0, hs);
            const int r = s->fw_aa / 2;
            for (int i = 0; i < s->ho; i++)
                for (int k = 0; k < s->fw_aa; k++) s->row_used[reflect101(16 * i - r + k, hs)] = 1;
        }
        if (ok && o.prescale_method == VT_SPEED_BILINEAR) {
            s->x1a = vt_alloc(sizeof(int) * ws);
            s->x2a = vt_alloc(sizeof(int) * ws);
            s->dxa = vt_alloc(sizeof(float) * ws);
            ok = s->x1a && s->x2a && s->dxa;
            if (ok) {
                const float ratio_x = (float)cw / ws;
                for (int x = 0; x < ws; x++) {
                    float xx = (float)((x + 0.5) * ratio_x - 0.5);
                    s->x1a[x] = (int)mirror_f((float)floor((double)xx), 0, (float)(cw - 1));
                    s->x2a[x] = (int)mirror_f((float)ceil((double)xx), 0, (float)(cw - 1));
                    s->dxa[x] = xx - s->x1a[x];
                }
            }
        }
    }
    if (ok && prescaled) {
        s->src_used = vt_alloc(ch);
        ok = s->src_used != NULL;
        if (ok) {
            memset(s->src_used, 0, ch);
            if (ws == cw && hs == ch) {
                memset(s->src_used, 1, ch); /* the scaler copies the whole plane */
            } else {
                for (int y = 0; y < hs; y++)
                    if (s->row_used[y]) mark_source_rows(s, y, s->src_used);
            }
        }
    }
    if (!ok) {
        vt_speed_free(s);
        return VT_ENOMEM;
    }
    /* Zero the centred array once: the padding lanes 25..27 are read by the AVX2 kernel. */
    memset(s->cent, 0, sizeof(double) * npos * VT_SPEED_CSTRIDE);
    *out = s;
    return VT_OK;
}

int vt_speed_compute(vt_speed *s, const vt_plane *ref_u, const vt_plane *ref_v,
                     const vt_plane *dis_u, const vt_plane *dis_v, double *u, double *v,
                     double *uv)
{
    if (!s || !u || !v || !uv) return VT_EINVAL;
    const vt_plane *pl[4] = {ref_u, ref_v, dis_u, dis_v};
    for (int i = 0; i < 4; i++) {
        int err = vt_check_plane(pl[i], s->cw, s->ch, s->bpc);
        if (err) return err;
    }
    float su, sv, suv;
    int err_u = channel_score(s, ref_u, dis_u, &su);
    int err_v = channel_score(s, ref_v, dis_v, &sv);
    if (err_u && !err_v)
        suv = sv;
    else if (err_v && !err_u)
        suv = su;
    else
        suv = (float)((su + sv) / 2.0);
    const double mx = s->opts.max_val;
    *u = su < mx ? su : mx;
    *v = sv < mx ? sv : mx;
    *uv = suv < mx ? suv : mx;
    return VT_OK;
}
