/*
 * Float VIF (libvmaf's float_vif, JSON vif_scale0..3) in single precision.
 *
 * Samples become floats as v / 2^(bpc-8) - 128. Scale s uses a normalised Gaussian of
 * 2^(4-s)+1 taps (sigma = taps / 5) both as the anti-alias filter that produces scale s from
 * scale s-1 (filter, then keep even rows and columns; sizes halve rounding down) and as the
 * window of the local statistics at scale s:
 *   mu_x = F*x, mu_y = F*y, sigma_x^2 = F*x^2 - mu_x^2, sigma_y^2 = F*y^2 - mu_y^2,
 *   sigma_xy = F*xy - mu_x mu_y, gain g = sigma_xy / sigma_x^2, sv^2 = sigma_y^2 - g sigma_xy,
 *   num += log2(1 + g^2 sigma_x^2 / (sv^2 + 2)), den += log2(1 + sigma_x^2 / 2)
 * with a flat-pixel rule (sigma_x^2 < 2: num += 1 - sigma_y^2 * 4/255^2, den += 1).
 * Filters are separable with edges mirrored without repeating the border sample; every filter
 * output is a float sum accumulated from zero in tap order, and log2 is libvmaf's polynomial
 * approximation, so that each step rounds as libvmaf's float code does. The enhancement gain
 * limit clamps g in the numerator only; all limits share the filtering.
 */
#include <math.h>
#include <string.h>

#include "vt_internal.h"

#define MAX_TAPS 17
#define MAX_RADIUS (MAX_TAPS / 2)
#define NOISE_VAR 2.0 /* sigma_nsq */
#define GAIN_EPS 1.0e-10f

struct vt_float_vif {
    int w, h, bpc;
    int sw[4], sh[4];            /* plane size per scale */
    ptrdiff_t fstride[4];        /* floats per row per scale */
    float taps[4][MAX_TAPS];
    int ntaps[4];
    float *ref[4], *dis[4];      /* scale planes */
    float *vrow[5];              /* vertical pass rows, MAX_RADIUS mirrored columns each side */
    float *buf;
};

/* libvmaf's log2 approximation: exponent plus a degree-8 polynomial in the mantissa. */
/* (Constants are written as double literals converted to float, as upstream stores them.) */
static const float log2_poly[9] = {
    -0.012671635276421, 0.064841182402670, -0.157048836463065,
    0.257167726303123,  -0.353800560300520, 0.480131410397451,
    -0.721314327952201, 1.442694803896991,  0.0,
};

static float log2_approx(float x)
{
    if (x == 0.0f) return -INFINITY;
    if (x < 0.0f) return NAN;
    uint32_t bits;
    memcpy(&bits, &x, sizeof(bits));
    const int32_t exponent = (int32_t)((bits >> 23) & 0xFF) - 127;
    const uint32_t mant_bits = (bits & 0x007FFFFFu) | 0x3F800000u; /* mantissa as 1.m */
    float mant;
    memcpy(&mant, &mant_bits, sizeof(mant));
    const float t = mant - 1.0f;
    float p = 0.0f;
    for (int i = 0; i < 9; i++) p = p * t + log2_poly[i];
    return (float)exponent + p;
}

/* Normalised Gaussian with n taps and sigma n / 5, rounded step by step as libvmaf does. */
static void gaussian_taps(float *out, int n)
{
    const float sigma = (float)n / 5.0f;
    /* libvmaf divides by the Gaussian's normalising factor (harmless: the taps are rescaled
       to sum to one below), and the float rounding of that step is kept here. */
    const float gauss_norm = (float)(1.0 / ((double)sigma * sqrt(2.0 * 3.14159265358979323846)));
    float sum = 0.0f;
    for (int i = 0; i < n; i++) {
        const float x = (float)(i - n / 2);
        const float e = (float)exp(-0.5 * x / sigma * x / sigma);
        out[i] = e / gauss_norm;
        sum += out[i];
    }
    for (int i = 0; i < n; i++) out[i] /= sum;
}

static inline int reflect(int i, int n)
{
    if (i < 0) return -i;
    if (i >= n) return 2 * n - i - 2;
    return i;
}

static void mirror_cols(float *r, int w, int radius)
{
    for (int m = 1; m <= radius; m++) {
        r[-m] = r[m];
        r[w - 1 + m] = r[w - 1 - m];
    }
}


