/*
 * Integer VIF (visual information fidelity) over 4 scales, in libvmaf 3.x's fixed point.
 *
 * Per scale: Gaussian local statistics of reference (x) and distorted (y) samples,
 *   mu = F*x, sigma_x^2 = F*x^2 - mu_x^2, sigma_xy = F*xy - mu_x mu_y,
 * then per pixel either the log terms (textured pixels, sigma_x^2 >= noise) or a flat-pixel
 * term. Scales 1-3 work on the previous scale low-passed with the next filter and decimated by 2.
 * The enhancement gain limit clamps the gain g = sigma_xy / sigma_x^2 in the numerator only;
 * several limits are evaluated from one set of statistics.
 */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "vif.h"
#include "x86/vif_avx2.h"

/* The table vif.h describes, filled once (log2_once) before the first context. */
uint16_t vt_vif_log2_lut[65536 + 16];
static pthread_once_t log2_once = PTHREAD_ONCE_INIT;

static void log2_lut_init(void)
{
    for (unsigned i = 32767; i < 65536; i++)
        vt_vif_log2_lut[i] = (uint16_t)round(log2f((float)i) * 2048);
}

/* log2(v) * 2048 from the 16 most significant bits of v (v >= 2^16). */
static inline int32_t log2_q11(uint64_t v)
{
    const int shift = 48 - __builtin_clzll(v);
    return vt_vif_log2_lut[v >> shift] + 2048 * shift;
}

static void downscale_c(vt_vif *s, int w, int h, int scale);
static void scale_sums_c(vt_vif *s, int w, int h, int scale, const double *egl, int n_egl,
                         struct vif_sums *out);

int vt_vif_new(vt_vif **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_VIF_MIN_W, VT_VIF_MIN_H);
    if (err) return err;
    pthread_once(&log2_once, log2_lut_init);

    vt_vif *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->stride = w;
    const size_t plane = (size_t)w * (h + 2 * VIF_ROW_PAD);
    const size_t row_len = (size_t)w + 2 * VIF_COL_PAD;
    s->ref_buf = vt_alloc((plane + PLANE_SLACK) * sizeof(uint16_t));
    s->dis_buf = vt_alloc((plane + PLANE_SLACK) * sizeof(uint16_t));
    s->mu_ref = vt_alloc((size_t)w * h * sizeof(uint16_t));
    s->mu_dis = vt_alloc((size_t)w * h * sizeof(uint16_t));
    s->row_buf = vt_alloc(5 * row_len * sizeof(uint32_t));
    s->acc32 = vt_alloc(2 * (size_t)w * sizeof(uint32_t));
    s->acc64 = vt_alloc(3 * (size_t)w * sizeof(uint64_t));
    if (!s->ref_buf || !s->dis_buf || !s->mu_ref || !s->mu_dis || !s->row_buf || !s->acc32 || !s->acc64) {
        vt_vif_free(s);
        return VT_ENOMEM;
    }
    memset(s->ref_buf, 0, (plane + PLANE_SLACK) * sizeof(uint16_t));
    memset(s->dis_buf, 0, (plane + PLANE_SLACK) * sizeof(uint16_t));
    s->downscale = downscale_c;
    s->scale_sums = scale_sums_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) {
        err = vt_vif_avx2_setup(s);
        if (err) {
            vt_vif_free(s);
            return err;
        }
    }
#endif
    s->ref = s->ref_buf + VIF_ROW_PAD * s->stride;
    s->dis = s->dis_buf + VIF_ROW_PAD * s->stride;
    for (int k = 0; k < 5; k++) s->row[k] = s->row_buf + k * row_len + VIF_COL_PAD;
    *out = s;
    return VT_OK;
}

void vt_vif_free(vt_vif *s)
{
    if (!s) return;
    vt_free(s->ref_buf);
    vt_free(s->dis_buf);
    vt_free(s->mu_ref);
    vt_free(s->mu_dis);
    vt_free(s->row_buf);
    vt_free(s->acc32);
    vt_free(s->acc64);
    vt_free(s->v16);
    vt_free(s->queue);
    free(s);
}

static void mirror_cols(uint32_t *r, int w, int pad)
{
    for (int f = 1; f <= pad; f++) {
        r[-f] = r[f];
        r[w - 1 + f] = r[w - 1 - f];
    }
}

static void load_plane(uint16_t *dst, ptrdiff_t dst_stride, const vt_plane *p)
{
    const uint8_t *src = p->data;
    for (int i = 0; i < p->h; i++, src += p->stride) {
        uint16_t *d = dst + i * dst_stride;
        if (p->bpc == 8)
            for (int j = 0; j < p->w; j++) d[j] = src[j];
        else
            memcpy(d, src, (size_t)p->w * sizeof(uint16_t));
    }
}

