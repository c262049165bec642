/*
 * Integer VIF (visual information fidelity) over 4 scales, in libvmaf 3.x's fixed point.
 *
 * Per scale: Gaussian local statistics of reference (x) and distorted (y) samples,
 *   mu = F*x, sigma_x^2 = F*x^2 - mu_x^2, sigma_xy = F*xy - mu_x mu_y,
 * then per pixel either the log terms (textured pixels, sigma_x^2 >= noise) or a flat-pixel
 * term. Scales 1-3 work on the previous scale low-passed with the next filter and decimated by 2.
 * The enhancement gain limit clamps the gain g = sigma_xy / sigma_x^2 in the numerator only;
 * several limits are evaluated from one set of statistics.
 *
 * What depends on the reference alone (its decimated planes, mu_x and sigma_x^2 per pixel, the
 * denominators) can be kept in a vt_vif_ref and read by every distorted picture scored against
 * that reference (vt_vif_compute_ref): only the distorted picture's statistics are computed then.
 */
#ifdef __linux__
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS and MAP_POPULATE (state_alloc) */
#endif
#include <math.h>
#include <pthread.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

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

static void load_plane(vt_vif *s, uint16_t *dst, const vt_plane *p);
static void downscale_c(vt_vif *s, uint16_t *plane, int w, int h, int scale);
static void scale_pass_c(vt_vif *s, int w, int h, int scale, enum vif_mode mode, const double *egl,
                         int n_egl, const struct vif_ref_scale *rs, struct vif_sums *out);

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
    s->mu = vt_alloc((size_t)w * h * sizeof(uint16_t));
    s->row_buf = vt_alloc(5 * row_len * sizeof(uint32_t));
    s->acc32 = vt_alloc(2 * (size_t)w * sizeof(uint32_t));
    s->acc64 = vt_alloc(3 * (size_t)w * sizeof(uint64_t));
    if (!s->ref_buf || !s->dis_buf || !s->mu || !s->row_buf || !s->acc32 || !s->acc64) {
        vt_vif_free(s);
        return VT_ENOMEM;
    }
    memset(s->ref_buf, 0, (plane + PLANE_SLACK) * sizeof(uint16_t));
    memset(s->dis_buf, 0, (plane + PLANE_SLACK) * sizeof(uint16_t));
    s->load = load_plane;
    s->downscale = downscale_c;
    s->scale_pass = scale_pass_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) {
#if VT_HAVE_AVXVNNI_BUILD
        err = vt_avxvnni_active() ? vt_vif_avxvnni_setup(s) : vt_vif_avx2_setup(s);
#else
        err = vt_vif_avx2_setup(s);
#endif
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
    vt_free(s->mu);
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

static void load_plane(vt_vif *s, uint16_t *dst, const vt_plane *p)
{
    const uint8_t *src = p->data;
    for (int i = 0; i < p->h; i++, src += p->stride) {
        uint16_t *d = dst + i * s->stride;
        if (p->bpc == 8)
            for (int j = 0; j < p->w; j++) d[j] = src[j];
        else
            memcpy(d, src, (size_t)p->w * sizeof(uint16_t));
    }
}

/* Low-pass a plane (s->ref or s->dis) with the next scale's filter and keep every other row and
   column, in place. */
static void downscale_c(vt_vif *s, uint16_t *p, int w, int h, int scale)
{
    const uint16_t *f = vif_taps[scale + 1];
    const int n = vif_ntaps[scale + 1], half = n / 2;
    const int vshift = scale == 0 ? s->bpc : 16;
    const uint32_t vround = 1u << (vshift - 1);
    const ptrdiff_t st = s->stride;
    uint32_t *r = s->row[0];

    for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
            uint32_t a = 0;
            for (int k = 0; k < n; k++) a += f[k] * (uint32_t)p[(i - half + k) * st + j];
            r[j] = (uint16_t)((a + vround) >> vshift);
        }
        mirror_cols(r, w, half);
        for (int j = 0; j < w; j++) {
            uint32_t a = 0;
            for (int k = 0; k < n; k++) a += f[k] * r[j - half + k];
            s->mu[i * st + j] = (uint16_t)((a + 32768) >> 16);
        }
    }
    for (int i = 0; i < h / 2; i++)
        for (int j = 0; j < w / 2; j++) p[i * st + j] = s->mu[2 * i * st + 2 * j];
    vif_mirror_rows(p, st, w / 2, h / 2, vif_ntaps[scale] / 2);
}

