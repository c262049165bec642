/*
 * psnr_hvs: libvmaf's PSNR-HVS (from Xiph's Daala tools; features psnr_hvs_y, psnr_hvs_cb,
 * psnr_hvs_cr and psnr_hvs), on integer samples of 8 to 12 bits.
 *
 * Each plane is covered by 8x8 blocks whose top-left corners step by 7 (overlapping) while the
 * block fits. Per block, in single precision and in this order: the means and (n-1)-normalised
 * variances of the block and of its four 4x4 quarters give a variance ratio; the blocks of both
 * pictures go through Daala's integer 8x8 DCT; each picture's masking energy is the float sum
 * of coef^2 * mask over the AC coefficients, sqrt(energy * ratio) / 32; the larger of the two
 * masks lowers every AC coefficient error |ref - dis| by mask / mask[i][j] (not below 0); the
 * error sums (err * csf)^2. The plane value is sum / (64 * blocks) / (2^bpc - 1)^2 in float, and
 * the scores are -10 log10(value) for each plane and -10 log10(0.8 y + 0.1 (cb + cr)).
 * Chroma planes use the 4:2:0 Cb/Cr tables whatever the subsampling, as libvmaf does.
 */
#include <math.h>
#include <string.h>

#include "psnr_hvs.h"
#include "vt_internal.h"

/* Normalised inverse quantisation matrices of Daala's psnrhvs (data). */
static const float csf_y[64] = {
    1.6193873005, 2.2901594831, 2.08509755623, 1.48366094411, 1.00227514334, 0.678296995242, 0.466224900598, 0.3265091542,
    2.2901594831, 1.94321815382, 2.04793073064, 1.68731108984, 1.2305666963, 0.868920337363, 0.61280991668, 0.436405793551,
    2.08509755623, 2.04793073064, 1.34329019223, 1.09205635862, 0.875748795257, 0.670882927016, 0.501731932449, 0.372504254596,
    1.48366094411, 1.68731108984, 1.09205635862, 0.772819797575, 0.605636379554, 0.48309405692, 0.380429446972, 0.295774038565,
    1.00227514334, 1.2305666963, 0.875748795257, 0.605636379554, 0.448996256676, 0.352889268808, 0.283006984131, 0.226951348204,
    0.678296995242, 0.868920337363, 0.670882927016, 0.48309405692, 0.352889268808, 0.27032073436, 0.215017739696, 0.17408067321,
    0.466224900598, 0.61280991668, 0.501731932449, 0.380429446972, 0.283006984131, 0.215017739696, 0.168869545842, 0.136153931001,
    0.3265091542, 0.436405793551, 0.372504254596, 0.295774038565, 0.226951348204, 0.17408067321, 0.136153931001, 0.109083846276,
};
static const float csf_cb[64] = {
    1.91113096927, 2.46074210438, 1.18284184739, 1.14982565193, 1.05017074788, 0.898018824055, 0.74725392039, 0.615105596242,
    2.46074210438, 1.58529308355, 1.21363250036, 1.38190029285, 1.33100189972, 1.17428548929, 0.996404342439, 0.830890433625,
    1.18284184739, 1.21363250036, 0.978712413627, 1.02624506078, 1.03145147362, 0.960060382087, 0.849823426169, 0.731221236837,
    1.14982565193, 1.38190029285, 1.02624506078, 0.861317501629, 0.801821139099, 0.751437590932, 0.685398513368, 0.608694761374,
    1.05017074788, 1.33100189972, 1.03145147362, 0.801821139099, 0.676555426187, 0.605503172737, 0.55002013668, 0.495804539034,
    0.898018824055, 1.17428548929, 0.960060382087, 0.751437590932, 0.605503172737, 0.514674450957, 0.454353482512, 0.407050308965,
    0.74725392039, 0.996404342439, 0.849823426169, 0.685398513368, 0.55002013668, 0.454353482512, 0.389234902883, 0.342353999733,
    0.615105596242, 0.830890433625, 0.731221236837, 0.608694761374, 0.495804539034, 0.407050308965, 0.342353999733, 0.295530605237,
};
static const float csf_cr[64] = {
    2.03871978502, 2.62502345193, 1.26180942886, 1.11019789803, 1.01397751469, 0.867069376285, 0.721500455585, 0.593906509971,
    2.62502345193, 1.69112867013, 1.17180569821, 1.3342742857, 1.28513006198, 1.13381474809, 0.962064122248, 0.802254508198,
    1.26180942886, 1.17180569821, 0.944981930573, 0.990876405848, 0.995903384143, 0.926972725286, 0.820534991409, 0.706020324706,
    1.11019789803, 1.3342742857, 0.990876405848, 0.831632933426, 0.77418706195, 0.725539939514, 0.661776842059, 0.587716619023,
    1.01397751469, 1.28513006198, 0.995903384143, 0.77418706195, 0.653238524286, 0.584635025748, 0.531064164893, 0.478717061273,
    0.867069376285, 1.13381474809, 0.926972725286, 0.725539939514, 0.584635025748, 0.496936637883, 0.438694579826, 0.393021669543,
    0.721500455585, 0.962064122248, 0.820534991409, 0.661776842059, 0.531064164893, 0.438694579826, 0.375820256136, 0.330555063063,
    0.593906509971, 0.802254508198, 0.706020324706, 0.587716619023, 0.478717061273, 0.393021669543, 0.330555063063, 0.285345396658,
};

