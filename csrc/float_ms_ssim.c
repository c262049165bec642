/*
 * float_ms_ssim: libvmaf's float MS-SSIM (feature "float_ms_ssim"; options enable_lcs, enable_db,
 * clip_db), Wang's five-scale form on the IQA SSIM of iqa_ssim.h.
 *
 * Scale 0 is the luma as floats (v, or v / 2^(bpc-8)); scale k is scale k-1 decimated by 2 with
 * the 9x9 (2-D, not separable) 9/7 biorthogonal low-pass below, mirrored edges, to
 * (w/2 + (w&1)) x (h/2 + (h&1)). Each scale gives the float means l, c, s, and
 * ms_ssim = prod_k pow(l_k, alpha_k) * pow(c_k, beta_k) * pow(s_k, gamma_k) in double.
 * libvmaf refuses frames with (w >> k) or (h >> k) below 11 for some k < 5, i.e. under 176.
 */
#include <math.h>

#include "iqa_ssim.h"

#define SCALES 5
#define LPF 9

static const float lpf[LPF * LPF] = {
    0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f, 0.007132f, -0.002090f, -0.000450f, 0.000714f,
    -0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f, -0.004490f, 0.001316f, 0.000283f, -0.000450f,
    -0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f, -0.020867f, 0.006115f, 0.001316f, -0.002090f,
    0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f, 0.071207f, -0.020867f, -0.004490f, 0.007132f,
    0.016114f, -0.010146f, -0.047149f, 0.160885f, 0.363505f, 0.160885f, -0.047149f, -0.010146f, 0.016114f,
    0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f, 0.071207f, -0.020867f, -0.004490f, 0.007132f,
    -0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f, -0.020867f, 0.006115f, 0.001316f, -0.002090f,
    -0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f, -0.004490f, 0.001316f, 0.000283f, -0.000450f,
    0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f, 0.007132f, -0.002090f, -0.000450f, 0.000714f,
};

static const float alphas[SCALES] = {0.0000f, 0.0000f, 0.0000f, 0.0000f, 0.1333f};
static const float betas[SCALES] = {0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f};
static const float gammas[SCALES] = {0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f};

struct vt_float_ms_ssim {
    int w, h, bpc;
    int enable_db;
    double max_db;
    int sw[SCALES], sh[SCALES];
    float *ref[SCALES], *cmp[SCALES];
    float *scratch;  /* for ws.k.decimate_lpf2 */
    vt_iqa_ws ws;
};

int vt_float_ms_ssim_new(vt_float_ms_ssim **out, int w, int h, int bpc, const vt_ssim_opts *o)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, 1);
    if (err) return err;
    if (o && o->scale != 0) return VT_EINVAL; /* float_ms_ssim has no scale option */
    if (w < VT_FLOAT_MS_SSIM_MIN_W || h < VT_FLOAT_MS_SSIM_MIN_H) return VT_ETOOSMALL;

    vt_float_ms_ssim *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->enable_db = o ? !!o->enable_db : 0;
    s->max_db = vt_iqa_max_db(w, h, bpc, o ? o->clip_db : 0);
    int ok = 1;
    for (int k = 0; k < SCALES; k++) {
        s->sw[k] = k ? vt_iqa_decimated(s->sw[k - 1], 2) : w;
        s->sh[k] = k ? vt_iqa_decimated(s->sh[k - 1], 2) : h;
        const size_t plane = (size_t)s->sw[k] * s->sh[k] * sizeof(float);
        s->ref[k] = vt_alloc(plane);
        s->cmp[k] = vt_alloc(plane);
        ok = ok && s->ref[k] && s->cmp[k];
    }
    s->scratch = vt_alloc(vt_iqa_lpf2_scratch(w, h) * sizeof(float));
    ok = ok && s->scratch;
    err = ok ? vt_iqa_ws_init(&s->ws, w, vt_simd_active()) : VT_ENOMEM;
    if (err) {
        vt_float_ms_ssim_free(s);
        return err;
    }
    *out = s;
    return VT_OK;
}

void vt_float_ms_ssim_free(vt_float_ms_ssim *s)
{
    if (!s) return;
    vt_iqa_ws_free(&s->ws);
    vt_free(s->scratch);
    for (int k = 0; k < SCALES; k++) {
        vt_free(s->ref[k]);
        vt_free(s->cmp[k]);
    }
    free(s);
}

int vt_float_ms_ssim_compute(vt_float_ms_ssim *s, const vt_plane *ref, const vt_plane *dis,
                             double *score, double *lcs)
{
    if (!s || !score) return VT_EINVAL;
    int err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;

    vt_iqa_load(s->ref[0], ref);
    vt_iqa_load(s->cmp[0], dis);
    for (int k = 1; k < SCALES; k++) {
        s->ws.k.decimate_lpf2(s->ref[k - 1], s->sw[k - 1], s->sh[k - 1], lpf, s->ref[k], s->scratch);
        s->ws.k.decimate_lpf2(s->cmp[k - 1], s->sw[k - 1], s->sh[k - 1], lpf, s->cmp[k], s->scratch);
    }
    double msssim = 1.0;
    for (int k = 0; k < SCALES; k++) {
        float l, c, sv;
        vt_iqa_ssim(s->ref[k], s->cmp[k], s->sw[k], s->sh[k], &s->ws, &l, &c, &sv);
        msssim *= pow(l, alphas[k]) * pow(c, betas[k]) * pow(sv, gammas[k]);
        if (lcs) {
            lcs[k] = l;
            lcs[SCALES + k] = c;
            lcs[2 * SCALES + k] = sv;
        }
    }
    *score = s->enable_db ? vt_iqa_to_db(msssim, s->max_db) : msssim;
    return VT_OK;
}