/* Scale 0 needs w, h >= 9 (17 taps), and the halved planes need 5, 3 and 2 samples for the
   9-, 5- and 3-tap windows: h / 8 >= 2. */

int vt_float_vif_new(vt_float_vif **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_FLOAT_VIF_MIN_W, VT_FLOAT_VIF_MIN_H);
    if (err) return err;
    vt_float_vif *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    int ok = 1;
    for (int k = 0; k < 4; k++) {
        s->sw[k] = k ? s->sw[k - 1] / 2 : w;
        s->sh[k] = k ? s->sh[k - 1] / 2 : h;
        s->fstride[k] = ((ptrdiff_t)s->sw[k] + 15) & ~(ptrdiff_t)15;
        const size_t plane = (size_t)s->fstride[k] * s->sh[k] * sizeof(float);
        s->ref[k] = vt_alloc(plane);
        s->dis[k] = vt_alloc(plane);
        ok = ok && s->ref[k] && s->dis[k];
        s->ntaps[k] = (1 << (4 - k)) + 1;
        gaussian_taps(s->taps[k], s->ntaps[k]);
    }
    const size_t vlen = ((size_t)w + 2 * MAX_RADIUS + 15) & ~(size_t)15;
    s->buf = vt_alloc(5 * vlen * sizeof(float));
    if (!ok || !s->buf) {
        vt_float_vif_free(s);
        return VT_ENOMEM;
    }
    for (int k = 0; k < 5; k++) s->vrow[k] = s->buf + k * vlen + MAX_RADIUS;
    *out = s;
    return VT_OK;
}

void vt_float_vif_free(vt_float_vif *s)
{
    if (!s) return;
    for (int k = 0; k < 4; k++) {
        vt_free(s->ref[k]);
        vt_free(s->dis[k]);
    }
    vt_free(s->buf);
    free(s);
}

/* Horizontal pass at column j over a row with mirrored columns. */
static inline float hfilter(const float *f, int n, const float *v, int j)
{
    const float *p = v + j - n / 2;
    float acc = 0.0f;
    for (int k = 0; k < n; k++) acc += f[k] * p[k];
    return acc;
}

/* Scale `scale` planes from scale - 1: low-pass with this scale's filter and keep the even
   rows and columns. Only the kept samples are filtered. */
static void downscale(vt_float_vif *s, int scale)
{
    const int w = s->sw[scale - 1], h = s->sh[scale - 1];
    const ptrdiff_t st = s->fstride[scale - 1], dst_st = s->fstride[scale];
    const float *f = s->taps[scale];
    const int n = s->ntaps[scale], r = n / 2;
    const float *planes[2] = {s->ref[scale - 1], s->dis[scale - 1]};
    float *outs[2] = {s->ref[scale], s->dis[scale]};
    float *v = s->vrow[0];

    for (int p = 0; p < 2; p++) {
        for (int i = 0; i < s->sh[scale]; i++) {
            const float *rows[MAX_TAPS];
            for (int k = 0; k < n; k++) rows[k] = planes[p] + reflect(2 * i - r + k, h) * st;
            for (int j = 0; j < w; j++) {
                float acc = 0.0f;
                for (int k = 0; k < n; k++) acc += f[k] * rows[k][j];
                v[j] = acc;
            }
            mirror_cols(v, w, r);
            float *o = outs[p] + i * dst_st;
            for (int j = 0; j < s->sw[scale]; j++) o[j] = hfilter(f, n, v, 2 * j);
        }
    }
}