struct vt_psnr_hvs {
    int w[3], h[3], bpc;
    int sub_x, sub_y; /* chroma subsampled horizontally / vertically */
    int simd;
    vt_hvs_tables tab[3];
};

/* ------------------------------------------------------------------ Daala's integer DCT */

/* a / 2^b rounded towards zero for b = 1 (the sign bit is added before the arithmetic shift). */
static inline int32_t half_toward_zero(int32_t a)
{
    return (int32_t)(((uint32_t)a >> 31) + (uint32_t)a) >> 1;
}

/* (a * m + r) >> s as Daala writes it, in 32-bit int arithmetic. */
static inline int32_t mulshift(int32_t a, int32_t m, int32_t r, int s)
{
    return (a * m + r) >> s;
}

/* One 8-point forward transform: in[k * stride] -> out[0..7]. Lifting steps in Daala's order. */
static void fdct8(int32_t *out, const int32_t *in, int stride)
{
    int32_t a0 = in[0 * stride], a4 = in[1 * stride], a2 = in[2 * stride], a6 = in[3 * stride];
    int32_t a7 = in[4 * stride], a3 = in[5 * stride], a5 = in[6 * stride], a1 = in[7 * stride];

    a1 = a0 - a1;
    const int32_t a1h = half_toward_zero(a1);
    a0 -= a1h;
    a4 += a5;
    const int32_t a4h = half_toward_zero(a4);
    a5 -= a4h;
    a3 = a2 - a3;
    a2 -= half_toward_zero(a3);
    a6 += a7;
    const int32_t a6h = half_toward_zero(a6);
    a7 = a6h - a7;

    /* 4-point DCT-II */
    a0 += a6h;
    a6 = a0 - a6;
    a2 = a4h - a2;
    a4 = a2 - a4;
    /* 2-point DCT-II */
    a0 -= mulshift(a4, 13573, 16384, 15);
    a4 += mulshift(a0, 11585, 8192, 14);
    a0 -= mulshift(a4, 13573, 16384, 15);
    /* 2-point DST-IV */
    a6 -= mulshift(a2, 21895, 16384, 15);
    a2 += mulshift(a6, 15137, 8192, 14);
    a6 -= mulshift(a2, 21895, 16384, 15);
    /* 4-point DST-IV */
    a3 += mulshift(a5, 19195, 16384, 15);
    a5 += mulshift(a3, 11585, 8192, 14);
    a3 -= mulshift(a5, 7489, 4096, 13);
    a7 = half_toward_zero(a5) - a7;
    a5 -= a7;
    a3 = a1h - a3;
    a1 -= a3;
    a7 += mulshift(a1, 3227, 16384, 15);
    a1 -= mulshift(a7, 6393, 16384, 15);
    a7 += mulshift(a1, 3227, 16384, 15);
    a5 += mulshift(a3, 2485, 4096, 13);
    a3 -= mulshift(a5, 18205, 16384, 15);
    a5 += mulshift(a3, 2485, 4096, 13);

    out[0] = a0; out[1] = a1; out[2] = a2; out[3] = a3;
    out[4] = a4; out[5] = a5; out[6] = a6; out[7] = a7;
}

