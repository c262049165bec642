/*
 * Integer ADM (adm2, "detail loss measure") over 4 scales, in libvmaf 3.x's fixed point.
 *
 * Per scale: a db2 wavelet level splits reference (o) and distorted (t) into an approximation
 * band and horizontal/vertical/diagonal detail bands. Each detail coefficient of t is split into
 * a part restored from o (r = clamp(t/o, 0, 1) * o) and an additive impairment a = t - r.
 * When t is an enhanced version of o (same direction within 1 degree), r may grow up to t by the
 * enhancement gain limit (100 by default; 1.0 for NEG, which moves enhancement into a).
 * Both parts are weighted by a contrast sensitivity function; the restored detail is masked by
 * the impairment's local energy and pooled with a cube norm; the reference's own detail energy
 * is the denominator.
 *
 * Scale 0 works on 16-bit bands (values are narrowed exactly where libvmaf stores int16),
 * scales 1-3 on 32-bit bands; all bands are held as int32 here. Several gain limits share the
 * wavelet transform and the denominator.
 */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "adm.h"
#include "x86/adm_avx2.h"

#define ADM_MIN_DIM 33 /* four wavelet levels need >= 5 rows/columns at the coarsest input */

int32_t vt_adm_div_lut[32769];
static pthread_once_t div_once = PTHREAD_ONCE_INIT;

static void div_lut_init(void)
{
    for (int i = 1; i <= 32768; i++) vt_adm_div_lut[i] = (int32_t)(1073741824 / i);
}

static void dwt_plane_c(vt_adm *s, const vt_plane *p, bands *out);
static void dwt_band_c(vt_adm *s, bands *bd, int w, int h, int scale);
static void decouple_csf_c(vt_adm *s, int i, int left, int right, int scale, const double *egl, int n_egl);
static void mask_row_c(const vt_adm *s, const mask_params *p, const int rows[3], int left,
                       int right, int w, int64_t inner[3]);

/* Watson et al. 1997 quantisation step for luma at the default viewing geometry (3H, 1080). */
static float quant_step(int lambda, int theta)
{
    static const float amplitude[4][4] = {
        {0.62171f, 0.67234f, 0.72709f, 0.67234f},
        {0.34537f, 0.41317f, 0.49428f, 0.41317f},
        {0.18004f, 0.22727f, 0.28688f, 0.22727f},
        {0.091401f, 0.11792f, 0.15214f, 0.11792f},
    };
    static const float g[4] = {1.501f, 1.0f, 0.534f, 1.0f};
    const float a = 0.495f, k = 0.466f, f0 = 0.401f;
    const float r = 3.0 * 1080 * VT_PI / 180.0;
    const float t = log10(pow(2.0, lambda + 1) * f0 * g[theta] / r);
    return 2.0 * a * pow(10.0, k * t * t) / amplitude[lambda][theta];
}

void vt_adm_free(vt_adm *s)
{
    if (!s) return;
    vt_free(s->mem);
    vt_free(s->line_buf);
    vt_free(s->simd_mem);
    free(s->idx_mem);
    free(s);
}

int vt_adm_new(vt_adm **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, ADM_MIN_DIM);
    if (err) return err;
    pthread_once(&div_once, div_lut_init);

    vt_adm *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->stride = (w + 1) / 2;
    const size_t band = (size_t)s->stride * ((h + 1) / 2);
    const size_t ring = (size_t)RING_ROWS * s->stride;
    s->mem = vt_alloc((8 * band + VT_MAX_EGL * 9 * ring + 4 * (size_t)w) * sizeof(int32_t));
    s->idx_mem = malloc(4 * ((size_t)w + h) * sizeof(int));
    s->line_buf = vt_alloc(2 * ((size_t)w + 2 * LINE_PAD) * sizeof(int32_t));
    if (!s->mem || !s->idx_mem || !s->line_buf) {
        vt_adm_free(s);
        return VT_ENOMEM;
    }
    int32_t *p = s->mem;
    for (int k = 0; k < 4; k++, p += band) s->ref.b[k] = p;
    for (int k = 0; k < 4; k++, p += band) s->dis.b[k] = p;
    memset(p, 0, VT_MAX_EGL * 9 * ring * sizeof(int32_t));
    for (int e = 0; e < VT_MAX_EGL; e++)
        for (int k = 0; k < 9; k++, p += ring) s->ring[e][k] = p;
    s->tmp = p;
    for (int k = 0; k < 4; k++) {
        s->idx_y[k] = s->idx_mem + k * (size_t)h;
        s->idx_x[k] = s->idx_mem + 4 * (size_t)h + k * (size_t)w;
    }
    for (int scale = 0; scale < 4; scale++) {
        s->rfactor[scale][0] = 1.0f / quant_step(scale, 1);
        s->rfactor[scale][1] = 1.0f / quant_step(scale, 1);
        s->rfactor[scale][2] = 1.0f / quant_step(scale, 2);
    }
    s->dwt_plane = dwt_plane_c;
    s->dwt_band = dwt_band_c;
    s->decouple_prep = NULL;
    s->decouple_csf = decouple_csf_c;
    s->mask_row = mask_row_c;
    s->ref_row = ref_row_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) {
        err = vt_adm_use_avx2(s);
        if (err) {
            vt_adm_free(s);
            return err;
        }
    }
