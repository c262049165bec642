/*
 * Float ADM (libvmaf's float_adm, JSON adm2 and adm_scale0..3) in single precision.
 *
 * Samples become floats as v / 2^(bpc-8) - 128. Four levels of a Daubechies-2 wavelet
 * transform (each level filters the previous approximation band; output sizes round up;
 * edges mirrored: index -1 reads 1, index n reads n-1). Per level, inside a border of 10%:
 *   - decoupling: per orientation k = clamp(t / o, 0, 1) with o the reference and t the
 *     distorted coefficient, restored r = k o, additive impairment a = t - r; where the
 *     (h, v) vectors of o and t are within 1 degree, r may grow towards t by up to the
 *     enhancement gain limit;
 *   - contrast sensitivity: every band is weighted by the Watson et al. (1997) factor of its
 *     level and orientation;
 *   - masking: the threshold is a 3x3 sum over the three orientations of |csf(a)| / 30, with
 *     the centre counted as |csf(a)| / 15; the numerator pools max(|csf(r)| - thr, 0)^3,
 *     the denominator pools |csf(o)|^3, both as cube roots plus a noise floor.
 * adm_scale{s} = num_s / den_s and adm2 = sum(num) / sum(den).
 *
 * Every step rounds as libvmaf's float code does (float sums accumulated per row, division
 * through the refined SSE reciprocal where libvmaf uses it, double steps where libvmaf's
 * expressions promote). Masking only needs three rows of impairment bands at a time, so the
 * decoupled bands are produced row by row into small ring buffers, once per gain limit; the
 * wavelet transform, the denominator and the gain-independent part of the decoupling are
 * shared by all gain limits.
 */
#include <math.h>
#include <string.h>

#include "vt_internal.h"

#if defined(__SSE2__)
#include <xmmintrin.h>
/* libvmaf divides by multiplying with the SSE reciprocal estimate refined by one Newton step. */
static inline float recip(float x)
{
    const float e = _mm_cvtss_f32(_mm_rcp_ss(_mm_set_ss(x)));
    return e + e * (1.0f - x * e);
}
#define DIVIDE(n, d) ((n) * recip(d))
#else
#define DIVIDE(n, d) ((n) / (d))
#endif

#define BORDER 0.1          /* fraction of each band left out on every side */
#define NOISE_WEIGHT 0.03125
#define PI_D 3.14159265358979323846

/* Double literals stored as float, as upstream stores them. */
static const float wavelet_lo[4] = {0.482962913144690, 0.836516303737469, 0.224143868041857,
                                    -0.129409522550921};
static const float wavelet_hi[4] = {-0.129409522550921, -0.224143868041857, 0.836516303737469,
                                    -0.482962913144690};
#define ONE_BY_30 0.0333333351 /* double */
#define ONE_BY_15 0.0666666701 /* double */

/* Watson et al. 1997 luma model (a, k, f0, g[orientation]) and the 9/7 basis amplitudes
   per level and orientation. */
static const float watson_a = 0.495, watson_k = 0.466, watson_f0 = 0.401;
static const float watson_g[4] = {1.501, 1.0, 0.534, 1.0};
static const float basis_amp[4][4] = {
    {0.62171, 0.67234, 0.72709, 0.67234},
    {0.34537, 0.41317, 0.49428, 0.41317},
    {0.18004, 0.22727, 0.28688, 0.22727},
    {0.091401, 0.11792, 0.15214, 0.11792},
};

/* Quantisation step of one level/orientation at viewing distance 3 heights of 1080 lines. */
static float quant_step(int level, int orient)
{
    const float r = (float)(3.0 * 1080 * PI_D / 180.0); /* pixels per degree */
    const float t = (float)log10(pow(2.0, level + 1) * watson_f0 * watson_g[orient] / r);
    const float kt2 = watson_k * t * t;
    return (float)(2.0 * watson_a * pow(10.0, kt2) / basis_amp[level][orient]);
}

enum { B_H, B_V, B_D };
#define RING 3

struct vt_float_adm {
    int w, h, bpc;
    int bw[4], bh[4];           /* band size per level */
    ptrdiff_t bstride;          /* floats per band row */
    float rfactor[4][3];        /* CSF weight per level, for h, v, d */
    float cos1_sq;              /* cos^2 of 1 degree */
    float *approx[2][2];        /* [image][ping-pong] approximation bands */
    float *detail[2][3];        /* [image][h, v, d] detail bands of the current level */
    float *src_rows[2][4];      /* level-0 input rows converted to float */
    float *vlo[2], *vhi[2];     /* vertical pass rows */
    int *xidx;                  /* 4 source columns per output column */
    ptrdiff_t rlen;             /* floats per ring row (band width + 2 mirrored columns) */
    float *ring;                /* [egl][RING][r/csf_a/csf_f][h,v,d] rows */
    float *buf;
};

