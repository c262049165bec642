/*
 * CIEDE2000 colour difference (libvmaf's "ciede" extractor, printed as ciede2000):
 *
 *   score = 45 - 20 log10(mean over the luma grid of dE00(Lab(ref), Lab(dis)))
 *
 * Each pixel's Y'CbCr (limited range) goes to R'G'B' with BT.709 coefficients, to linear RGB
 * (sRGB-like curve), to XYZ and to CIE L*a*b* (D65), then through CIEDE2000 with
 * kL = 0.65, kC = 1, kH = 4. libvmaf mixes float and double steps; every step below keeps its
 * precision and evaluation order, because the printed score depends on them.
 *
 * Chroma reaches the luma grid the way libvmaf's ciede upsamples it (nearest sample), including
 * its quirks, emulated on libvmaf's picture layout (vmaf_picture_alloc: one zeroed buffer
 * Y | U | V, each row padded to a multiple of 32 samples, chroma of w >> 1 / h >> 1):
 *   - 4:2:0: output (i, j) reads chroma row i / 2, column j / 2. For odd w the last column reads
 *     column w >> 1, i.e. the row padding (0) or, when w >> 1 is a multiple of 32, the first
 *     sample of the next row; for odd h the last row reads row h >> 1 (U: the first row of V;
 *     V: past the end of libvmaf's buffer, taken as 0 here - libvmaf reads unowned memory).
 *   - 4:2:2: output (i, j) reads chroma row i / 2 and column j (not j / 2): columns past
 *     w >> 1 read the padding and then the following rows.
 *   - 4:4:4: the planes as they are.
 *
 * No AVX2 version: the cost is in libm's pow/atan2/sin/cos/exp, whose bits a vector version
 * would have to reproduce exactly. Instead (vt_ciede_compute):
 *   - pixels whose ref and dis Y, U, V are all equal are skipped (they contribute exactly 0: every
 *     difference term is 0 and no divisor can be 0, as S_H >= 1 since T > 0.36);
 *   - results are cached by sample values, per context and across frames: dE00 per pair of
 *     colours, Lab (and chroma) per colour; a pixel repeating its left neighbour reuses its value;
 *   - a row's cache misses are evaluated together, stage by stage (delta_e00_batch), so that the
 *     CPU overlaps their libm calls; the row is then summed in pixel order.
 * Each libm call still gets the arguments libvmaf's gives it, and the double sum adds the same
 * floats in the same order. vt_ciede_compute_reference keeps the straight port (libvmaf's loop,
 * to_lab and delta_e00 per pixel); tests/unit/test_ciede_exact.py compares the two bit for bit.
 */
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "chroma_layout.h"
#include "vt_internal.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct lab { float l, a, b; } lab;
struct de_job;

struct vt_ciede {
    int w, h, bpc;
    int chroma_w, chroma_h; /* sizes the caller passes */
    int layout;
    int lw, lh;             /* libvmaf's chroma plane size */
    long stride;            /* libvmaf's chroma row stride in samples */
    uint16_t *rows;         /* 4 rows of w: ref U, ref V, dis U, dis V on the luma grid */
    uint64_t *keys;         /* 2 rows of w: packed ref and dis Y, U, V */
    float *vals;            /* a row of w: each pixel's dE00 (or, for a miss, its job) */
    int32_t *job_of;        /* a row of w: -2 identical pixels, -1 cache hit, else job index */
    struct de_job *jobs;    /* w of them: one row's cache misses */
    struct lab_slot *labs;  /* direct-mapped caches, see vt_ciede_compute */
    struct pair_slot *pairs;
    int lab_bits, pair_bits; /* log2 of their slot counts */
};


/* Colours are keyed by their packed Y, U, V sample values (3 * bpc <= 48 bits). A Lab slot's key
   has bit 63 set (0 marks an empty slot); a pair slot holds ref | dis << 48 in lo and dis >> 16
   in hi, and an empty (zeroed) slot reads as ref == dis == 0, a pair that is never looked up. */
/* At most 2^LAB_CACHE_BITS * 24 + 2^PAIR_CACHE_BITS * 16 bytes (56 MB) per context; smaller for
   frames of fewer than 2^LAB_CACHE_BITS pixels. Real video repeats colours and pairs across frames:
   on bigbuckbunny 720p, a frame has ~214k distinct colours (96% of them in the previous frame) and
   ~690k distinct pairs (10% to 80% of them in the previous frame, with the motion). */