#endif
    *out = s;
    return VT_OK;
}

/* Source rows/columns of the 4 taps for each output sample: reflect at 0, mirror at n. */
static void tap_indices(int *idx[4], int n)
{
    const int half = (n + 1) / 2;
    for (int i = 0; i < half; i++) {
        for (int k = 0; k < 4; k++) {
            int v = 2 * i - 1 + k;
            if (v < 0) v = -v;
            if (v >= n) v = 2 * n - v - 1;
            idx[k][i] = v;
        }
    }
}


/* One wavelet level of a luma plane (scale 0): 16-bit band values. */
static void dwt_plane_c(vt_adm *s, const vt_plane *p, bands *out)
{
    const int w = s->w, h = s->h, bpc = s->bpc;
    const int64_t vround = (int64_t)1 << (bpc - 1);
    const int64_t offset = (int64_t)DB2_LO_SUM * vround; /* centres samples around 0 */
    int32_t *lo = s->tmp, *hi = s->tmp + w;
    const uint8_t *base = p->data;

    for (int i = 0; i < (h + 1) / 2; i++) {
        const uint8_t *r[4];
        for (int k = 0; k < 4; k++) r[k] = base + s->idx_y[k][i] * p->stride;
        for (int j = 0; j < w; j++) {
            int64_t v[4];
            for (int k = 0; k < 4; k++)
                v[k] = bpc == 8 ? r[k][j] : ((const uint16_t *)r[k])[j];
            lo[j] = (int16_t)((db2_lo[0] * v[0] + db2_lo[1] * v[1] + db2_lo[2] * v[2] +
                               db2_lo[3] * v[3] - offset + vround) >> bpc);
            hi[j] = (int16_t)tap4(db2_hi, v[0], v[1], v[2], v[3], vround, bpc);
        }
        int32_t *row[4];
        for (int k = 0; k < 4; k++) row[k] = out->b[k] + i * s->stride;
        for (int j = 0; j < (w + 1) / 2; j++) {
            const int j0 = s->idx_x[0][j], j1 = s->idx_x[1][j], j2 = s->idx_x[2][j],
                      j3 = s->idx_x[3][j];
            row[BAND_A][j] = (int16_t)tap4(db2_lo, lo[j0], lo[j1], lo[j2], lo[j3], 32768, 16);
            row[BAND_V][j] = (int16_t)tap4(db2_hi, lo[j0], lo[j1], lo[j2], lo[j3], 32768, 16);
            row[BAND_H][j] = (int16_t)tap4(db2_lo, hi[j0], hi[j1], hi[j2], hi[j3], 32768, 16);
            row[BAND_D][j] = (int16_t)tap4(db2_hi, hi[j0], hi[j1], hi[j2], hi[j3], 32768, 16);
        }
    }
}