static inline float *ring_row(const vt_float_adm *s, int k, int slot, int kind, int band)
{
    return s->ring + (((size_t)k * RING + slot) * 9 + kind * 3 + band) * s->rlen + 1;
}

static inline int dwt_index(int i, int n)
{
    if (i < 0) return -i;
    if (i >= n) return 2 * n - i - 1;
    return i;
}

int vt_float_adm_new(vt_float_adm **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_FLOAT_ADM_MIN_W, VT_FLOAT_ADM_MIN_H) /* level-4 bands >= 2 samples */;
    if (err) return err;
    vt_float_adm *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    for (int l = 0; l < 4; l++) {
        s->bw[l] = ((l ? s->bw[l - 1] : w) + 1) / 2;
        s->bh[l] = ((l ? s->bh[l - 1] : h) + 1) / 2;
        const float f1 = 1.0f / quant_step(l, 1), f2 = 1.0f / quant_step(l, 2);
        s->rfactor[l][B_H] = f1;
        s->rfactor[l][B_V] = f1;
        s->rfactor[l][B_D] = f2;
    }
    const double c = cos(1.0 * PI_D / 180.0);
    s->cos1_sq = (float)(c * c);

    s->bstride = ((ptrdiff_t)s->bw[0] + 15) & ~(ptrdiff_t)15;
    const size_t band0 = (size_t)s->bstride * s->bh[0];
    const size_t band1 = (size_t)s->bstride * s->bh[1];
    const size_t wrow = ((size_t)w + 15) & ~(size_t)15;
    s->rlen = ((ptrdiff_t)s->bw[0] + 2 + 15) & ~(ptrdiff_t)15;
    const size_t ring = (size_t)VT_MAX_EGL * RING * 9 * s->rlen;
    const size_t total = 2 * (band0 + band1 + 3 * band0) + 2 * 4 * wrow + 4 * wrow + ring;
    s->buf = vt_alloc(total * sizeof(float));
    s->xidx = vt_alloc(4 * (size_t)s->bw[0] * sizeof(int));
    if (!s->buf || !s->xidx) {
        vt_float_adm_free(s);
        return VT_ENOMEM;
    }
    float *p = s->buf;
    for (int m = 0; m < 2; m++) {
        s->approx[m][0] = p, p += band0;
        s->approx[m][1] = p, p += band1;
        for (int b = 0; b < 3; b++) s->detail[m][b] = p, p += band0;
        for (int r = 0; r < 4; r++) s->src_rows[m][r] = p, p += wrow;
        s->vlo[m] = p, p += wrow;
        s->vhi[m] = p, p += wrow;
    }
    s->ring = p;
    *out = s;
    return VT_OK;
}

void vt_float_adm_free(vt_float_adm *s)
{
    if (!s) return;
    vt_free(s->buf);
    vt_free(s->xidx);
    free(s);
}

static void load_row(float *dst, const vt_plane *p, int i)
{
    const uint8_t *src = (const uint8_t *)p->data + i * p->stride;
    if (p->bpc == 8) {
        for (int j = 0; j < p->w; j++) dst[j] = (float)src[j] - 128.0f;
    } else {
        const float inv = 1.0f / (float)(1 << (p->bpc - 8));
        const uint16_t *s16 = (const uint16_t *)src;
        for (int j = 0; j < p->w; j++) dst[j] = (float)s16[j] * inv - 128.0f;
    }
}

static inline float taps4(const float *f, float s0, float s1, float s2, float s3)
{
    float acc = 0.0f;
    acc += f[0] * s0;
    acc += f[1] * s1;
    acc += f[2] * s2;
    acc += f[3] * s3;
    return acc;
}

/* One wavelet level of image m: from the level-0 plane (pic) or the previous approximation
   band, into approx[m][level & 1] and detail[m][*]. */