#ifndef LAB_CACHE_BITS
#define LAB_CACHE_BITS 20
#endif
#ifndef PAIR_CACHE_BITS
#define PAIR_CACHE_BITS 21
#endif
struct lab_slot { uint64_t key; lab v; float c; /* chroma sqrt(a^2 + b^2) as delta_e00 rounds it */ };
struct pair_slot { uint64_t lo; uint32_t hi; float de; };

/* ---------------------------------------------------------------- colour conversion */

static double srgb_to_linear(double c)
{
    if (c > 10. / 255.) return pow((c + 0.055) * (1.0 / 1.055), 2.4);
    return c * (1.0 / 12.92);
}

static float lab_curve(double t)
{
    if (t > 216.0 / 24389.0) return pow(t, 1.0 / 3.0);
    return ((24389.0 / 27.0) * t + 16.0) * (1.0 / 116.0);
}

static lab to_lab(double y, double u, double v, double scale)
{
    y = (y - 16. * scale) * (1. / (219. * scale));
    u = (u - 128. * scale) * (1. / (224. * scale));
    v = (v - 128. * scale) * (1. / (224. * scale));

    const double r = srgb_to_linear(y + 1.28033 * v);
    const double g = srgb_to_linear(y - 0.21482 * u - 0.38059 * v);
    const double b = srgb_to_linear(y + 2.12798 * u);

    const double x = r * 0.4124564390896921 + g * 0.357576077643909 + b * 0.18043748326639894;
    const double yy = r * 0.21267285140562248 + g * 0.715152155287818 + b * 0.07217499330655958;
    const double z = r * 0.019333895582329317 + g * 0.119192025881303 + b * 0.9503040785363677;

    const double fx = lab_curve(x * (1.0 / 0.95047));
    const double fy = lab_curve(yy);
    const double fz = lab_curve(z * (1.0 / 1.08883));

    lab out = {(float)(116.0 * fy - 16.0), (float)(500.0 * (fx - fy)), (float)(200.0 * (fy - fz))};
    return out;
}

/* ---------------------------------------------------------------- CIEDE2000 */

static float hue_angle(float b, float a)
{
    if (b == 0.0 && a == 0.0) return 0.0;
    float h = atan2(b, a);
    if (h < 0.0) h += 2. * M_PI;
    return h;
}

static float hue_difference(float c1, float c2, float h1, float h2)
{
    if (c1 == 0.0 || c2 == 0.0) return 0.0;
    if (fabsf(h1 - h2) <= M_PI) return h2 - h1;
    if (h2 <= h1) return h2 - h1 + 2. * M_PI;
    return h2 - h1 - 2. * M_PI;
}

static float mean_hue(float h1, float h2)
{
    if (fabs(h1 - h2) > M_PI) return (h1 + h2 + 2.0 * M_PI) / 2.0;
    return (h1 + h2) / 2.0;
}

static float hue_weight(float hb)
{
    return 1.0 - 0.17 * cos(hb - M_PI / 6.0) + 0.24 * cos(2.0 * hb) +
           0.32 * cos(3.0 * hb + M_PI / 30.0) - 0.20 * cos(4.0 * hb - 7.0 * M_PI / 20.0);
}

static float to_degrees(float r) { return r * (180.0 / M_PI); }
static float to_radians(float d) { return d * (M_PI / 180.0); }

static float rotation_term(float cbp, float hb)
{
    const float t = (to_degrees(hb) - 275.0) * (1.0 / 25.0);
    const float c7 = powf(cbp, 7); /* libvmaf evaluates it twice; the value is the same */
    return -2.0 * sqrt(c7 / (c7 + powf(25., 7))) * sin(to_radians(60.0 * exp(-(powf(t, 2)))));
}

static float chroma(lab p) { return sqrt(pow(p.a, 2) + pow(p.b, 2)); }