/* Vertical pass of one output row: filtered samples, squares and products per column, those of
   the reference (mu1, xx), of the distorted picture (mu2, yy, xy) or both (mode, a constant).
   Loops run over columns innermost so that compilers vectorise them. */
VT_INLINE void vertical_stats(const vt_vif *s, int w, int i, int scale, const enum vif_mode mode,
                              uint32_t *t_mu1, uint32_t *t_mu2, uint32_t *t_xx, uint32_t *t_yy,
                              uint32_t *t_xy, uint64_t *xx, uint64_t *yy, uint64_t *xy)
{
    const uint16_t *f = vif_taps[scale];
    const int n = vif_ntaps[scale], half = n / 2;
    const int vshift = scale == 0 ? s->bpc : 16;
    const uint32_t vround = 1u << (vshift - 1);
    const int sqshift = scale == 0 ? 2 * (s->bpc - 8) : 16;
    const uint64_t sqround = sqshift ? (uint64_t)1 << (sqshift - 1) : 0;
    const ptrdiff_t st = s->stride;
    const int ref_side = vif_ref_side(mode), dis_side = vif_dis_side(mode);

    for (int j = 0; j < w; j++) {
        t_mu1[j] = t_mu2[j] = 0;
        xx[j] = yy[j] = xy[j] = 0;
    }
    for (int k = 0; k < n; k++) {
        const uint16_t *rr = s->ref + (i - half + k) * st;
        const uint16_t *dr = s->dis + (i - half + k) * st;
        const uint32_t fk = f[k];
        for (int j = 0; j < w; j++) {
            const uint32_t x = rr[j], y = dis_side ? dr[j] : 0;
            const uint32_t fx = fk * x, fy = fk * y;
            if (ref_side) {
                t_mu1[j] += fx;
                xx[j] += (uint64_t)fx * x;
            }
            if (dis_side) {
                t_mu2[j] += fy;
                yy[j] += (uint64_t)fy * y;
                xy[j] += (uint64_t)fx * y;
            }
        }
    }
    for (int j = 0; j < w; j++) {
        if (ref_side) {
            t_mu1[j] = (uint16_t)((t_mu1[j] + vround) >> vshift);
            t_xx[j] = (uint32_t)((xx[j] + sqround) >> sqshift);
        }
        if (dis_side) {
            t_mu2[j] = (uint16_t)((t_mu2[j] + vround) >> vshift);
            t_yy[j] = (uint32_t)((yy[j] + sqround) >> sqshift);
            t_xy[j] = (uint32_t)((xy[j] + sqround) >> sqshift);
        }
    }
}

/* Horizontal pass of one row into the filtered means and second moments (of the sides `mode`
   names, as vertical_stats). */
VT_INLINE void horizontal_stats(int w, int scale, const enum vif_mode mode, const uint32_t *t_mu1,
                                const uint32_t *t_mu2, const uint32_t *t_xx, const uint32_t *t_yy,
                                const uint32_t *t_xy, uint32_t *m1, uint32_t *m2, uint64_t *xx,
                                uint64_t *yy, uint64_t *xy)
{
    const uint16_t *f = vif_taps[scale];
    const int n = vif_ntaps[scale], half = n / 2;
    const int ref_side = vif_ref_side(mode), dis_side = vif_dis_side(mode);
    for (int j = 0; j < w; j++) {
        m1[j] = m2[j] = 0;
        xx[j] = yy[j] = xy[j] = 0;
    }
    for (int k = 0; k < n; k++) {
        const uint32_t fk = f[k];
        const int off = k - half;
        for (int j = 0; j < w; j++) {
            if (ref_side) {
                m1[j] += fk * t_mu1[j + off];
                xx[j] += (uint64_t)fk * t_xx[j + off];
            }
            if (dis_side) {
                m2[j] += fk * t_mu2[j + off];
                yy[j] += (uint64_t)fk * t_yy[j + off];
                xy[j] += (uint64_t)fk * t_xy[j + off];
            }
        }
    }
}

/* Both filter passes of one row. */
VT_INLINE void row_passes_c(const vt_vif *s, int w, int i, int scale, const enum vif_mode mode)
{
    uint32_t *const *r = s->row;
    uint64_t *a64 = s->acc64;
    vertical_stats(s, w, i, scale, mode, r[0], r[1], r[2], r[3], r[4], a64, a64 + s->w, a64 + 2 * s->w);
    for (int k = 0; k < 5; k++)
        if ((k == 0 || k == 2) ? vif_ref_side(mode) : vif_dis_side(mode)) mirror_cols(r[k], w, vif_ntaps[scale] / 2);
    horizontal_stats(w, scale, mode, r[0], r[1], r[2], r[3], r[4], s->acc32, s->acc32 + s->w, a64,
                     a64 + s->w, a64 + 2 * s->w);
}

