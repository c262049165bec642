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
 * scales 1-3 on 32-bit bands; all bands are held as int32 here.
 *
 * libvmaf's options (vt_adm_compute_cfg): the CSF is Watson's quantisation steps at the viewing
 * geometry (csf_mode 0) or a table of blended Barten/Watson values per geometry (modes 2, 3); the
 * noise weight sets a floor added to every pooled band. AIM swaps the roles of the two parts: the
 * additive impairment, masked by the CSF-weighted restored detail and pooled without a noise
 * floor, over the same denominator; adm3 = max(dlmw * adm2 + (1 - dlmw) * (1 - aim), min_val).
 * Configurations share the wavelet transform and the reference energy; those with the same gain
 * limit and integer CSF weights (whatever their noise weight or adm3 constants) share the rest.
 */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "adm.h"
#include "x86/adm_avx2.h"


int32_t vt_adm_div_lut[32769];
static pthread_once_t div_once = PTHREAD_ONCE_INIT;

static void div_lut_init(void)
{
    for (int i = 1; i <= 32768; i++) vt_adm_div_lut[i] = (int32_t)(1073741824 / i);
}

static void dwt_plane_c(vt_adm *s, const vt_plane *p, bands *out);
static void dwt_band_c(vt_adm *s, bands *bd, int w, int h, int scale);
static void decouple_csf_c(vt_adm *s, int i, int left, int right, int scale, const adm_var *var, int n_var);
static void mask_row_c(const vt_adm *s, const mask_params *p, const int rows[3], int left,
                       int right, int w, int64_t inner[3]);

/* Watson et al. 1997 quantisation step for luma at a viewing geometry: nvd display heights
   away from a display rdh pixels high (libvmaf's default: 3.0, 1080). */