/* c1 = chroma(p), c2 = chroma(q), computed once per colour by the caller. */
static float delta_e00(lab p, lab q, float c1, float c2)
{
    const float kl = 0.65, kc = 1.0, kh = 4.0;
    const float dl = q.l - p.l;
    const float lbar = (p.l + q.l) / 2;
    const float cbar = (c1 + c2) / 2;
    const double cbar7 = pow(cbar, 7); /* evaluated twice per a' in libvmaf; same value */
    const double g = 1 - sqrt(cbar7 / (cbar7 + pow(25, 7)));
    const float ap1 = p.a + (p.a / 2) * g;
    const float ap2 = q.a + (q.a / 2) * g;
    const float cp1 = sqrt(pow(ap1, 2) + pow(p.b, 2));
    const float cp2 = sqrt(pow(ap2, 2) + pow(q.b, 2));
    const float cbp = (cp1 + cp2) / 2;
    const float dc = cp2 - cp1;
    const float sl = 1. + ((0.015 * pow(lbar - 50, 2)) / sqrt(20 + pow(lbar - 50, 2)));
    const float sc = 1. + 0.045 * cbp;
    const float h1 = hue_angle(p.b, ap1);
    const float h2 = hue_angle(q.b, ap2);
    const float dh = hue_difference(c1, c2, h1, h2);
    const float dH = 2.0 * sqrt(cp1 * cp2) * sin(dh / 2.0);
    const float hb = mean_hue(h1, h2);
    const float t = hue_weight(hb);
    const float sh = 1.0 + 0.015 * cbp * t;
    const float rt = rotation_term(cbp, hb);
    const float lt = dl / (kl * sl);
    const float ct = dc / (kc * sc);
    const float ht = dH / (kh * sh);
    return sqrt(pow(lt, 2) + pow(ct, 2) + pow(ht, 2) + rt * ct * ht);
}

/* The same dE00 for a batch of independent pairs, evaluated stage by stage: each loop runs the
   libm calls of many pixels back to back, which the CPU overlaps, instead of one long dependent
   chain per pixel. Every statement is delta_e00's, on the same types in the same order; the
   randomized test (vt_ciede_selftest) checks the two agree bit for bit. */
struct de_job {
    lab p, q;
    float c1, c2;         /* chroma(p), chroma(q) */
    double cbar7;
    float ap1, ap2, cp1, cp2, h1, h2, dH, hb, t, rt;
    float de;             /* the result */
    uint64_t lo;          /* pair cache key */
    uint32_t hi, slot;
};

static void delta_e00_batch(struct de_job *jb, int n)
{
    for (int k = 0; k < n; k++) {
        const float cbar = (jb[k].c1 + jb[k].c2) / 2;
        jb[k].cbar7 = pow(cbar, 7);
    }
    for (int k = 0; k < n; k++) {
        struct de_job *b = &jb[k];
        const double g = 1 - sqrt(b->cbar7 / (b->cbar7 + pow(25, 7)));
        b->ap1 = b->p.a + (b->p.a / 2) * g;
        b->ap2 = b->q.a + (b->q.a / 2) * g;
        b->cp1 = sqrt(pow(b->ap1, 2) + pow(b->p.b, 2));
        b->cp2 = sqrt(pow(b->ap2, 2) + pow(b->q.b, 2));
        b->h1 = hue_angle(b->p.b, b->ap1);
        b->h2 = hue_angle(b->q.b, b->ap2);
    }
    for (int k = 0; k < n; k++) {
        struct de_job *b = &jb[k];
        const float dh = hue_difference(b->c1, b->c2, b->h1, b->h2);
        b->dH = 2.0 * sqrt(b->cp1 * b->cp2) * sin(dh / 2.0);
        b->hb = mean_hue(b->h1, b->h2);
    }
    for (int k = 0; k < n; k++) jb[k].t = hue_weight(jb[k].hb);
    for (int k = 0; k < n; k++) jb[k].rt = rotation_term((jb[k].cp1 + jb[k].cp2) / 2, jb[k].hb);
    for (int k = 0; k < n; k++) {
        struct de_job *b = &jb[k];
        const float kl = 0.65, kc = 1.0, kh = 4.0;
        const float dl = b->q.l - b->p.l;
        const float lbar = (b->p.l + b->q.l) / 2;
        const float cbp = (b->cp1 + b->cp2) / 2;
        const float dc = b->cp2 - b->cp1;
        const float sl = 1. + ((0.015 * pow(lbar - 50, 2)) / sqrt(20 + pow(lbar - 50, 2)));
        const float sc = 1. + 0.045 * cbp;
        const float sh = 1.0 + 0.015 * cbp * b->t;
        const float lt = dl / (kl * sl);
        const float ct = dc / (kc * sc);
        const float ht = b->dH / (kh * sh);
        b->de = sqrt(pow(lt, 2) + pow(ct, 2) + pow(ht, 2) + b->rt * ct * ht);
    }
}