/* One wavelet level of the previous approximation band (scales 1-3), in place. */
static void dwt_band_c(vt_adm *s, bands *bd, int w, int h, int scale)
{
    static const int vshift[3] = {0, 16, 16}, hshift[3] = {15, 16, 15};
    static const int64_t vround[3] = {0, 32768, 32768}, hround[3] = {16384, 32768, 16384};
    const int vs = vshift[scale - 1], hs = hshift[scale - 1];
    const int64_t vr = vround[scale - 1], hr = hround[scale - 1];
    int32_t *lo = s->tmp, *hi = s->tmp + w;
    int32_t *src = bd->b[BAND_A];

    for (int i = 0; i < (h + 1) / 2; i++) {
        const int32_t *r[4];
        for (int k = 0; k < 4; k++) r[k] = src + s->idx_y[k][i] * s->stride;
        for (int j = 0; j < w; j++) {
            lo[j] = tap4(db2_lo, r[0][j], r[1][j], r[2][j], r[3][j], vr, vs);
            hi[j] = tap4(db2_hi, r[0][j], r[1][j], r[2][j], r[3][j], vr, vs);
        }
        int32_t *row[4];
        for (int k = 0; k < 4; k++) row[k] = bd->b[k] + i * s->stride;
        for (int j = 0; j < (w + 1) / 2; j++) {
            const int j0 = s->idx_x[0][j], j1 = s->idx_x[1][j], j2 = s->idx_x[2][j],
                      j3 = s->idx_x[3][j];
            row[BAND_A][j] = tap4(db2_lo, lo[j0], lo[j1], lo[j2], lo[j3], hr, hs);
            row[BAND_V][j] = tap4(db2_hi, lo[j0], lo[j1], lo[j2], lo[j3], hr, hs);
            row[BAND_H][j] = tap4(db2_lo, hi[j0], hi[j1], hi[j2], hi[j3], hr, hs);
            row[BAND_D][j] = tap4(db2_hi, hi[j0], hi[j1], hi[j2], hi[j3], hr, hs);
        }
    }
}


/* Region of a w x h band where a stage runs: inset by 10% (minus `grow` taps), clamped. */
typedef struct region {
    int top, bottom, left, right;
} region;

static region inset(int w, int h, bool widened)
{
    region g;
    if (widened) {
        g.left = (int)(w * 0.1 - 0.5 - 1);
        g.top = (int)(h * 0.1 - 0.5 - 1);
        g.right = w - g.left + 2;
        g.bottom = h - g.top + 2;
    } else {
        g.left = (int)(w * 0.1 - 0.5);
        g.top = (int)(h * 0.1 - 0.5);
        g.right = w - g.left;
        g.bottom = h - g.top;
    }
    if (g.left < 0) g.left = 0;
    if (g.top < 0) g.top = 0;
    if (g.right > w) g.right = w;
    if (g.bottom > h) g.bottom = h;
    return g;
}

/* ---- Decoupling, CSF and masking (the per-pixel steps are in adm.h). ---- */

/* Splits distorted detail into restored and additive parts for one gain limit (row i). */
static void decouple(vt_adm *s, int i, int left, int right, double egl)
{
    for (int j = left; j < right; j++) {
        const size_t at = (size_t)i * s->stride + j, out = ring_at(s, i) + j;
        int32_t o[3], t[3];
        for (int k = 0; k < 3; k++) {
            o[k] = s->ref.b[band_of[k]][at];
            t[k] = s->dis.b[band_of[k]][at];
        }
        const bool aligned = aligned_px(o, t);
        for (int k = 0; k < 3; k++) {
            int64_t kq;
            int32_t r = restored_px(o[k], t[k], &kq);
            if (aligned && kq > 0 && o[k] != 0) r = grown_px(r, o[k], t[k], egl);
            s->rst[k][out] = r;
            s->add[k][out] = t[k] - r;
        }
    }
}


/* CSF weighting of the additive impairment (in place) and its masking contribution |.|/30. */
static void csf(vt_adm *s, int i, int left, int right, int scale)
{
    for (int k = 0; k < 3; k++) {
        const int64_t fac = scale ? csf_fac(s, scale, k) : 0;
        for (int j = left; j < right; j++) {
            const size_t at = ring_at(s, i) + j;
            s->add[k][at] = csf_px(scale, k, fac, s->add[k][at], &s->flt[k][at]);
        }
    }
}

static void use_ring(vt_adm *s, int e);