/* (a * b + 2^31) >> 32: the products of filtered means. */
static inline uint32_t mul_round32(uint32_t a, uint32_t b)
{
    return (uint32_t)(((uint64_t)a * b + 2147483648u) >> 32);
}

/* sigma1_sq from the reference's filtered mean and second moment. */
static inline int32_t ref_sigma_sq(uint32_t m1, uint64_t xx)
{
    return (int32_t)((uint32_t)((xx + 32768) >> 16) - mul_round32(m1, m1));
}

/* One scale (scalar reference): the VIF sums (log terms per gain limit, flat-pixel terms) and/or
   the reference's m1 and sigma1_sq per pixel, as `mode` says (vif.h). VIF_DIS reads those from
   rs and leaves den_log and den_flat 0 (the state has them); VIF_KEEP and VIF_REF store them in
   rs (with zeros in the padding columns); VIF_REF computes no sums (out unused). */
static void scale_pass_c(vt_vif *s, int w, int h, int scale, enum vif_mode mode, const double *egl,
                         int n_egl, const struct vif_ref_scale *rs, struct vif_sums *out)
{
    const uint32_t *m1 = s->acc32, *m2 = s->acc32 + s->w;
    uint64_t *xx = s->acc64, *yy = s->acc64 + s->w, *xy = s->acc64 + 2 * s->w;
    int64_t num_log[VT_MAX_EGL] = {0};
    int64_t den_log = 0, num_flat = 0, den_flat = 0;

    for (int i = 0; i < h; i++) {
        switch (mode) {
        case VIF_REF: row_passes_c(s, w, i, scale, VIF_REF); break;
        case VIF_DIS: row_passes_c(s, w, i, scale, VIF_DIS); break;
        default: row_passes_c(s, w, i, scale, VIF_BOTH); break;
        }
        if (mode == VIF_REF || mode == VIF_KEEP) {
            uint32_t *om1 = rs->m1 + i * rs->stride;
            int32_t *os1 = rs->s1 + i * rs->stride;
            for (int j = 0; j < (w + 15) / 16 * 16; j++) {
                om1[vif_state_pos(j)] = j < w ? m1[j] : 0;
                os1[vif_state_pos(j)] = j < w ? ref_sigma_sq(m1[j], xx[j]) : 0;
            }
            if (mode == VIF_REF) continue;
        }

        for (int j = 0; j < w; j++) {
            uint32_t mu1;
            int32_t sigma1_sq;
            if (mode == VIF_DIS) {
                const ptrdiff_t at = i * rs->stride + vif_state_pos(j);
                mu1 = rs->m1[at];
                sigma1_sq = rs->s1[at];
            } else {
                mu1 = m1[j];
                sigma1_sq = ref_sigma_sq(mu1, xx[j]);
            }
            const uint32_t mu2_sq = mul_round32(m2[j], m2[j]);
            const uint32_t mu12 = mul_round32(mu1, m2[j]);
            int32_t sigma2_sq = (int32_t)((uint32_t)((yy[j] + 32768) >> 16) - mu2_sq);
            const int32_t sigma12 = (int32_t)((uint32_t)((xy[j] + 32768) >> 16) - mu12);
            if (sigma2_sq < 0) sigma2_sq = 0;

            if (sigma1_sq >= NOISE_VAR) {
                if (mode != VIF_DIS) den_log += log2_q11((uint64_t)(NOISE_VAR + sigma1_sq)) - 2048 * 17;
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
                if (mode != VIF_DIS) den_flat++;
            }
        }
    }
    if (mode == VIF_REF) return;
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

/* ---- Reference state: what vt_vif_compute computes from the reference alone, per scale. ---- */

struct vt_vif_ref {
    int w, h, bpc;
    int ready;                    /* filled (vt_vif_ref_compute, vt_vif_compute_keep) */
    void *plane0;                 /* scale 0 samples, w * h: uint8_t at 8 bits, else uint16_t */
    uint16_t *down[4];            /* scales 1-3: the decimated planes, (w >> s) * (h >> s) */
    struct vif_ref_scale st[4];   /* m1 and sigma1_sq of each scale */
    int64_t den_log[4], den_flat[4];
    unsigned char *mem;
};

static size_t align32(size_t n)
{
    return (n + 31) / 32 * 32;
}

/* The bytes of a state's buffer; with r, also where its parts go in r->mem. */
static size_t ref_layout(int w, int h, int bpc, vt_vif_ref *r)
{
    size_t at = 0;
    if (r) r->plane0 = r->mem;
    at += align32((size_t)w * h * (bpc == 8 ? 1 : 2));
    for (int sc = 0; sc < 4; sc++) {
        const int ws = w >> sc, hs = h >> sc;
        const ptrdiff_t stride = 2 * ((ws + 15) / 16 * 16);
        if (sc > 0) {
            if (r) r->down[sc] = (uint16_t *)(r->mem + at);
            at += align32((size_t)ws * hs * sizeof(uint16_t));
        }
        if (r) {
            r->st[sc].stride = stride;
            r->st[sc].m1 = (uint32_t *)(r->mem + at);
            r->st[sc].s1 = (int32_t *)(r->mem + at) + 16;
        }
        at += align32((size_t)stride * hs * sizeof(uint32_t));
    }
    return at;
}

size_t vt_vif_ref_bytes(int w, int h, int bpc)
{
    if (vt_check_size(w, h, bpc, VT_VIF_MIN_W, VT_VIF_MIN_H)) return 0;
    return sizeof(vt_vif_ref) + ref_layout(w, h, bpc, NULL);
}

/* A state's memory, its pages mapped at once. States are kept for many frames, a couple of MB of
   fresh memory each; faulted in page by page as the state is first written, that cost most of
   what filling it did (bikes, 640x272: 0.6 s of system time for 250 states, 0.14 s mapped at
   once). Under AddressSanitizer, the heap (which it guards). */
#if defined(__linux__) && defined(MAP_POPULATE) && !defined(__SANITIZE_ADDRESS__)
static void *state_alloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void state_free(void *p, size_t size)
{
    munmap(p, size);
}
#else
static void *state_alloc(size_t size)
{
    return vt_alloc(size);
}

static void state_free(void *p, size_t size)
{
    (void)size;
    vt_free(p);
}
#endif

int vt_vif_ref_new(vt_vif_ref **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_VIF_MIN_W, VT_VIF_MIN_H);
    if (err) return err;
    vt_vif_ref *r = calloc(1, sizeof(*r));
    if (!r) return VT_ENOMEM;
    const size_t n = ref_layout(w, h, bpc, NULL);
    r->mem = state_alloc(n);
    if (!r->mem) {
        free(r);
        return VT_ENOMEM;
    }
    r->w = w; /* no need to clear r->mem: every part that is read is written first */
    r->h = h;
    r->bpc = bpc;
    ref_layout(w, h, bpc, r);
    *out = r;
    return VT_OK;
}