/* Low-pass both planes with `taps` and keep every other row and column (next scale). */
static void downscale_c(vt_vif *s, int w, int h, int scale)
{
    const uint16_t *f = vif_taps[scale + 1];
    const int n = vif_ntaps[scale + 1], half = n / 2;
    const int vshift = scale == 0 ? s->bpc : 16;
    const uint32_t vround = 1u << (vshift - 1);
    const ptrdiff_t st = s->stride;
    uint32_t *rr = s->row[0], *rd = s->row[1];

    for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
            uint32_t ar = 0, ad = 0;
            for (int k = 0; k < n; k++) {
                ar += f[k] * (uint32_t)s->ref[(i - half + k) * st + j];
                ad += f[k] * (uint32_t)s->dis[(i - half + k) * st + j];
            }
            rr[j] = (uint16_t)((ar + vround) >> vshift);
            rd[j] = (uint16_t)((ad + vround) >> vshift);
        }
        mirror_cols(rr, w, half);
        mirror_cols(rd, w, half);
        for (int j = 0; j < w; j++) {
            uint32_t ar = 0, ad = 0;
            for (int k = 0; k < n; k++) {
                ar += f[k] * rr[j - half + k];
                ad += f[k] * rd[j - half + k];
            }
            s->mu_ref[i * st + j] = (uint16_t)((ar + 32768) >> 16);
            s->mu_dis[i * st + j] = (uint16_t)((ad + 32768) >> 16);
        }
    }
    for (int i = 0; i < h / 2; i++)
        for (int j = 0; j < w / 2; j++) {
            s->ref[i * st + j] = s->mu_ref[2 * i * st + 2 * j];
            s->dis[i * st + j] = s->mu_dis[2 * i * st + 2 * j];
        }
    vif_mirror_rows(s->ref, st, w / 2, h / 2, vif_ntaps[scale] / 2);
    vif_mirror_rows(s->dis, st, w / 2, h / 2, vif_ntaps[scale] / 2);
}

/* Vertical pass of one output row: filtered samples, squares and products per column.
   Loops run over columns innermost so that compilers vectorise them. */
VT_INLINE void vertical_stats(const vt_vif *s, int w, int i, int scale, uint32_t *t_mu1,
                              uint32_t *t_mu2, uint32_t *t_xx, uint32_t *t_yy, uint32_t *t_xy,
                              uint64_t *xx, uint64_t *yy, uint64_t *xy)
{
    const uint16_t *f = vif_taps[scale];
    const int n = vif_ntaps[scale], half = n / 2;
    const int vshift = scale == 0 ? s->bpc : 16;
    const uint32_t vround = 1u << (vshift - 1);
    const int sqshift = scale == 0 ? 2 * (s->bpc - 8) : 16;
    const uint64_t sqround = sqshift ? (uint64_t)1 << (sqshift - 1) : 0;
    const ptrdiff_t st = s->stride;

    for (int j = 0; j < w; j++) {
        t_mu1[j] = t_mu2[j] = 0;
        xx[j] = yy[j] = xy[j] = 0;
    }
    for (int k = 0; k < n; k++) {
        const uint16_t *rr = s->ref + (i - half + k) * st;
        const uint16_t *dr = s->dis + (i - half + k) * st;
        const uint32_t fk = f[k];
        for (int j = 0; j < w; j++) {
            const uint32_t x = rr[j], y = dr[j];
            const uint32_t fx = fk * x, fy = fk * y;
            t_mu1[j] += fx;
            t_mu2[j] += fy;
            xx[j] += (uint64_t)fx * x;
            yy[j] += (uint64_t)fy * y;
            xy[j] += (uint64_t)fx * y;
        }
    }
    for (int j = 0; j < w; j++) {
        t_mu1[j] = (uint16_t)((t_mu1[j] + vround) >> vshift);
        t_mu2[j] = (uint16_t)((t_mu2[j] + vround) >> vshift);
        t_xx[j] = (uint32_t)((xx[j] + sqround) >> sqshift);
        t_yy[j] = (uint32_t)((yy[j] + sqround) >> sqshift);
        t_xy[j] = (uint32_t)((xy[j] + sqround) >> sqshift);
    }
}

/* Horizontal pass of one row into the filtered means and second moments. */
VT_INLINE void horizontal_stats(int w, int scale, const uint32_t *t_mu1, const uint32_t *t_mu2,
                                const uint32_t *t_xx, const uint32_t *t_yy, const uint32_t *t_xy,
                                uint32_t *m1, uint32_t *m2, uint64_t *xx, uint64_t *yy, uint64_t *xy)
{
    const uint16_t *f = vif_taps[scale];
    const int n = vif_ntaps[scale], half = n / 2;
    for (int j = 0; j < w; j++) {
        m1[j] = m2[j] = 0;
        xx[j] = yy[j] = xy[j] = 0;
    }
    for (int k = 0; k < n; k++) {
        const uint32_t fk = f[k];
        const int off = k - half;
        for (int j = 0; j < w; j++) {
            m1[j] += fk * t_mu1[j + off];
            m2[j] += fk * t_mu2[j + off];
            xx[j] += (uint64_t)fk * t_xx[j + off];
            yy[j] += (uint64_t)fk * t_yy[j + off];
            xy[j] += (uint64_t)fk * t_xy[j + off];
        }
    }
}