/* Columns first (each column becomes a row of tmp), then the columns of tmp. */
void vt_hvs_fdct8x8(int32_t *blk)
{
    int32_t tmp[64];
    for (int i = 0; i < 8; i++) fdct8(tmp + 8 * i, blk + i, 8);
    for (int i = 0; i < 8; i++) fdct8(blk + 8 * i, tmp + i, 8);
}

/* ------------------------------------------------------------------ one plane */

static inline float block_ratio(const int32_t *b)
{
    float gmean = 0, means[4] = {0, 0, 0, 0}, gvar = 0, vars[4] = {0, 0, 0, 0};
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            const int q = ((i & 12) >> 2) + ((j & 12) >> 1);
            gmean += b[i * 8 + j];
            means[q] += b[i * 8 + j];
        }
    gmean /= 64.f;
    for (int q = 0; q < 4; q++) means[q] /= 16.f;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            const int q = ((i & 12) >> 2) + ((j & 12) >> 1);
            gvar += (b[i * 8 + j] - gmean) * (b[i * 8 + j] - gmean);
            vars[q] += (b[i * 8 + j] - means[q]) * (b[i * 8 + j] - means[q]);
        }
    gvar *= VT_HVS_GVAR_SCALE;
    for (int q = 0; q < 4; q++) vars[q] *= VT_HVS_QVAR_SCALE;
    if (gvar > 0) gvar = (vars[0] + vars[1] + vars[2] + vars[3]) / gvar;
    return gvar;
}

static inline float block_mask(const int32_t *d, const float *mask, float ratio)
{
    float e = 0;
    for (int i = 0; i < 8; i++)
        for (int j = (i == 0); j < 8; j++) {
            /* int product as libvmaf forms it (wrapping instead of overflowing) */
            const int32_t sq = (int32_t)((uint32_t)d[i * 8 + j] * (uint32_t)d[i * 8 + j]);
            e += sq * mask[i * 8 + j];
        }
    return sqrt(e * ratio) / 32.f;
}

/* The 64 error terms of the block at (x, y). */
static void block_terms(const vt_plane *ps, const vt_plane *pd, int x, int y, int bpc,
                        const vt_hvs_tables *t, float *terms)
{
    int32_t bs[64], bd[64];
    for (int i = 0; i < 8; i++) {
        const uint8_t *rs8 = (const uint8_t *)ps->data + (y + i) * ps->stride;
        const uint8_t *rd8 = (const uint8_t *)pd->data + (y + i) * pd->stride;
        for (int j = 0; j < 8; j++) {
            bs[i * 8 + j] = bpc > 8 ? ((const uint16_t *)rs8)[x + j] : rs8[x + j];
            bd[i * 8 + j] = bpc > 8 ? ((const uint16_t *)rd8)[x + j] : rd8[x + j];
        }
    }
    const float ratio_s = block_ratio(bs), ratio_d = block_ratio(bd);
    vt_hvs_fdct8x8(bs);
    vt_hvs_fdct8x8(bd);
    float m = block_mask(bs, t->mask, ratio_s);
    const float md = block_mask(bd, t->mask, ratio_d);
    if (md > m) m = md;
    for (int k = 0; k < 64; k++) {
        float err = abs(bs[k] - bd[k]);
        if (k != 0) err = err < m / t->mask[k] ? 0 : err - m / t->mask[k];
        terms[k] = (err * t->csf[k]) * (err * t->csf[k]);
    }
}