/* Scalar: decoupling then CSF of row i, into each gain limit's ring. */
static void decouple_csf_c(vt_adm *s, int i, int left, int right, int scale, const double *egl, int n_egl)
{
    for (int e = 0; e < n_egl; e++) {
        use_ring(s, e);
        decouple(s, i, left, right, egl[e]);
        csf(s, i, left, right, scale);
    }
}


static mask_params mask_setup(const vt_adm *s, int w, int h, int scale)
{
    mask_params p;
    p.scale = scale;
    p.row_shift = (uint32_t)ceil(log2(h));
    p.row_round = (uint32_t)pow(2, (double)p.row_shift - 1);
    if (scale == 0) {
        for (int k = 0; k < 3; k++) {
            const int d = k == 2;
            p.fac[k] = csf0_fac[k];
            p.sub[k] = d ? 12 : 10;
            p.sq_shift[k] = d ? 30 : 29;
            p.sq_round[k] = (int64_t)1 << (p.sq_shift[k] - 1);
            p.cub_shift[k] = (uint32_t)ceil(log2(w) - (d ? 3 : 4));
            p.cub_round[k] = (uint32_t)pow(2, (double)p.cub_shift[k] - 1);
            p.final_div[k] = pow(2, (d ? 57 : 52) - p.cub_shift[k] - (int)p.row_shift);
        }
    } else {
        static const int conv[3] = {45, 39, 36};
        const uint32_t cs = (uint32_t)ceil(log2(w));
        for (int k = 0; k < 3; k++) {
            p.fac[k] = csf_fac(s, scale, k);
            p.sub[k] = 0;
            p.sq_shift[k] = 30;
            p.sq_round[k] = (int64_t)1 << 29;
            p.cub_shift[k] = cs;
            p.cub_round[k] = (uint32_t)pow(2, (double)cs - 1);
            p.final_div[k] = (float)pow(2, conv[scale - 1] - (int)cs - (int)p.row_shift);
        }
    }
    return p;
}


static void mask_row_c(const vt_adm *s, const mask_params *p, const int rows[3], int left, int right,
                       int w, int64_t inner[3])
{
    for (int j = left; j < right; j++) mask_px(s, p, rows, j, w, inner);
}


/* Fixed-point steps of the reference detail pooling (the denominator) at one scale. */
typedef struct {
    ref_params p;
    uint64_t row_round;
    int row_shift;
    double div;
} ref_setup;

static ref_setup ref_setup_for(region g, int scale)
{
    ref_setup r = {{scale, 0, 0, 0, 0}, 0, 0, 0};
    if (scale == 0) {
        r.row_shift = (int)ceil(log2((g.bottom - g.top) * (g.right - g.left)) - 20);
        if (r.row_shift < 0) r.row_shift = 0;
        r.row_round = r.row_shift > 0 ? (uint64_t)1 << (r.row_shift - 1) : 0;
        r.div = pow(2, 18 - r.row_shift);
    } else {
        static const int sq_shift[3] = {31, 30, 31}, conv[3] = {32, 27, 23};
        r.p.sqs = sq_shift[scale - 1];
        r.p.sq_round = (uint64_t)1u << r.p.sqs;
        r.p.cub_shift = (uint32_t)ceil(log2(g.right - g.left));
        r.p.cub_round = (uint32_t)pow(2, (double)r.p.cub_shift - 1);
        r.row_shift = (int)(uint32_t)ceil(log2(g.bottom - g.top));
        r.row_round = (uint32_t)pow(2, (double)r.row_shift - 1);
        r.div = pow(2, conv[scale - 1] - r.row_shift - (int)r.p.cub_shift);
    }
    return r;
}

/* Points rst/add/flt at gain limit e's rows. */
static void use_ring(vt_adm *s, int e)
{
    for (int k = 0; k < 3; k++) {
        s->rst[k] = s->ring[e][k];
        s->add[k] = s->ring[e][3 + k];
        s->flt[k] = s->ring[e][6 + k];
    }
}

/* One scale's terms: den, the cube-pooled CSF-weighted reference detail, and for each gain limit
   num[e], the masked, cube-pooled restored detail. Rows stream through: row i + 1 is decoupled
   (for every gain limit, into its ring of rows) just before row i is masked, so the per-pixel
   planes stay in cache and the bands are read once for all gain limits. */