/* Both filter passes of one row. */
static void row_passes_c(const vt_vif *s, int w, int i, int scale)
{
    uint32_t *const *r = s->row;
    uint64_t *a64 = s->acc64;
    vertical_stats(s, w, i, scale, r[0], r[1], r[2], r[3], r[4], a64, a64 + s->w, a64 + 2 * s->w);
    for (int k = 0; k < 5; k++) mirror_cols(r[k], w, vif_ntaps[scale] / 2);
    horizontal_stats(w, scale, r[0], r[1], r[2], r[3], r[4], s->acc32, s->acc32 + s->w, a64,
                     a64 + s->w, a64 + 2 * s->w);
}

/* The VIF sums of one scale (scalar reference): log terms per gain limit, flat-pixel terms. */
static void scale_sums_c(vt_vif *s, int w, int h, int scale, const double *egl, int n_egl,
                         struct vif_sums *out)
{
    const uint32_t *m1 = s->acc32, *m2 = s->acc32 + s->w;
    uint64_t *xx = s->acc64, *yy = s->acc64 + s->w, *xy = s->acc64 + 2 * s->w;
    int64_t num_log[VT_MAX_EGL] = {0};
    int64_t den_log = 0, num_flat = 0, den_flat = 0;

    for (int i = 0; i < h; i++) {
        row_passes_c(s, w, i, scale);

        for (int j = 0; j < w; j++) {
            const uint32_t mu1_sq = (uint32_t)(((uint64_t)m1[j] * m1[j] + 2147483648u) >> 32);
            const uint32_t mu2_sq = (uint32_t)(((uint64_t)m2[j] * m2[j] + 2147483648u) >> 32);
            const uint32_t mu12 = (uint32_t)(((uint64_t)m1[j] * m2[j] + 2147483648u) >> 32);
            const int32_t sigma1_sq = (int32_t)((uint32_t)((xx[j] + 32768) >> 16) - mu1_sq);
            int32_t sigma2_sq = (int32_t)((uint32_t)((yy[j] + 32768) >> 16) - mu2_sq);
            const int32_t sigma12 = (int32_t)((uint32_t)((xy[j] + 32768) >> 16) - mu12);
            if (sigma2_sq < 0) sigma2_sq = 0;

            if (sigma1_sq >= NOISE_VAR) {
                den_log += log2_q11((uint64_t)(NOISE_VAR + sigma1_sq)) - 2048 * 17;
                if (sigma12 > 0 && sigma2_sq > 0) {
                    const double g = sigma12 / (sigma1_sq + 65536 * 1.0e-10);
                    int32_t sv_sq = (int32_t)(sigma2_sq - g * sigma12);
                    if (sv_sq < 0) sv_sq = 0;
                    const uint32_t base = (uint32_t)sv_sq + NOISE_VAR;
                    const int32_t log_base = log2_q11(base);
                    for (int k = 0; k < n_egl; k++) {
                        const double gk = g < egl[k] ? g : egl[k];
                        const int64_t total = (int64_t)(gk * gk * sigma1_sq) + base;
                        num_log[k] += log2_q11((uint64_t)total) - log_base;
                    }
                }
            } else {
                num_flat += sigma2_sq;
                den_flat++;
            }
        }
    }
    for (int k = 0; k < n_egl; k++) out->num_log[k] = num_log[k];
    out->den_log = den_log;
    out->num_flat = num_flat;
    out->den_flat = den_flat;
}

/* num[k] for each gain limit and the shared den of one scale, from its integer sums. */
static void finish_scale(const struct vif_sums *t, int n_egl, float *num, float *den)
{
    const double flat = t->den_flat - (t->num_flat / 16384.0) / 65025.0;
    for (int k = 0; k < n_egl; k++) num[k] = (float)(t->num_log[k] / 2048.0 + flat);
    *den = (float)(t->den_log / 2048.0 + t->den_flat);
}

int vt_vif_compute(vt_vif *s, const vt_plane *ref, const vt_plane *dis, const double *egl,
                   int n_egl, double *scores)
{
    if (!s || !scores) return VT_EINVAL;
    int err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;

    load_plane(s->ref, s->stride, ref);
    load_plane(s->dis, s->stride, dis);
    vif_mirror_rows(s->ref, s->stride, s->w, s->h, vif_ntaps[0] / 2);
    vif_mirror_rows(s->dis, s->stride, s->w, s->h, vif_ntaps[0] / 2);

    int w = s->w, h = s->h;
    for (int scale = 0; scale < 4; scale++) {
        if (scale > 0) {
            s->downscale(s, w, h, scale - 1);
            w /= 2;
            h /= 2;
        }
        struct vif_sums sums;
        float num[VT_MAX_EGL], den;
        s->scale_sums(s, w, h, scale, egl, n_egl, &sums);
        finish_scale(&sums, n_egl, num, &den);
        for (int k = 0; k < n_egl; k++) {
            const float r = num[k] / den;
            scores[k * 4 + scale] = r;
        }
    }
    return VT_OK;
}