/* ---------------------------------------------------------------- chroma on the luma grid */

static inline unsigned load(const vt_plane *p, int row, int col)
{
    const uint8_t *r = (const uint8_t *)p->data + (ptrdiff_t)row * p->stride;
    return p->bpc > 8 ? ((const uint16_t *)r)[col] : r[col];
}

/* Sample `offset` samples after the start of libvmaf's U plane, in its U | V buffer layout. */
static unsigned libvmaf_chroma(const vt_ciede *s, const vt_plane *u, const vt_plane *v,
                               long offset)
{
    const long row = offset / s->stride, col = offset % s->stride;
    if (col >= s->lw) return 0; /* row padding */
    if (row < s->lh) return load(u, (int)row, (int)col);
    if (row < 2L * s->lh) return load(v, (int)(row - s->lh), (int)col);
    return 0; /* past libvmaf's buffer */
}

static void chroma_row(const vt_ciede *s, const vt_plane *pl, int i, uint16_t *cu, uint16_t *cv)
{
    if (s->layout == VT_LAYOUT_444) {
        for (int j = 0; j < s->w; j++) {
            cu[j] = (uint16_t)load(&pl[1], i, j);
            cv[j] = (uint16_t)load(&pl[2], i, j);
        }
        return;
    }
    const long v_start = (long)s->lh * s->stride;
    const long row_start = (long)(i / 2) * s->stride;
    const int halve = s->layout == VT_LAYOUT_420;
    const int r = i / 2;
    int inside = halve ? s->w >> 1 << 1 : s->lw; /* output columns reading inside a row */
    if (r < s->lh) { /* the common case, without libvmaf_chroma's divisions */
        for (int j = 0; j < inside; j++) {
            cu[j] = (uint16_t)load(&pl[1], r, halve ? j >> 1 : j);
            cv[j] = (uint16_t)load(&pl[2], r, halve ? j >> 1 : j);
        }
    } else {
        inside = 0;
    }
    for (int j = inside; j < s->w; j++) {
        const long off = row_start + (halve ? j / 2 : j);
        cu[j] = (uint16_t)libvmaf_chroma(s, &pl[1], &pl[2], off);
        cv[j] = (uint16_t)libvmaf_chroma(s, &pl[1], &pl[2], v_start + off);
    }
}

/* ---------------------------------------------------------------- caches */

static inline uint32_t slot_index(uint64_t a, uint64_t b, int bits)
{
    const uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    return (uint32_t)((x ^ x >> 29) >> (64 - bits));
}

static inline const struct lab_slot *cached_lab(struct lab_slot *labs, int lab_bits, uint64_t key,
                                                int bpc, double scale)
{
    struct lab_slot *slot = &labs[slot_index(key, 0, lab_bits)];
    const uint64_t tagged = key | (uint64_t)1 << 63;
    if (slot->key != tagged) {
        const unsigned mask = (1u << bpc) - 1;
        slot->v = to_lab((float)(key & mask), (float)(key >> bpc & mask),
                         (float)(key >> 2 * bpc & mask), scale);
        slot->c = chroma(slot->v);
        slot->key = tagged;
    }
    return slot;
}

/* ---------------------------------------------------------------- API */

/* log2 of a cache's slot count: 2 slots per pixel, 1024 at least, 2^max_bits at most. */
static int cache_bits(int w, int h, int max_bits)
{
    int bits = 10;
    while (bits < max_bits && ((size_t)1 << bits) < 2 * (size_t)w * (size_t)h) bits++;
    return bits;
}