/* VIF sums of one scale: num[k] per gain limit, den shared. */
static void scale_sums(vt_float_vif *s, int scale, const float *egl, int n_egl, float *num,
                       float *den)
{
    const int w = s->sw[scale], h = s->sh[scale];
    const ptrdiff_t st = s->fstride[scale];
    const float *f = s->taps[scale];
    const int n = s->ntaps[scale], r = n / 2;
    const float flat_scale = (float)(4.0 / (255.0 * 255.0));
    float *const *v = s->vrow;
    float num_total[VT_MAX_EGL] = {0}, den_total = 0.0f;

    for (int i = 0; i < h; i++) {
        const float *rr[MAX_TAPS], *dr[MAX_TAPS];
        for (int k = 0; k < n; k++) {
            const ptrdiff_t off = reflect(i - r + k, h) * st;
            rr[k] = s->ref[scale] + off;
            dr[k] = s->dis[scale] + off;
        }
        /* Vertical pass: means, squares and products. */
        for (int j = 0; j < w; j++) {
            float m1 = 0.0f, m2 = 0.0f, xx = 0.0f, yy = 0.0f, xy = 0.0f;
            for (int k = 0; k < n; k++) {
                const float x = rr[k][j], y = dr[k][j];
                m1 += f[k] * x;
                m2 += f[k] * y;
                xx += f[k] * (x * x);
                yy += f[k] * (y * y);
                xy += f[k] * (x * y);
            }
            v[0][j] = m1;
            v[1][j] = m2;
            v[2][j] = xx;
            v[3][j] = yy;
            v[4][j] = xy;
        }
        for (int q = 0; q < 5; q++) mirror_cols(v[q], w, r);

        float num_row[VT_MAX_EGL] = {0}, den_row = 0.0f;
        for (int j = 0; j < w; j++) {
            const float mu1 = hfilter(f, n, v[0], j), mu2 = hfilter(f, n, v[1], j);
            float sigma1_sq = hfilter(f, n, v[2], j) - mu1 * mu1;
            float sigma2_sq = hfilter(f, n, v[3], j) - mu2 * mu2;
            const float sigma12 = hfilter(f, n, v[4], j) - mu1 * mu2;
            if (!(sigma1_sq > 0.0f)) sigma1_sq = 0.0f;
            if (!(sigma2_sq > 0.0f)) sigma2_sq = 0.0f;

            if (sigma1_sq < NOISE_VAR) {
                /* Flat pixel: independent of the gain (and of the log terms). */
                const float flat = 1.0f - sigma2_sq * flat_scale;
                for (int k = 0; k < n_egl; k++) num_row[k] += flat;
                den_row += 1.0f;
                continue;
            }
            /* Textured pixel (sigma1_sq >= 2, so libvmaf's sigma1_sq < eps case cannot occur). */
            float g = sigma12 / (sigma1_sq + GAIN_EPS);
            float sv_sq = sigma2_sq - g * sigma12;
            if (sigma2_sq < GAIN_EPS) {
                g = 0.0f;
                sv_sq = 0.0f;
            }
            if (g < 0.0f) {
                g = 0.0f;
                sv_sq = sigma2_sq;
            }
            if (!(sv_sq > GAIN_EPS)) sv_sq = GAIN_EPS;
            const double noise = (double)sv_sq + NOISE_VAR;
            float prev_g = -1.0f, prev_num = 0.0f;
            for (int k = 0; k < n_egl; k++) {
                float num_val = 0.0f;
                if (!(sigma12 < 0.0f)) {
                    const float gk = g < egl[k] ? g : egl[k];
                    if (gk != prev_g) {
                        prev_num = log2_approx((float)(1.0f + gk * gk * sigma1_sq / noise));
                        prev_g = gk;
                    }
                    num_val = prev_num;
                }
                num_row[k] += num_val;
            }
            den_row += log2_approx((float)(1.0f + sigma1_sq / NOISE_VAR));
        }
        for (int k = 0; k < n_egl; k++) num_total[k] += num_row[k];
        den_total += den_row;
    }
    for (int k = 0; k < n_egl; k++) num[k] = num_total[k];
    *den = den_total;
}

int vt_float_vif_compute(vt_float_vif *s, const vt_plane *ref, const vt_plane *dis,
                         const double *egl, int n_egl, double *scores)
{
    if (!s || !scores) return VT_EINVAL;
    int err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;

    float egl_f[VT_MAX_EGL];
    for (int k = 0; k < n_egl; k++) egl_f[k] = (float)egl[k];

    vt_load_float(s->ref[0], s->fstride[0], ref);
    vt_load_float(s->dis[0], s->fstride[0], dis);
    for (int scale = 0; scale < 4; scale++) {
        if (scale > 0) downscale(s, scale);
        float num[VT_MAX_EGL], den;
        scale_sums(s, scale, egl_f, n_egl, num, &den);
        for (int k = 0; k < n_egl; k++) scores[k * 4 + scale] = (double)num[k] / (double)den;
    }
    return VT_OK;
}