static void dwt_level(vt_float_adm *s, int m, int level, const vt_plane *pic)
{
    const int w = level ? s->bw[level - 1] : s->w, h = level ? s->bh[level - 1] : s->h;
    const int ow = s->bw[level], oh = s->bh[level];
    const ptrdiff_t bst = s->bstride;
    const float *prev = level ? s->approx[m][(level - 1) & 1] : NULL;
    float *a = s->approx[m][level & 1];
    float *lo = s->vlo[m], *hi = s->vhi[m];
    const int *xi = s->xidx;

    for (int i = 0; i < oh; i++) {
        const float *rows[4];
        for (int k = 0; k < 4; k++) {
            const int r = dwt_index(2 * i - 1 + k, h);
            if (level) {
                rows[k] = prev + r * bst;
            } else {
                load_row(s->src_rows[m][k], pic, r);
                rows[k] = s->src_rows[m][k];
            }
        }
        for (int j = 0; j < w; j++) {
            const float s0 = rows[0][j], s1 = rows[1][j], s2 = rows[2][j], s3 = rows[3][j];
            lo[j] = taps4(wavelet_lo, s0, s1, s2, s3);
            hi[j] = taps4(wavelet_hi, s0, s1, s2, s3);
        }
        float *ar = a + i * bst, *hr = s->detail[m][B_H] + i * bst;
        float *vr = s->detail[m][B_V] + i * bst, *dr = s->detail[m][B_D] + i * bst;
        for (int j = 0; j < ow; j++) {
            const int *c = xi + 4 * j;
            ar[j] = taps4(wavelet_lo, lo[c[0]], lo[c[1]], lo[c[2]], lo[c[3]]);
            vr[j] = taps4(wavelet_hi, lo[c[0]], lo[c[1]], lo[c[2]], lo[c[3]]);
            hr[j] = taps4(wavelet_lo, hi[c[0]], hi[c[1]], hi[c[2]], hi[c[3]]);
            dr[j] = taps4(wavelet_hi, hi[c[0]], hi[c[1]], hi[c[2]], hi[c[3]]);
        }
    }
}

/* Inset of the pooled region: int(n * 0.1 - 0.5), truncated like libvmaf. */
static inline int inset(int n) { return (int)(n * BORDER - 0.5); }

/* Denominator of one level: pooled |csf(o)|^3 of the reference detail bands. */
static float level_den(const vt_float_adm *s, int level, float noise)
{
    const int w = s->bw[level], h = s->bh[level];
    const int left = inset(w), top = inset(h), right = w - left, bottom = h - top;
    const float *rf = s->rfactor[level];
    const float third = (float)(1.0f / 3.0);
    float total = 0.0f;
    for (int b = 0; b < 3; b++) {
        float acc = 0.0f;
        for (int i = top; i < bottom; i++) {
            const float *o = s->detail[0][b] + i * s->bstride;
            float row = 0.0f;
            for (int j = left; j < right; j++) {
                const float v = fabsf(rf[b] * o[j]);
                row += v * v * v;
            }
            acc += row;
        }
        total += powf(acc, third) + noise;
    }
    return total;
}

/* Gain limit applied to a restored coefficient r (of distorted coefficient t) where the
   angle test passed: r may grow by the factor egl but not beyond t. */
static inline float limit_gain(float r, float t, double egl)
{
    if (r > 0.0f) {
        const double g = r * egl;
        r = (float)(g < t ? g : t);
    }
    if (r < 0.0f) {
        const double g = r * egl;
        r = (float)(g > t ? g : t);
    }
    return r;
}

/* Decoupling and CSF of band row i, columns [c0, c1), for every gain limit, into ring slot
   i % RING. */
static void decouple_row(vt_float_adm *s, int level, int i, int c0, int c1, const double *egl,
                         int n_egl)
{
    const int w = s->bw[level];
    const ptrdiff_t off = i * s->bstride;
    const float *o[3], *t[3];
    for (int b = 0; b < 3; b++) {
        o[b] = s->detail[0][b] + off;
        t[b] = s->detail[1][b] + off;
    }
    const float *rf = s->rfactor[level];
    const float eps = (float)1e-30; /* double literal, as upstream */
    const int slot = i % RING;

    for (int j = c0; j < c1; j++) {
        float ov[3], tv[3], rst[3];
        for (int b = 0; b < 3; b++) {
            ov[b] = o[b][j];
            tv[b] = t[b][j];
            float k = DIVIDE(tv[b], ov[b] + eps);
            k = k < 0.0f ? 0.0f : (k > 1.0f ? 1.0f : k);
            rst[b] = k * ov[b];
        }
        const float dot = ov[B_H] * tv[B_H] + ov[B_V] * tv[B_V];
        const float o_sq = ov[B_H] * ov[B_H] + ov[B_V] * ov[B_V];
        const float t_sq = tv[B_H] * tv[B_H] + tv[B_V] * tv[B_V];
        const int aligned = dot >= 0.0f && dot * dot >= s->cos1_sq * o_sq * t_sq;

        for (int k = 0; k < n_egl; k++) {
            for (int b = 0; b < 3; b++) {
                const float r = aligned ? limit_gain(rst[b], tv[b], egl[k]) : rst[b];
                const float csf_a = rf[b] * (tv[b] - r);
                ring_row(s, k, slot, 0, b)[j] = r;
                ring_row(s, k, slot, 1, b)[j] = csf_a;
                ring_row(s, k, slot, 2, b)[j] = (float)(ONE_BY_30 * fabsf(csf_a));
            }
        }
    }
    if (c0 == 0 || c1 == w) {
        for (int k = 0; k < n_egl; k++)
            for (int q = 0; q < 9; q++) {
                float *row = ring_row(s, k, slot, q / 3, q % 3);
                if (c0 == 0) row[-1] = row[1];
                if (c1 == w) row[w] = row[w - 1];
            }
    }
}