/* Blocks in raster order; the float sum of all their terms in order, divided as libvmaf does. */
static double plane_hvs(const vt_plane *ps, const vt_plane *pd, int w, int h, int bpc,
                        const vt_hvs_tables *t, int simd)
{
    float ret = 0;
    int64_t pixels = 0; /* an int in libvmaf; the same value wherever that does not overflow */
    float terms[64 * 8];
    (void)simd;

    for (int y = 0; y < h - 7; y += 7) {
        int x = 0;
#if VT_HAVE_AVX2_BUILD
        if (simd) {
            for (; x + 7 * 7 < w - 7; x += 7 * 8) {
                vt_hvs_blocks8_avx2(ps->data, ps->stride, pd->data, pd->stride, x, y, bpc, t, terms);
                for (int b = 0; b < 8; b++)
                    for (int k = 0; k < 64; k++) {
                        ret += terms[k * 8 + b];
                        pixels++;
                    }
            }
        }
#endif
        for (; x < w - 7; x += 7) {
            block_terms(ps, pd, x, y, bpc, t, terms);
            for (int k = 0; k < 64; k++) {
                ret += terms[k];
                pixels++;
            }
        }
    }
    ret /= pixels;
    const int32_t peak = (1 << bpc) - 1;
    ret /= peak * peak;
    return ret;
}

/* ------------------------------------------------------------------ API */

int vt_psnr_hvs_new(vt_psnr_hvs **out, int w, int h, int bpc, int chroma)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, 1);
    if (err) return err;
    if (bpc > VT_PSNR_HVS_MAX_BPC) return VT_EINVAL;
    if (chroma != 420 && chroma != 422 && chroma != 444) return VT_EINVAL;
    vt_psnr_hvs *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->bpc = bpc;
    s->simd = vt_simd_active();
    s->w[0] = w;
    s->h[0] = h;
    s->sub_x = chroma != 444;
    s->sub_y = chroma == 420;
    s->w[1] = s->w[2] = chroma == 444 ? w : w >> 1;
    s->h[1] = s->h[2] = chroma == 420 ? h >> 1 : h;
    for (int p = 0; p < 3; p++)
        if (s->w[p] < 8 || s->h[p] < 8) {
            free(s);
            return VT_ETOOSMALL;
        }
    const float *csf[3] = {csf_y, csf_cb, csf_cr};
    for (int p = 0; p < 3; p++)
        for (int k = 0; k < 64; k++) {
            s->tab[p].csf[k] = csf[p][k];
            s->tab[p].mask[k] = (csf[p][k] * 0.3885746225901003) * (csf[p][k] * 0.3885746225901003);
        }
    *out = s;
    return VT_OK;
}

void vt_psnr_hvs_free(vt_psnr_hvs *s)
{
    free(s);
}

/* A subsampled chroma plane may be the rounded-up layout: one more column (row) than libvmaf
   reads when the width (height) is subsampled. */
static int check_plane(const vt_plane *p, int w, int h, int bpc, int slack_x, int slack_y)
{
    if (!p) return VT_EINVAL;
    vt_plane q = *p;
    if (q.w == w + 1 && slack_x) q.w = w;
    if (q.h == h + 1 && slack_y) q.h = h;
    return vt_check_plane(&q, w, h, bpc);
}

static double to_db(double score)
{
    return 10 * (-1 * log10(1.0 * score));
}

int vt_psnr_hvs_compute(vt_psnr_hvs *s, const vt_plane ref[3], const vt_plane dis[3], double *scores)
{
    if (!s || !ref || !dis || !scores) return VT_EINVAL;
    for (int p = 0; p < 3; p++) {
        const int sx = p > 0 && s->sub_x, sy = p > 0 && s->sub_y;
        int err = check_plane(&ref[p], s->w[p], s->h[p], s->bpc, sx, sy);
        if (!err) err = check_plane(&dis[p], s->w[p], s->h[p], s->bpc, sx, sy);
        if (err) return err;
    }
    double v[3];
    for (int p = 0; p < 3; p++) {
        v[p] = plane_hvs(&ref[p], &dis[p], s->w[p], s->h[p], s->bpc, &s->tab[p], s->simd);
        scores[p] = to_db(v[p]);
    }
    scores[3] = to_db(v[0] * .8 + .1 * (v[1] + v[2]));
    return VT_OK;
}
