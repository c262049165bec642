/*
 * float_ssim: libvmaf's float SSIM (feature "float_ssim"; options enable_lcs, enable_db, clip_db,
 * scale). The luma plane becomes floats (v, or v / 2^(bpc-8) above 8 bits: the 0..255 range at
 * every depth), is optionally decimated by `scale` with a scale x scale box filter, and goes
 * through the IQA SSIM of iqa_ssim.h with the 11x11 Gaussian window.
 *
 * scale 0 means automatic, as libvmaf: max(1, round(min(w, h) / 256)) with the IQA rounding
 * (halves away from zero), e.g. 1 at 640x272 and 640x360, 3 at 1280x720, 4 at 1920x1080.
 */
#include <math.h>

#include "iqa_ssim.h"

struct vt_float_ssim {
    int w, h, bpc;
    int scale;             /* effective decimation factor */
    int sw, sh;            /* size after decimation */
    int enable_db;
    double max_db;
    float *ref, *cmp;      /* w x h (the scalar path decimates them in place, as libvmaf) */
    float *dref, *dcmp;    /* sw x sh: where the AVX2 path decimates to */
    float *scratch;
    float *box;            /* scale x scale kernel */
    vt_iqa_ws ws;
};

/* IQA's _round(): a - (int)a >= 0.5 rounds away from zero. */
static int iqa_round(float a)
{
    const int sign = a > 0.0f ? 1 : -1;
    return a - (int)a >= 0.5 ? (int)a + sign : (int)a;
}

int vt_float_ssim_auto_scale(int w, int h)
{
    const int m = w < h ? w : h;
    const int r = iqa_round((float)m / 256.0f);
    return r > 1 ? r : 1;
}

int vt_float_ssim_new(vt_float_ssim **out, int w, int h, int bpc, const vt_ssim_opts *o)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, 1);
    if (err) return err;
    if (o && (o->scale < 0 || o->scale > 10)) return VT_EINVAL;
    const int scale = (o && o->scale > 0) ? o->scale : vt_float_ssim_auto_scale(w, h);
    const int sw = scale > 1 ? vt_iqa_decimated(w, scale) : w;
    const int sh = scale > 1 ? vt_iqa_decimated(h, scale) : h;
    if (sw < IQA_WIN || sh < IQA_WIN) return VT_ETOOSMALL;

    vt_float_ssim *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->scale = scale;
    s->sw = sw;
    s->sh = sh;
    s->enable_db = o ? !!o->enable_db : 0;
    s->max_db = vt_iqa_max_db(w, h, bpc, o ? o->clip_db : 0);
    const size_t plane = (size_t)w * h * sizeof(float);
    s->ref = vt_alloc(plane);
    s->cmp = vt_alloc(plane);
    s->box = vt_alloc((size_t)scale * scale * sizeof(float));
    s->dref = vt_alloc((size_t)sw * sh * sizeof(float));
    s->dcmp = vt_alloc((size_t)sw * sh * sizeof(float));
    s->scratch = vt_alloc(vt_iqa_box_scratch(w, scale) * sizeof(float));
    const int ok = s->ref && s->cmp && s->box && s->dref && s->dcmp && s->scratch;
    err = ok ? vt_iqa_ws_init(&s->ws, sw, vt_simd_active()) : VT_ENOMEM;
    if (err) {
        vt_float_ssim_free(s);
        return err;
    }
    for (int i = 0; i < scale * scale; i++) s->box[i] = 1.0f / (scale * scale);
    *out = s;
    return VT_OK;
}

void vt_float_ssim_free(vt_float_ssim *s)
{
    if (!s) return;
    vt_iqa_ws_free(&s->ws);
    vt_free(s->ref);
    vt_free(s->cmp);
    vt_free(s->box);
    vt_free(s->dref);
    vt_free(s->dcmp);
    vt_free(s->scratch);
    free(s);
}

int vt_float_ssim_scale(const vt_float_ssim *s)
{
    return s ? s->scale : VT_EINVAL;
}

int vt_float_ssim_compute(vt_float_ssim *s, const vt_plane *ref, const vt_plane *dis,
                          double *score, double *lcs)
{
    if (!s || !score) return VT_EINVAL;
    int err = vt_check_plane(ref, s->w, s->h, s->bpc);
    if (!err) err = vt_check_plane(dis, s->w, s->h, s->bpc);
    if (err) return err;

    vt_iqa_load(s->ref, ref);
    vt_iqa_load(s->cmp, dis);
    const float *a = s->ref, *b = s->cmp;
    if (s->scale > 1) {
        a = s->ws.k.decimate_box(s->ref, s->w, s->h, s->scale, s->box, s->dref, s->scratch);
        b = s->ws.k.decimate_box(s->cmp, s->w, s->h, s->scale, s->box, s->dcmp, s->scratch);
    }
    float l, c, sv;
    const float ssim = vt_iqa_ssim(a, b, s->sw, s->sh, &s->ws, &l, &c, &sv);
    *score = s->enable_db ? vt_iqa_to_db((double)ssim, s->max_db) : (double)ssim;
    if (lcs) {
        lcs[0] = l;
        lcs[1] = c;
        lcs[2] = sv;
    }
    return VT_OK;
}
