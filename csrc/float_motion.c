/*
 * Float motion (libvmaf's float_motion, JSON "motion"): the mean absolute difference between
 * two Gaussian-blurred reference frames, in single precision.
 *
 * Samples become floats as v / 2^(bpc-8) - 128. Each frame is blurred with a separable 5-tap
 * filter (vertical pass, then horizontal pass; edges mirrored without repeating the border
 * sample); the score is the row-wise float sum of |blur(prev) - blur(cur)| divided by w * h.
 * Rows are produced and consumed one at a time, so no blurred frame is ever stored.
 */
#include <math.h>

#include "vt_internal.h"

#define RADIUS 2
#define MOTION_MAX 10000.0 /* libvmaf's default motion_max_val */

static const float blur_taps[2 * RADIUS + 1] = {
    0.054488685, 0.244201342, 0.402619947, 0.244201342, 0.054488685, /* double -> float */
};

struct vt_float_motion {
    int w, h, bpc;
    ptrdiff_t fstride;  /* floats per row of the converted planes */
    float *prev, *cur;  /* converted frames */
    float *vrow[2];     /* vertical pass of one row, RADIUS mirrored columns each side */
    float *hrow[2];     /* blurred row */
    float *buf;
};

static inline int reflect(int i, int n)
{
    if (i < 0) return -i;
    if (i >= n) return 2 * n - i - 2;
    return i;
}


/* One blurred row: vertical taps over mirrored rows, then horizontal taps over mirrored columns.
   Each output is a float sum accumulated from zero in tap order. */
static void blur_row(const float *plane, ptrdiff_t stride, int w, int h, int i, float *v, float *out)
{
    const float *rows[2 * RADIUS + 1];
    for (int k = 0; k <= 2 * RADIUS; k++) rows[k] = plane + reflect(i - RADIUS + k, h) * stride;
    for (int j = 0; j < w; j++) {
        float acc = 0.0f;
        for (int k = 0; k <= 2 * RADIUS; k++) acc += blur_taps[k] * rows[k][j];
        v[j] = acc;
    }
    for (int m = 1; m <= RADIUS; m++) {
        v[-m] = v[m];
        v[w - 1 + m] = v[w - 1 - m];
    }
    for (int j = 0; j < w; j++) {
        float acc = 0.0f;
        for (int k = 0; k <= 2 * RADIUS; k++) acc += blur_taps[k] * v[j - RADIUS + k];
        out[j] = acc;
    }
}

int vt_float_motion_new(vt_float_motion **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_FLOAT_MOTION_MIN_W, VT_FLOAT_MOTION_MIN_H) /* RADIUS + 1 */;
    if (err) return err;
    vt_float_motion *m = calloc(1, sizeof(*m));
    if (!m) return VT_ENOMEM;
    m->w = w;
    m->h = h;
    m->bpc = bpc;
    m->fstride = ((ptrdiff_t)w + 15) & ~(ptrdiff_t)15;
    const size_t plane = (size_t)m->fstride * h;
    const size_t vlen = ((size_t)w + 2 * RADIUS + 15) & ~(size_t)15;
    m->prev = vt_alloc(plane * sizeof(float));
    m->cur = vt_alloc(plane * sizeof(float));
    m->buf = vt_alloc((2 * vlen + 2 * (size_t)m->fstride) * sizeof(float));
    if (!m->prev || !m->cur || !m->buf) {
        vt_float_motion_free(m);
        return VT_ENOMEM;
    }
    for (int k = 0; k < 2; k++) {
        m->vrow[k] = m->buf + k * vlen + RADIUS;
        m->hrow[k] = m->buf + 2 * vlen + k * m->fstride;
    }
    *out = m;
    return VT_OK;
}

void vt_float_motion_free(vt_float_motion *m)
{
    if (!m) return;
    vt_free(m->prev);
    vt_free(m->cur);
    vt_free(m->buf);
    free(m);
}

int vt_float_motion_compute(vt_float_motion *m, const vt_plane *prev, const vt_plane *cur,
                            double *score)
{
    if (!m || !score) return VT_EINVAL;
    int err = vt_check_plane(prev, m->w, m->h, m->bpc);
    if (!err) err = vt_check_plane(cur, m->w, m->h, m->bpc);
    if (err) return err;

    const int w = m->w, h = m->h;
    vt_load_float(m->prev, m->fstride, prev);
    vt_load_float(m->cur, m->fstride, cur);

    float sum = 0.0f;
    for (int i = 0; i < h; i++) {
        blur_row(m->prev, m->fstride, w, h, i, m->vrow[0], m->hrow[0]);
        blur_row(m->cur, m->fstride, w, h, i, m->vrow[1], m->hrow[1]);
        float row_sum = 0.0f;
        for (int j = 0; j < w; j++) row_sum += fabsf(m->hrow[0][j] - m->hrow[1][j]);
        sum += row_sum;
    }
    const double v = sum / (float)((int64_t)w * h);
    *score = v < MOTION_MAX ? v : MOTION_MAX;
    return VT_OK;
}