void vt_vif_ref_free(vt_vif_ref *r)
{
    if (!r) return;
    state_free(r->mem, ref_layout(r->w, r->h, r->bpc, NULL));
    free(r);
}

/* den_log and den_flat of one scale from its sigma1_sq (the same sums as scale_pass_c's). */
static void ref_den(const struct vif_ref_scale *rs, int w, int h, int64_t *den_log, int64_t *den_flat)
{
    int64_t dl = 0, df = 0;
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            const int32_t sigma1_sq = rs->s1[i * rs->stride + vif_state_pos(j)];
            if (sigma1_sq >= NOISE_VAR)
                dl += log2_q11((uint64_t)(NOISE_VAR + sigma1_sq)) - 2048 * 17;
            else
                df++;
        }
    *den_log = dl;
    *den_flat = df;
}

static void copy_rows(uint16_t *dst, ptrdiff_t dst_stride, const uint16_t *src, ptrdiff_t src_stride, int w, int h)
{
    for (int i = 0; i < h; i++) memcpy(dst + i * dst_stride, src + i * src_stride, (size_t)w * sizeof(uint16_t));
}

/* The reference picture's rows into r's scale-0 plane. */
static void keep_plane0(vt_vif_ref *r, const vt_plane *ref)
{
    const size_t row = (size_t)r->w * (r->bpc == 8 ? 1 : 2);
    for (int i = 0; i < r->h; i++)
        memcpy((unsigned char *)r->plane0 + i * row, (const unsigned char *)ref->data + i * ref->stride, row);
}

/* s->ref and s->dis from the pictures (ref from state r's scale-0 plane when given), mirrored. */
static void load_pictures(vt_vif *s, const vt_plane *ref, const vt_vif_ref *r, const vt_plane *dis)
{
    const vt_plane kept = {r ? r->plane0 : NULL, (ptrdiff_t)s->w * (s->bpc == 8 ? 1 : 2), s->w, s->h, s->bpc};
    s->load(s, s->ref, r ? &kept : ref);
    vif_mirror_rows(s->ref, s->stride, s->w, s->h, vif_ntaps[0] / 2);
    if (dis) {
        s->load(s, s->dis, dis);
        vif_mirror_rows(s->dis, s->stride, s->w, s->h, vif_ntaps[0] / 2);
    }
}