static float quant_step(int lambda, int theta, double nvd, int rdh)
{
    static const float amplitude[4][4] = {
        {0.62171f, 0.67234f, 0.72709f, 0.67234f},
        {0.34537f, 0.41317f, 0.49428f, 0.41317f},
        {0.18004f, 0.22727f, 0.28688f, 0.22727f},
        {0.091401f, 0.11792f, 0.15214f, 0.11792f},
    };
    static const float g[4] = {1.501f, 1.0f, 0.534f, 1.0f};
    const float a = 0.495f, k = 0.466f, f0 = 0.401f;
    const float r = nvd * rdh * VT_PI / 180.0; /* display resolution, pixels per degree */
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
    int err = vt_check_size(w, h, bpc, VT_ADM_MIN_W, VT_ADM_MIN_H) /* four wavelet levels need >= 5 rows/columns at the coarsest input */;
    if (err) return err;
    pthread_once(&div_once, div_lut_init);

    vt_adm *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->stride = (w + 1) / 2;
    const size_t band = (size_t)s->stride * ((h + 1) / 2);
    /* Ring planes start 3 cache lines apart modulo 4 KiB: a row's stores to the same column of
       every plane (up to ADM_RING_SETS * ADM_RING_PLANES of them) would otherwise meet in two L1 sets. */
    const size_t ring = ((size_t)RING_ROWS * s->stride + 1023) / 1024 * 1024 + 48;
    s->mem = vt_alloc((8 * band + ADM_RING_SETS * ADM_RING_PLANES * ring + 4 * (size_t)w) * sizeof(int32_t));
    s->idx_mem = malloc(4 * ((size_t)w + h) * sizeof(int));
    s->line_buf = vt_alloc(2 * ((size_t)w + 2 * LINE_PAD) * sizeof(int32_t));
    if (!s->mem || !s->idx_mem || !s->line_buf) {
        vt_adm_free(s);
        return VT_ENOMEM;
    }
    int32_t *p = s->mem;
    for (int k = 0; k < 4; k++, p += band) s->ref.b[k] = p;
    for (int k = 0; k < 4; k++, p += band) s->dis.b[k] = p;
    memset(p, 0, ADM_RING_SETS * ADM_RING_PLANES * ring * sizeof(int32_t));
    for (int e = 0; e < ADM_RING_SETS; e++)
        for (int k = 0; k < ADM_RING_PLANES; k++, p += ring) s->ring[e][k] = p;
    s->tmp = p;
    for (int k = 0; k < 4; k++) {
        s->idx_y[k] = s->idx_mem + k * (size_t)h;
        s->idx_x[k] = s->idx_mem + 4 * (size_t)h + k * (size_t)w;
    }
    for (int scale = 0; scale < 4; scale++) {
        s->rfactor[scale][0] = 1.0f / quant_step(scale, 1, 3.0, 1080);
        s->rfactor[scale][1] = 1.0f / quant_step(scale, 1, 3.0, 1080);
        s->rfactor[scale][2] = 1.0f / quant_step(scale, 2, 3.0, 1080);
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

/* Splits distorted detail into restored and additive parts for one gain limit (row i): where t
   enhances o (same direction within 1 degree), the restored part grows by the gain limit. rst and
   add: a row each (h, v, d), indexed by column. */
static void decouple(vt_adm *s, int i, int left, int right, double egl, int32_t *const rst[3],
                     int32_t *const add[3])
{
    for (int j = left; j < right; j++) {
        const size_t at = (size_t)i * s->stride + j;
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
            rst[k][j] = r;
            add[k][j] = t[k] - r;
        }
    }
}

/* The mask sums (msum, cadj; see vt_adm) of one row of masking signals sig (h, v, d), weighted by
   the CSF. The int32 sums wrap, as libvmaf's would. */
static void mask_sums(int left, int right, int scale, const int64_t fac[3], int32_t *const sig[3],
                      int32_t *msum, int32_t *cadj)
{
    for (int j = left; j < right; j++) msum[j] = cadj[j] = 0;
    for (int k = 0; k < 3; k++)
        for (int j = left; j < right; j++) {
            int32_t f;
            const int32_t v = csf_px(scale, k, fac[k], sig[k][j], &f);
            msum[j] = (int32_t)((uint32_t)msum[j] + (uint32_t)f);
            cadj[j] = (int32_t)((uint32_t)cadj[j] + (uint32_t)centre_px(scale, v));
        }
    for (int j = left; j < right; j++) cadj[j] = (int32_t)((uint32_t)cadj[j] - (uint32_t)msum[j]);
}

/* Scalar: row i of each pair's ring sets. DLM masks the restored detail by the CSF-weighted
   additive impairment, AIM the impairment by the CSF-weighted restored detail. */
static void decouple_csf_c(vt_adm *s, int i, int left, int right, int scale, const adm_var *var, int n_var)
{
    const size_t out = ring_at(s, i);
    for (int e = 0; e < n_var; e++) {
        int32_t *const *dlm = var[e].dlm, *const *aim = var[e].aimr;
        int32_t *rst[3], *add[3];
        for (int k = 0; k < 3; k++) {
            rst[k] = dlm[k] + out;
            add[k] = aim ? aim[k] + out : s->tmp + (size_t)k * s->stride; /* tmp: free after the DWT */
        }
        decouple(s, i, left, right, var[e].egl, rst, add);
        mask_sums(left, right, scale, var[e].fac[scale], add, dlm[3] + out, dlm[4] + out);
        if (aim) mask_sums(left, right, scale, var[e].fac[scale], rst, aim[3] + out, aim[4] + out);
    }
}


static mask_params mask_setup(const int64_t fac[3], int w, int h, int scale)
{
    mask_params p;
    p.scale = scale;
    p.row_shift = (uint32_t)ceil(log2(h));
    p.row_round = (uint32_t)pow(2, (double)p.row_shift - 1);
    if (scale == 0) {
        for (int k = 0; k < 3; k++) {
            const int d = k == 2;
            p.fac[k] = fac[k];
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
            p.fac[k] = fac[k];
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

/* Points rst/msum/cadj at a ring set's rows. */
static void use_ring(vt_adm *s, int32_t *const *set)
{
    for (int k = 0; k < 3; k++) s->rst[k] = set[k];
    s->msum = set[3];
    s->cadj = set[4];
}

/* One scale's pooled sums before the cube roots: per pair, num[e] (the masked, cube-pooled
   restored detail) and, if asked, aim[e] (the masked, cube-pooled additive impairment); den (the
   cube-pooled reference detail, without the CSF weight, which differs per configuration). */
typedef struct scale_sums {
    float num[ADM_MAX_VAR][3], aim[ADM_MAX_VAR][3];
    double den[3];
    int area; /* pixels of the pooled region */
} scale_sums;

/* Pooled value of one orientation from its integer accumulator (as libvmaf converts it). */
static inline float pooled(const mask_params *mp, int scale, int k, int64_t acc)
{
    return scale == 0 ? (float)(acc / mp->final_div[k]) : (float)((float)acc / (float)mp->final_div[k]);
}

/* Rows stream through: row i + 1 is decoupled (for every pair, into its ring sets) just before
   row i is masked, so the per-pixel planes stay in cache and the bands are read once for all. */
/* The pooled reference detail of one scale (the denominators, before the CSF weight): the
   reference-only part of scale_terms, from s->ref's bands. */
static void ref_terms(const vt_adm *s, int w, int h, int scale, double den[3])
{
    const region g = inset(w, h, false);
    const ref_setup rs = ref_setup_for(g, scale);
    uint64_t racc[3] = {0, 0, 0};
    for (int i = g.top; i < g.bottom; i++) {
        const int32_t *band[3];
        for (int k = 0; k < 3; k++) band[k] = s->ref.b[band_of[k]] + (size_t)i * s->stride;
        uint64_t inner[3] = {0, 0, 0};
        s->ref_row(band, &rs.p, g.left, g.right, inner);
        for (int k = 0; k < 3; k++) racc[k] += (inner[k] + rs.row_round) >> rs.row_shift;
    }
    for (int k = 0; k < 3; k++) den[k] = (double)(racc[k] / rs.div);
}

/* den: the scale's ref_terms when already known (a reference cache), else NULL. */
static void scale_terms(vt_adm *s, int w, int h, int scale, const adm_var *var, int n_var, const double *den,
                        scale_sums *out)
{
    const region g = inset(w, h, false), gw = inset(w, h, true);
    mask_params mp[ADM_MAX_VAR];
    for (int e = 0; e < n_var; e++) mp[e] = mask_setup(var[e].fac[scale], w, h, scale);
    int64_t acc[ADM_MAX_VAR][3] = {{0}}, aacc[ADM_MAX_VAR][3] = {{0}};
    int next = g.top > 0 ? g.top - 1 : 0; /* the next row to decouple */
    for (int i = g.top; i < g.bottom; i++) {
        for (const int last = clamp_hi(i + 1, h); next <= last; next++) {
            if (s->decouple_prep) s->decouple_prep(s, next, gw.left, gw.right);
            s->decouple_csf(s, next, gw.left, gw.right, scale, var, n_var);
        }
        const int rows[3] = {(int)ring_at(s, reflect_lo(i - 1)), (int)ring_at(s, i),
                             (int)ring_at(s, clamp_hi(i + 1, h))};
        for (int e = 0; e < n_var; e++) {
            use_ring(s, var[e].dlm);
            int64_t inner[3] = {0, 0, 0};
            s->mask_row(s, &mp[e], rows, g.left, g.right, w, inner);
            for (int k = 0; k < 3; k++) acc[e][k] += (inner[k] + mp[e].row_round) >> mp[e].row_shift;
            if (!var[e].aim) continue;
            use_ring(s, var[e].aimr);
            int64_t ainner[3] = {0, 0, 0};
            s->mask_row(s, &mp[e], rows, g.left, g.right, w, ainner);
            for (int k = 0; k < 3; k++) aacc[e][k] += (ainner[k] + mp[e].row_round) >> mp[e].row_shift;
        }
    }
    for (int e = 0; e < n_var; e++)
        for (int k = 0; k < 3; k++) {
            out->num[e][k] = pooled(&mp[e], scale, k, acc[e][k]);
            out->aim[e][k] = pooled(&mp[e], scale, k, aacc[e][k]);
        }
    if (den)
        for (int k = 0; k < 3; k++) out->den[k] = den[k];
    else
        ref_terms(s, w, h, scale, out->den);
    out->area = (g.bottom - g.top) * (g.right - g.left);
}

/* ---- Configurations ---- */

/* libvmaf's blended Barten/Watson CSF values (barten_csf_tools.h), [h and v, d][scale], for the
   display geometries the option check lets through (nvd * rdh >= 3 * 1080). */
typedef struct csf_table {
    int rdh;
    double nvd;
    float v[2][2][4]; /* [0: mode 2 (v1.0.16 models), 1: mode 3 (MAE fit)][h and v, d][scale];
                         double literals rounded to float, as libvmaf's tables are */
} csf_table;

static const csf_table csf_tables[] = {
    {1080, 3.0, {{{0.01183, 0.025026, 0.04295, 0.058621}, {0.004302, 0.011778, 0.023918, 0.035901}},
                 {{0.011249, 0.022606, 0.035930, 0.045673}, {0.004097, 0.010921, 0.021430, 0.031313}}}},
    {1080, 5.0, {{{0.004212, 0.014809, 0.029642, 0.047464}, {0.000984, 0.005852, 0.0146, 0.027574}},
                 {{0.004052, 0.013939, 0.026298, 0.038833}, {0.000927, 0.005544, 0.013415, 0.024515}}}},
    /* 2160 at 1.5H has 1080 at 3H's pixels per degree and libvmaf gives it that table */
    {2160, 1.5, {{{0.01183, 0.025026, 0.04295, 0.058621}, {0.004302, 0.011778, 0.023918, 0.035901}},
                 {{0.011249, 0.022606, 0.035930, 0.045673}, {0.004097, 0.010921, 0.021430, 0.031313}}}},
    {2160, 3.0, {{{0.00226, 0.01183, 0.025026, 0.04295}, {0.000479, 0.004302, 0.011778, 0.023918}},
                 {{0.002166, 0.011249, 0.022606, 0.035930}, {0.000447, 0.004097, 0.010921, 0.021430}}}},
    {2160, 5.0, {{{0.000092, 0.004212, 0.014809, 0.029642}, {0.000050, 0.000984, 0.005852, 0.0146}},
                 {{0.000077, 0.004052, 0.013939, 0.026298}, {0.000045, 0.000927, 0.005544, 0.013415}}}},
    {720, 5.0, {{{0.010144, 0.022561, 0.040309, 0.05672}, {0.003463, 0.010282, 0.021839, 0.034641}},
                {{0.009689, 0.020577, 0.034162, 0.044523}, {0.003302, 0.009579, 0.019661, 0.030318}}}},
};

void vt_adm_cfg_default(vt_adm_cfg *cfg)
{
    if (!cfg) return;
    cfg->egl = 100.0;
    cfg->csf_mode = 0;
    cfg->norm_view_dist = 3.0;
    cfg->ref_display_height = 1080;
    cfg->noise_weight = 0.03125;
    cfg->dlm_weight = 0.5;
    cfg->min_val = 0.0;
    cfg->aim = 1;
}

static bool in_range(double v, double lo, double hi) { return v >= lo && v <= hi; } /* false for NaN */

/* A configuration's CSF: the float weights rf (the denominator's) and the integer ones fac. */
static int cfg_csf(const vt_adm *s, const vt_adm_cfg *c, float rf[4][3], int64_t fac[4][3])
{
    const double nvd = c->norm_view_dist;
    const int rdh = c->ref_display_height;
    if (!in_range(c->egl, 1.0, 100.0) || !in_range(nvd, 0.75, 24.0) || rdh < 1 || rdh > 4320 ||
        !in_range(c->noise_weight, 0.0, 1500.0) || !in_range(c->dlm_weight, 0.0, 1.0) ||
        !in_range(c->min_val, 0.0, 1.0) || (c->aim != 0 && c->aim != 1))
        return VT_EINVAL;
    if (nvd * rdh < 3.0 * 1080) return VT_EINVAL; /* libvmaf's extract refuses these */
    const bool watson = c->csf_mode == 0;
    if (watson) {
        const bool dflt = nvd == 3.0 && rdh == 1080;
        for (int scale = 0; scale < 4; scale++) {
            rf[scale][0] = dflt ? s->rfactor[scale][0] : 1.0f / quant_step(scale, 1, nvd, rdh);
            rf[scale][1] = dflt ? s->rfactor[scale][1] : 1.0f / quant_step(scale, 1, nvd, rdh);
            rf[scale][2] = dflt ? s->rfactor[scale][2] : 1.0f / quant_step(scale, 2, nvd, rdh);
        }
    } else if (c->csf_mode == 2 || c->csf_mode == 3) {
        const csf_table *t = NULL;
        for (size_t n = 0; n < sizeof(csf_tables) / sizeof(csf_tables[0]); n++)
            if (csf_tables[n].rdh == rdh && csf_tables[n].nvd == nvd) t = &csf_tables[n];
        if (!t) return VT_EINVAL;
        for (int scale = 0; scale < 4; scale++) {
            rf[scale][0] = rf[scale][1] = t->v[c->csf_mode - 2][0][scale];
            rf[scale][2] = t->v[c->csf_mode - 2][1][scale];
        }
    } else {
        return VT_EINVAL; /* 1 (Barten's CSF) is not implemented */
    }
    /* Scale 0 in Q21 (h, v) and Q23 (d), truncated to uint16; libvmaf hard-codes Watson's values
       at nvd * rdh = 3240. Scales 1-3 in Q32, truncated to uint32. */
    if (watson && fabs(nvd * rdh - 3.0 * 1080) < 1.0e-8) {
        fac[0][0] = fac[0][1] = 36453;
        fac[0][2] = 49417;
    } else {
        for (int k = 0; k < 3; k++) {
            const double q = rf[0][k] * pow(2, k == 2 ? 23 : 21);
            if (!(q >= 0 && q <= 49417)) return VT_EINVAL; /* the int16 pipeline's bound */
            fac[0][k] = (uint16_t)q;
        }
    }
    for (int scale = 1; scale < 4; scale++)
        for (int k = 0; k < 3; k++) {
            const double q = rf[scale][k] * pow(2, 32);
            if (!(q >= 0 && q < 2147483648.0)) return VT_EINVAL; /* the AVX2 path's vpmuldq operand */
            fac[scale][k] = (uint32_t)q;
        }
    return VT_OK;
}

/* Groups the configurations into distinct (gain limit, integer CSF) pairs, ordered by gain limit
   (stable), and points each pair at its ring sets. Returns the number of pairs. */
static int make_vars(vt_adm *s, const vt_adm_cfg *cfg, int n_cfg, int64_t fac[][4][3], adm_var *var,
                     int *var_of)
{
    int n = 0;
    for (int c = 0; c < n_cfg; c++) {
        int e = 0;
        while (e < n && !(var[e].egl == cfg[c].egl && !memcmp(var[e].fac, fac[c], sizeof(var[e].fac)))) e++;
        if (e == n) {
            var[n].egl = cfg[c].egl;
            memcpy(var[n].fac, fac[c], sizeof(var[n].fac));
            var[n].aim = 0;
            n++;
        }
        var[e].aim |= cfg[c].aim;
        var_of[c] = e;
    }
    int order[ADM_MAX_VAR], rank[ADM_MAX_VAR];
    for (int e = 0; e < n; e++) order[e] = e;
    for (int a = 1; a < n; a++) /* insertion sort: stable */
        for (int b = a; b > 0 && var[order[b - 1]].egl > var[order[b]].egl; b--) {
            const int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    adm_var sorted[ADM_MAX_VAR];
    for (int e = 0; e < n; e++) {
        sorted[e] = var[order[e]];
        rank[order[e]] = e;
    }
    for (int c = 0; c < n_cfg; c++) var_of[c] = rank[var_of[c]];
    for (int e = 0; e < n; e++) {
        var[e] = sorted[e];
        var[e].same_egl = e > 0 && var[e].egl == var[e - 1].egl;
        var[e].same_fac = !memcmp(var[e].fac, var[0].fac, sizeof(var[e].fac));
        var[e].dlm = s->ring[2 * e];
        var[e].aimr = var[e].aim ? s->ring[2 * e + 1] : NULL;
    }
    return n;
}

/* ---- Reference cache: the reference-only half (its wavelet bands and pooled detail), computed
   once per reference frame and read by every distorted frame scored against it. ---- */

struct vt_adm_ref {
    int w, h, bpc, stride;
    int32_t *mem;
    int32_t *b[4][4];   /* [scale][band]: the detail bands (h, v, d) of each scale; b[.][BAND_A] unused */
    double den[4][3];   /* ref_terms of each scale */
    int ready;          /* filled by vt_adm_ref_compute */
};

static int band_rows(int h, int scale)
{
    for (int k = 0; k <= scale; k++) h = (h + 1) / 2;
    return h;
}

int vt_adm_ref_new(vt_adm_ref **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_ADM_MIN_W, VT_ADM_MIN_H);
    if (err) return err;
    vt_adm_ref *r = calloc(1, sizeof(*r));
    if (!r) return VT_ENOMEM;
    r->w = w;
    r->h = h;
    r->bpc = bpc;
    r->stride = (w + 1) / 2;
    size_t total = 0;
    for (int scale = 0; scale < 4; scale++) total += 3 * (size_t)r->stride * band_rows(h, scale);
    /* + 64: vector loads at the end of the last row read past it, as in the context's own bands */
    r->mem = vt_alloc((total + 64) * sizeof(int32_t));
    if (!r->mem) {
        free(r);
        return VT_ENOMEM;
    }
    memset(r->mem, 0, (total + 64) * sizeof(int32_t));
    int32_t *p = r->mem;
    for (int scale = 0; scale < 4; scale++)
        for (int k = 0; k < 3; k++, p += (size_t)r->stride * band_rows(h, scale)) r->b[scale][band_of[k]] = p;
    *out = r;
    return VT_OK;
}

void vt_adm_ref_free(vt_adm_ref *r)
{
    if (!r) return;
    vt_free(r->mem);
    free(r);
}

static int check_ref(const vt_adm *s, const vt_adm_ref *r)
{
    if (!r) return VT_EINVAL;
    if (r->w != s->w || r->h != s->h || r->bpc != s->bpc) return VT_ESIZE;
    return r->ready ? VT_OK : VT_EINVAL;
}

int vt_adm_ref_compute(vt_adm *s, vt_adm_ref *r, const vt_plane *ref)
{
    if (!s || !r) return VT_EINVAL;
    if (r->w != s->w || r->h != s->h || r->bpc != s->bpc) return VT_ESIZE;
    int err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (err) return err;
    int w = s->w, h = s->h;
    for (int scale = 0; scale < 4; scale++) {
        tap_indices(s->idx_y, h);
        tap_indices(s->idx_x, w);
        if (scale == 0)
            s->dwt_plane(s, ref, &s->ref);
        else
            s->dwt_band(s, &s->ref, w, h, scale);
        w = (w + 1) / 2;
        h = (h + 1) / 2;
        for (int k = 0; k < 3; k++)
            memcpy(r->b[scale][band_of[k]], s->ref.b[band_of[k]], (size_t)s->stride * h * sizeof(int32_t));
        ref_terms(s, w, h, scale, r->den[scale]);
    }
    r->ready = 1;
    return VT_OK;
}

/* Every configuration over the four scales; out as vt_adm_compute_cfg's. The reference's half
   comes from `cached` when given (then `ref` is unused), else from `ref`. */
static void compute(vt_adm *s, const vt_plane *ref, const vt_adm_ref *cached, const vt_plane *dis,
                    const vt_adm_cfg *cfg, int n_cfg, float rf[][4][3], const adm_var *var, int n_var,
                    const int *var_of, double *out)
{
    double num[VT_ADM_MAX_CFG] = {0}, den[VT_ADM_MAX_CFG] = {0}, aim[VT_ADM_MAX_CFG] = {0};
    float num_s[VT_ADM_MAX_CFG][4], den_s[VT_ADM_MAX_CFG][4];
    int w = s->w, h = s->h;
    const bands own = s->ref;
    for (int scale = 0; scale < 4; scale++) {
        tap_indices(s->idx_y, h);
        tap_indices(s->idx_x, w);
        if (scale == 0) {
            if (!cached) s->dwt_plane(s, ref, &s->ref);
            s->dwt_plane(s, dis, &s->dis);
        } else {
            if (!cached) s->dwt_band(s, &s->ref, w, h, scale);
            s->dwt_band(s, &s->dis, w, h, scale);
        }
        w = (w + 1) / 2;
        h = (h + 1) / 2;
        if (cached) /* read only from here on (decoupling and masking never write the reference) */
            for (int k = 0; k < 3; k++) s->ref.b[band_of[k]] = cached->b[scale][band_of[k]];
        scale_sums sums;
        scale_terms(s, w, h, scale, var, n_var, cached ? cached->den[scale] : NULL, &sums);
        for (int c = 0; c < n_cfg; c++) {
            const int e = var_of[c];
            /* the noise floor: area * weight in double, then powf (libvmaf's float steps) */
            const float noise = powf(sums.area * cfg[c].noise_weight, 1.0f / 3.0f);
            float n = 0, d = 0, a = 0;
            for (int k = 0; k < 3; k++) {
                n += powf(sums.num[e][k], 1.0f / 3.0f) + noise;
                d += powf(sums.den[k] * pow(rf[c][scale][k], 3), 1.0f / 3.0f) + noise;
                a += powf(sums.aim[e][k], 1.0f / 3.0f) + 0.0f; /* AIM has no noise floor */
            }
            num_s[c][scale] = n;
            den_s[c][scale] = d;
            num[c] += n;
            den[c] += d;
            aim[c] += a;
        }
    }
    s->ref = own;
    const double limit = 1e-10 * (s->w * s->h) / (1920.0 * 1080.0);
    for (int c = 0; c < n_cfg; c++) {
        double *o = out + (size_t)c * VT_ADM_NOUT;
        const double n = num[c] < limit ? 0 : num[c], d = den[c] < limit ? 0 : den[c];
        o[0] = d == 0.0 ? 1.0 : n / d;
        for (int sc = 0; sc < 4; sc++) o[1 + sc] = (double)num_s[c][sc] / den_s[c][sc];
        if (cfg[c].aim && d != 0.0) {
            o[5] = aim[c] / d;
            const double x = o[0] * cfg[c].dlm_weight + (1 - o[5]) * (1 - cfg[c].dlm_weight);
            o[6] = x > cfg[c].min_val ? x : cfg[c].min_val;
        } else {
            o[5] = o[6] = NAN;
        }
    }
}

static int compute_cfg(vt_adm *s, const vt_plane *ref, const vt_adm_ref *cached, const vt_plane *dis,
                       const vt_adm_cfg *cfg, int n_cfg, double *out)
{
    if (!s || !cfg || !out || n_cfg < 1 || n_cfg > VT_ADM_MAX_CFG) return VT_EINVAL;
    int err = cached ? check_ref(s, cached) : vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;
    float rf[VT_ADM_MAX_CFG][4][3];
    int64_t fac[VT_ADM_MAX_CFG][4][3];
    for (int c = 0; c < n_cfg; c++) {
        err = cfg_csf(s, &cfg[c], rf[c], fac[c]);
        if (err) return err;
    }
    adm_var var[ADM_MAX_VAR];
    int var_of[VT_ADM_MAX_CFG];
    const int n_var = make_vars(s, cfg, n_cfg, fac, var, var_of);
    compute(s, ref, cached, dis, cfg, n_cfg, rf, var, n_var, var_of, out);
    return VT_OK;
}

int vt_adm_compute_cfg(vt_adm *s, const vt_plane *ref, const vt_plane *dis, const vt_adm_cfg *cfg,
                       int n_cfg, double *out)
{
    return compute_cfg(s, ref, NULL, dis, cfg, n_cfg, out);
}

int vt_adm_compute_cfg_ref(vt_adm *s, const vt_adm_ref *ref, const vt_plane *dis, const vt_adm_cfg *cfg,
                           int n_cfg, double *out)
{
    if (!ref) return VT_EINVAL;
    return compute_cfg(s, NULL, ref, dis, cfg, n_cfg, out);
}

static int compute_egl(vt_adm *s, const vt_plane *ref, const vt_adm_ref *cached, const vt_plane *dis,
                       const double *egl, int n_egl, double *adm2, double *scales)
{
    if (!s || !adm2) return VT_EINVAL;
    int err = vt_check_egl(egl, n_egl);
    if (!err) err = cached ? check_ref(s, cached) : vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;
    /* libvmaf's defaults for every gain limit, without AIM (not used by the v0 models) */
    vt_adm_cfg cfg[VT_MAX_EGL];
    float rf[VT_MAX_EGL][4][3];
    int64_t fac[VT_MAX_EGL][4][3];
    adm_var var[VT_MAX_EGL];
    int var_of[VT_MAX_EGL];
    for (int k = 0; k < n_egl; k++) {
        vt_adm_cfg_default(&cfg[k]);
        cfg[k].egl = egl[k];
        cfg[k].aim = 0;
        memcpy(rf[k], s->rfactor, sizeof(rf[k]));
        fac[k][0][0] = fac[k][0][1] = 36453;
        fac[k][0][2] = 49417;
        for (int scale = 1; scale < 4; scale++)
            for (int o = 0; o < 3; o++) fac[k][scale][o] = (uint32_t)(s->rfactor[scale][o] * pow(2, 32));
        /* one pair per gain limit, in the caller's order (equal limits are computed twice) */
        var[k].egl = egl[k];
        memcpy(var[k].fac, fac[k], sizeof(var[k].fac));
        var[k].aim = 0;
        var[k].same_egl = 0;
        var[k].same_fac = 1;
        var[k].dlm = s->ring[2 * k];
        var[k].aimr = NULL;
        var_of[k] = k;
    }
    double out[VT_MAX_EGL * VT_ADM_NOUT];
    compute(s, ref, cached, dis, cfg, n_egl, rf, var, n_egl, var_of, out);
    for (int k = 0; k < n_egl; k++) {
        adm2[k] = out[k * VT_ADM_NOUT];
        if (scales)
            for (int sc = 0; sc < 4; sc++) scales[k * 4 + sc] = out[k * VT_ADM_NOUT + 1 + sc];
    }
    return VT_OK;
}

int vt_adm_compute(vt_adm *s, const vt_plane *ref, const vt_plane *dis, const double *egl,
                   int n_egl, double *adm2, double *scales)
{
    return compute_egl(s, ref, NULL, dis, egl, n_egl, adm2, scales);
}

int vt_adm_compute_ref(vt_adm *s, const vt_adm_ref *ref, const vt_plane *dis, const double *egl,
                       int n_egl, double *adm2, double *scales)
{
    if (!ref) return VT_EINVAL;
    return compute_egl(s, NULL, ref, dis, egl, n_egl, adm2, scales);
}