int vt_ciede_new(vt_ciede **out, int w, int h, int bpc, int chroma_w, int chroma_h)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, VT_CIEDE_MIN_W);
    if (err) return err;
    if (h < VT_CIEDE_MIN_H) return VT_ETOOSMALL;
    const int layout = vt_chroma_layout(w, h, chroma_w, chroma_h);
    if (layout < 0 || layout == VT_LAYOUT_400) return VT_EINVAL;
    vt_ciede *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->rows = vt_alloc(sizeof(uint16_t) * 4 * (size_t)w);
    s->keys = vt_alloc(sizeof(uint64_t) * 2 * (size_t)w);
    s->vals = vt_alloc(sizeof(float) * (size_t)w);
    s->job_of = vt_alloc(sizeof(int32_t) * (size_t)w);
    s->jobs = vt_alloc(sizeof(struct de_job) * (size_t)w);
    if (!s->rows || !s->keys || !s->vals || !s->job_of || !s->jobs ||
        vt_ciede_set_cache_bits(s, cache_bits(w, h, LAB_CACHE_BITS), cache_bits(w, h, PAIR_CACHE_BITS))) {
        vt_ciede_free(s);
        return VT_ENOMEM;
    }
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->chroma_w = chroma_w;
    s->chroma_h = chroma_h;
    s->layout = layout;
    vt_libvmaf_chroma_size(layout, w, h, &s->lw, &s->lh);
    s->stride = (s->lw + 31) & ~31L;
    *out = s;
    return VT_OK;
}

void vt_ciede_free(vt_ciede *s)
{
    if (!s) return;
    vt_free(s->rows);
    vt_free(s->keys);
    vt_free(s->vals);
    vt_free(s->job_of);
    vt_free(s->jobs);
    free(s->labs);
    free(s->pairs);
    free(s);
}

/* A zeroed table. The caches are probed at random, one or more slots per pixel: on 2 MB pages
   (where the kernel grants them) the probes do not also miss the TLB. */
static void *table_alloc(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    if (size < huge) return calloc(1, size);
    size = (size + huge - 1) / huge * huge;
    void *p = aligned_alloc(huge, size);
    if (!p) return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(p, size, MADV_HUGEPAGE);
#endif
    memset(p, 0, size);
    return p;
}

int vt_ciede_set_cache_bits(vt_ciede *s, int lab_bits, int pair_bits)
{
    if (!s || lab_bits < 1 || lab_bits > 24 || pair_bits < 1 || pair_bits > 24) return VT_EINVAL;
    struct lab_slot *labs = table_alloc(sizeof(*labs) << lab_bits);
    struct pair_slot *pairs = table_alloc(sizeof(*pairs) << pair_bits);
    if (!labs || !pairs) {
        free(labs);
        free(pairs);
        return VT_ENOMEM;
    }
    free(s->labs);
    free(s->pairs);
    s->labs = labs;
    s->pairs = pairs;
    s->lab_bits = lab_bits;
    s->pair_bits = pair_bits;
    return VT_OK;
}

static int check_planes(const vt_ciede *s, const vt_plane ref[3], const vt_plane dis[3])
{
    for (int p = 0; p < 3; p++) {
        const int w = p ? s->chroma_w : s->w, h = p ? s->chroma_h : s->h;
        int err = vt_check_plane(&ref[p], w, h, s->bpc);
        if (!err) err = vt_check_plane(&dis[p], w, h, s->bpc);
        if (err) return err;
    }
    return VT_OK;
}

/* libvmaf's loop as it is written, sample by sample: no skipping, caching, batching or fast
   paths. Tests compare vt_ciede_compute with it. */
int vt_ciede_compute_reference(vt_ciede *s, const vt_plane ref[3], const vt_plane dis[3],
                               double *score)
{
    if (!s || !ref || !dis || !score) return VT_EINVAL;
    const int err = check_planes(s, ref, dis);
    if (err) return err;
    const double scale = 1 << (s->bpc - 8);
    const long v_start = (long)s->lh * s->stride;
    double sum = 0.;
    for (int i = 0; i < s->h; i++) {
        for (int j = 0; j < s->w; j++) {
            unsigned c[2][3];
            for (int k = 0; k < 2; k++) {
                const vt_plane *pl = k ? dis : ref;
                c[k][0] = load(&pl[0], i, j);
                if (s->layout == VT_LAYOUT_444) {
                    c[k][1] = load(&pl[1], i, j);
                    c[k][2] = load(&pl[2], i, j);
                } else {
                    const long off = (long)(i / 2) * s->stride + (s->layout == VT_LAYOUT_420 ? j / 2 : j);
                    c[k][1] = libvmaf_chroma(s, &pl[1], &pl[2], off);
                    c[k][2] = libvmaf_chroma(s, &pl[1], &pl[2], v_start + off);
                }
            }
            const lab p = to_lab((float)c[0][0], (float)c[0][1], (float)c[0][2], scale);
            const lab q = to_lab((float)c[1][0], (float)c[1][1], (float)c[1][2], scale);
            sum += delta_e00(p, q, chroma(p), chroma(q));
        }
    }
    *score = 45. - 20. * log10(sum / ((unsigned)s->w * (unsigned)s->h));
    return VT_OK;
}