/* The four scales from s->ref and s->dis (load_pictures) in one mode: scores (unless VIF_REF)
   and, for VIF_KEEP and VIF_REF, the state r. VIF_DIS reads the reference's side from r (whose
   scale-0 plane is then in s->ref). */
static void run_scales(vt_vif *s, enum vif_mode mode, vt_vif_ref *r, const double *egl, int n_egl,
                       double *scores)
{
    int w = s->w, h = s->h;
    for (int scale = 0; scale < 4; scale++) {
        if (scale > 0) {
            if (mode != VIF_DIS) s->downscale(s, s->ref, w, h, scale - 1);
            if (mode != VIF_REF) s->downscale(s, s->dis, w, h, scale - 1);
            w /= 2;
            h /= 2;
            if (mode == VIF_DIS) {
                copy_rows(s->ref, s->stride, r->down[scale], w, w, h);
                vif_mirror_rows(s->ref, s->stride, w, h, vif_ntaps[scale - 1] / 2); /* as downscale */
            } else if (r) {
                copy_rows(r->down[scale], w, s->ref, s->stride, w, h);
            }
        }
        struct vif_sums sums;
        s->scale_pass(s, w, h, scale, mode, egl, n_egl, r ? &r->st[scale] : NULL, &sums);
        if (mode == VIF_REF) {
            ref_den(&r->st[scale], w, h, &r->den_log[scale], &r->den_flat[scale]);
            continue;
        }
        if (mode == VIF_KEEP) {
            r->den_log[scale] = sums.den_log;
            r->den_flat[scale] = sums.den_flat;
        } else if (mode == VIF_DIS) {
            sums.den_log = r->den_log[scale];
            sums.den_flat = r->den_flat[scale];
        }
        float num[VT_MAX_EGL], den;
        finish_scale(&sums, n_egl, num, &den);
        for (int k = 0; k < n_egl; k++) {
            const float q = num[k] / den;
            scores[k * 4 + scale] = q;
        }
    }
}

/* VT_OK if state r fits context s (and, when `ready`, has been computed). */
static int check_state(const vt_vif *s, const vt_vif_ref *r, int ready)
{
    if (!s || !r) return VT_EINVAL;
    if (r->w != s->w || r->h != s->h || r->bpc != s->bpc) return VT_ESIZE;
    return ready && !r->ready ? VT_EINVAL : VT_OK;
}

int vt_vif_compute(vt_vif *s, const vt_plane *ref, const vt_plane *dis, const double *egl,
                   int n_egl, double *scores)
{
    if (!s || !scores) return VT_EINVAL;
    int err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;
    load_pictures(s, ref, NULL, dis);
    run_scales(s, VIF_BOTH, NULL, egl, n_egl, scores);
    return VT_OK;
}

int vt_vif_ref_compute(vt_vif *s, vt_vif_ref *r, const vt_plane *ref)
{
    int err = check_state(s, r, 0);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (err) return err;
    r->ready = 0;
    keep_plane0(r, ref);
    load_pictures(s, ref, NULL, NULL);
    run_scales(s, VIF_REF, r, NULL, 0, NULL);
    r->ready = 1;
    return VT_OK;
}

int vt_vif_compute_keep(vt_vif *s, vt_vif_ref *r, const vt_plane *ref, const vt_plane *dis,
                        const double *egl, int n_egl, double *scores)
{
    int err = check_state(s, r, 0);
    if (!err && !scores) err = VT_EINVAL;
    if (!err) err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;
    r->ready = 0;
    keep_plane0(r, ref);
    load_pictures(s, ref, NULL, dis);
    run_scales(s, VIF_KEEP, r, egl, n_egl, scores);
    r->ready = 1;
    return VT_OK;
}

int vt_vif_compute_ref(vt_vif *s, const vt_vif_ref *r, const vt_plane *dis, const double *egl,
                       int n_egl, double *scores)
{
    int err = check_state(s, r, 1);
    if (!err && !scores) err = VT_EINVAL;
    if (!err) err = vt_check_egl(egl, n_egl);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;
    load_pictures(s, NULL, r, dis);
    run_scales(s, VIF_DIS, (vt_vif_ref *)r, egl, n_egl, scores); /* VIF_DIS only reads r */
    return VT_OK;
}