static void scale_terms(vt_adm *s, int w, int h, int scale, const double *egl, int n_egl, float *num,
                        float *den)
{
    const region g = inset(w, h, false), gw = inset(w, h, true);
    const mask_params mp = mask_setup(s, w, h, scale);
    const ref_setup rs = ref_setup_for(g, scale);
    int64_t acc[VT_MAX_EGL][3] = {{0}};
    uint64_t racc[3] = {0, 0, 0};
    int next = g.top > 0 ? g.top - 1 : 0; /* the next row to decouple */
    for (int i = g.top; i < g.bottom; i++) {
        for (const int last = clamp_hi(i + 1, h); next <= last; next++) {
            if (s->decouple_prep) s->decouple_prep(s, next, gw.left, gw.right);
            s->decouple_csf(s, next, gw.left, gw.right, scale, egl, n_egl);
        }
        const int rows[3] = {(int)ring_at(s, reflect_lo(i - 1)), (int)ring_at(s, i),
                             (int)ring_at(s, clamp_hi(i + 1, h))};
        for (int e = 0; e < n_egl; e++) {
            use_ring(s, e);
            int64_t inner[3] = {0, 0, 0};
            s->mask_row(s, &mp, rows, g.left, g.right, w, inner);
            for (int k = 0; k < 3; k++) acc[e][k] += (inner[k] + mp.row_round) >> mp.row_shift;
        }
        const int32_t *band[3];
        for (int k = 0; k < 3; k++) band[k] = s->ref.b[band_of[k]] + (size_t)i * s->stride;
        uint64_t inner[3] = {0, 0, 0};
        s->ref_row(band, &rs.p, g.left, g.right, inner);
        for (int k = 0; k < 3; k++) racc[k] += (inner[k] + rs.row_round) >> rs.row_shift;
    }

    const float noise = powf((g.bottom - g.top) * (g.right - g.left) * 0.03125, 1.0f / 3.0f);
    for (int e = 0; e < n_egl; e++) {
        float total = 0;
        for (int k = 0; k < 3; k++) {
            const float f = scale == 0 ? (float)(acc[e][k] / mp.final_div[k])
                                       : (float)((float)acc[e][k] / (float)mp.final_div[k]);
            total += powf(f, 1.0f / 3.0f) + noise;
        }
        num[e] = total;
    }
    float total = 0;
    for (int k = 0; k < 3; k++) {
        const double v = (double)(racc[k] / rs.div) * pow(s->rfactor[scale][k], 3);
        total += powf(v, 1.0f / 3.0f) + noise;
    }
    *den = total;
}


int vt_adm_compute(vt_adm *s, const vt_plane *ref, const vt_plane *dis, const double *egl,
                   int n_egl, double *adm2, double *scales)
{
    if (!s || !adm2) return VT_EINVAL;
    int err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;

    double num[VT_MAX_EGL] = {0}, den = 0;
    float num_s[VT_MAX_EGL][4], den_s[4];
    int w = s->w, h = s->h;
    for (int scale = 0; scale < 4; scale++) {
        tap_indices(s->idx_y, h);
        tap_indices(s->idx_x, w);
        if (scale == 0) {
            s->dwt_plane(s, ref, &s->ref);
            s->dwt_plane(s, dis, &s->dis);
        } else {
            s->dwt_band(s, &s->ref, w, h, scale);
            s->dwt_band(s, &s->dis, w, h, scale);
        }
        w = (w + 1) / 2;
        h = (h + 1) / 2;
        float num_e[VT_MAX_EGL];
        scale_terms(s, w, h, scale, egl, n_egl, num_e, &den_s[scale]);
        den += den_s[scale];
        for (int k = 0; k < n_egl; k++) {
            num_s[k][scale] = num_e[k];
            num[k] += num_s[k][scale];
        }
    }
    const double limit = 1e-10 * (s->w * s->h) / (1920.0 * 1080.0);
    const double d = den < limit ? 0 : den;
    for (int k = 0; k < n_egl; k++) {
        const double n = num[k] < limit ? 0 : num[k];
        adm2[k] = d == 0.0 ? 1.0 : n / d;
        if (scales)
            for (int sc = 0; sc < 4; sc++) scales[k * 4 + sc] = (double)num_s[k][sc] / den_s[sc];
    }
    return VT_OK;
}