int vt_ciede_compute(vt_ciede *s, const vt_plane ref[3], const vt_plane dis[3], double *score)
{
    if (!s || !ref || !dis || !score) return VT_EINVAL;
    const int err = check_planes(s, ref, dis);
    if (err) return err;
    /* Every pixel's dE00 is a pure function of its six sample values: results are cached
       (direct-mapped, per context, across frames) by value, for the pair and for each Lab
       colour; a hit adds exactly the float a fresh computation would, in the same order.
       The tables are larger than the caches of a CPU: slots are prefetched a few pixels ahead. */
    enum { AHEAD = 24 };
    const double scale = 1 << (s->bpc - 8);
    const int bpc = s->bpc;
    uint16_t *ru = s->rows, *rv = ru + s->w, *du = rv + s->w, *dv = du + s->w;
    uint64_t *kref = s->keys, *kdis = kref + s->w;
    double sum = 0.;
    for (int i = 0; i < s->h; i++) {
        chroma_row(s, ref, i, ru, rv);
        chroma_row(s, dis, i, du, dv);
        for (int j = 0; j < s->w; j++) {
            kref[j] = load(&ref[0], i, j) | (uint64_t)ru[j] << bpc | (uint64_t)rv[j] << 2 * bpc;
            kdis[j] = load(&dis[0], i, j) | (uint64_t)du[j] << bpc | (uint64_t)dv[j] << 2 * bpc;
        }
        /* Pass 1: cache hits take their value, misses become jobs (a pixel repeating its left
           neighbour's pair shares its job). */
        int n = 0;
        for (int j = 0; j < s->w; j++) {
            if (j + AHEAD < s->w) {
                const uint64_t lo = kref[j + AHEAD] | kdis[j + AHEAD] << 48;
                __builtin_prefetch(&s->pairs[slot_index(lo, kdis[j + AHEAD] >> 16, s->pair_bits)]);
                __builtin_prefetch(&s->labs[slot_index(kref[j + AHEAD], 0, s->lab_bits)]);
                __builtin_prefetch(&s->labs[slot_index(kdis[j + AHEAD], 0, s->lab_bits)]);
            }
            const uint64_t kr = kref[j], kd = kdis[j];
            if (kr == kd) { /* adds exactly 0 */
                s->job_of[j] = -2;
                continue;
            }
            if (j && kr == kref[j - 1] && kd == kdis[j - 1] && s->job_of[j - 1] != -2) {
                s->job_of[j] = s->job_of[j - 1];
                s->vals[j] = s->vals[j - 1];
                continue;
            }
            const uint64_t lo = kr | kd << 48;
            const uint32_t hi = (uint32_t)(kd >> 16);
            const uint32_t idx = slot_index(lo, hi, s->pair_bits);
            const struct pair_slot *slot = &s->pairs[idx];
            if (slot->lo == lo && slot->hi == hi) {
                s->job_of[j] = -1;
                s->vals[j] = slot->de;
                continue;
            }
            struct de_job *b = &s->jobs[n];
            const struct lab_slot p = *cached_lab(s->labs, s->lab_bits, kr, bpc, scale); /* copies: kd may */
            const struct lab_slot q = *cached_lab(s->labs, s->lab_bits, kd, bpc, scale); /* take kr's slot */
            b->p = p.v;
            b->c1 = p.c;
            b->q = q.v;
            b->c2 = q.c;
            b->lo = lo;
            b->hi = hi;
            b->slot = idx;
            s->job_of[j] = n++;
        }
        /* Pass 2: the misses, then the sum in pixel order and the cache updates. */
        delta_e00_batch(s->jobs, n);
        for (int j = 0; j < s->w; j++) {
            const int32_t k = s->job_of[j];
            if (k == -2) continue;
            sum += k < 0 ? s->vals[j] : s->jobs[k].de;
        }
        for (int k = 0; k < n; k++) {
            struct pair_slot *slot = &s->pairs[s->jobs[k].slot];
            slot->lo = s->jobs[k].lo;
            slot->hi = s->jobs[k].hi;
            slot->de = s->jobs[k].de;
        }
    }
    *score = 45. - 20. * log10(sum / ((unsigned)s->w * (unsigned)s->h));
    return VT_OK;
}