/* Numerators of one level, one per gain limit. */
static void level_num(vt_float_adm *s, int level, const double *egl, int n_egl, float noise,
                      float *num)
{
    const int w = s->bw[level], h = s->bh[level];
    const int left = inset(w), top = inset(h), right = w - left, bottom = h - top;
    const int c0 = left > 0 ? left - 1 : 0, c1 = right < w ? right + 1 : w;
    const float *rf = s->rfactor[level];
    const float third = (float)(1.0f / 3.0);
    float acc[VT_MAX_EGL][3] = {{0}};

    int next = top > 0 ? top - 1 : 0; /* next band row to decouple */
    for (int i = top; i < bottom; i++) {
        const int last = i + 1 < h ? i + 1 : h - 1;
        for (; next <= last; next++) decouple_row(s, level, next, c0, c1, egl, n_egl);
        const int up = (i > 0 ? i - 1 : 1) % RING, mid = i % RING;
        const int down = (i + 1 < h ? i + 1 : h - 1) % RING;

        for (int k = 0; k < n_egl; k++) {
            const float *r[3], *ca[3], *fu[3], *fm[3], *fd[3];
            for (int b = 0; b < 3; b++) {
                r[b] = ring_row(s, k, mid, 0, b);
                ca[b] = ring_row(s, k, mid, 1, b);
                fu[b] = ring_row(s, k, up, 2, b);
                fm[b] = ring_row(s, k, mid, 2, b);
                fd[b] = ring_row(s, k, down, 2, b);
            }
            float row[3] = {0.0f, 0.0f, 0.0f};
            for (int j = left; j < right; j++) {
                float thr = 0.0f;
                for (int b = 0; b < 3; b++) {
                    float sum = 0.0f;
                    sum += fu[b][j - 1];
                    sum += fu[b][j];
                    sum += fu[b][j + 1];
                    sum += fm[b][j - 1];
                    sum = (float)(sum + ONE_BY_15 * fabsf(ca[b][j]));
                    sum += fm[b][j + 1];
                    sum += fd[b][j - 1];
                    sum += fd[b][j];
                    sum += fd[b][j + 1];
                    thr += sum;
                }
                for (int b = 0; b < 3; b++) {
                    float x = fabsf(r[b][j] * rf[b]) - thr;
                    x = x < 0.0f ? 0.0f : x;
                    row[b] += x * x * x;
                }
            }
            for (int b = 0; b < 3; b++) acc[k][b] += row[b];
        }
    }
    for (int k = 0; k < n_egl; k++) {
        float total = 0.0f;
        for (int b = 0; b < 3; b++) total += powf(acc[k][b], third) + noise;
        num[k] = total;
    }
}

int vt_float_adm_compute(vt_float_adm *s, const vt_plane *ref, const vt_plane *dis,
                         const double *egl, int n_egl, double *adm2, double *scales)
{
    if (!s || !adm2) return VT_EINVAL;
    int err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;

    const float third = (float)(1.0f / 3.0);
    double num_sum[VT_MAX_EGL] = {0}, den_sum = 0.0;
    for (int level = 0; level < 4; level++) {
        const int in_w = level ? s->bw[level - 1] : s->w;
        for (int j = 0; j < s->bw[level]; j++)
            for (int k = 0; k < 4; k++) s->xidx[4 * j + k] = dwt_index(2 * j - 1 + k, in_w);
        dwt_level(s, 0, level, ref);
        dwt_level(s, 1, level, dis);

        const int w = s->bw[level], h = s->bh[level];
        const int rw = w - 2 * inset(w), rh = h - 2 * inset(h);
        const float noise = powf((float)(rw * rh * NOISE_WEIGHT), third);
        const float den = level_den(s, level, noise);
        float num[VT_MAX_EGL];
        level_num(s, level, egl, n_egl, noise, num);

        den_sum += den;
        for (int k = 0; k < n_egl; k++) {
            num_sum[k] += num[k];
            if (scales) scales[k * 4 + level] = (double)num[k] / (double)den;
        }
    }
    const double limit = 1e-10 * ((double)s->w * s->h) / (1920.0 * 1080.0);
    const double den = den_sum < limit ? 0.0 : den_sum;
    for (int k = 0; k < n_egl; k++) {
        const double num = num_sum[k] < limit ? 0.0 : num_sum[k];
        adm2[k] = den == 0.0 ? 1.0 : num / den;
    }
    return VT_OK;
}
