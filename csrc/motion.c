/*
 * Integer motion: the mean absolute value of the Gaussian-blurred difference between two
 * consecutive reference frames, in libvmaf's fixed point (5-tap Q16 filter, mirrored edges).
 *
 * The blur is linear, so blurring the difference once equals differencing two blurred frames
 * up to rounding; the rounding below is the one libvmaf 3.x uses and must not change.
 */
#include <string.h>

#include "vt_internal.h"

static const int32_t motion_taps[5] = {3571, 16004, 26386, 16004, 3571};

struct vt_motion {
    int w, h, bpc;
    int32_t *row; /* one row of the vertically filtered difference */
};

/* Reflects an index into [0, size) without repeating the edge sample (needs size >= 3). */
static inline int reflect(int i, int size)
{
    if (i < 0) return -i;
    if (i >= size) return 2 * size - i - 2;
    return i;
}

static inline int32_t sample(const uint8_t *row, int j, int wide)
{
    return wide ? ((const uint16_t *)row)[j] : row[j];
}

int vt_motion_new(vt_motion **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, 3);
    if (err) return err;
    vt_motion *m = calloc(1, sizeof(*m));
    if (!m) return VT_ENOMEM;
    m->row = vt_alloc(sizeof(int32_t) * (size_t)w);
    if (!m->row) {
        free(m);
        return VT_ENOMEM;
    }
    m->w = w;
    m->h = h;
    m->bpc = bpc;
    *out = m;
    return VT_OK;
}

void vt_motion_free(vt_motion *m)
{
    if (!m) return;
    vt_free(m->row);
    free(m);
}

int vt_motion_compute(vt_motion *m, const vt_plane *prev, const vt_plane *cur, double *score)
{
    if (!m || !score) return VT_EINVAL;
    int err = vt_check_plane(prev, m->w, m->h, m->bpc);
    if (!err) err = vt_check_plane(cur, m->w, m->h, m->bpc);
    if (err) return err;

    const int w = m->w, h = m->h, wide = m->bpc > 8;
    const int shift = m->bpc;
    const int64_t round_v = (int64_t)1 << (m->bpc - 1);
    const uint8_t *p0 = prev->data, *c0 = cur->data;
    int32_t *row = m->row;
    uint64_t sad = 0;

    for (int i = 0; i < h; i++) {
        const uint8_t *pr[5], *cr[5];
        for (int k = 0; k < 5; k++) {
            const int r = reflect(i - 2 + k, h);
            pr[k] = p0 + r * prev->stride;
            cr[k] = c0 + r * cur->stride;
        }
        int32_t nonzero = 0;
        for (int j = 0; j < w; j++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += motion_taps[k] * (int64_t)(sample(pr[k], j, wide) - sample(cr[k], j, wide));
            row[j] = (int32_t)((acc + round_v) >> shift);
            nonzero |= row[j];
        }
        if (!nonzero) continue;
        for (int j = 0; j < w; j++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += motion_taps[k] * (int64_t)row[reflect(j - 2 + k, w)];
            const int32_t v = (int32_t)((acc + (1 << 15)) >> 16);
            sad += (uint64_t)(v < 0 ? -v : v);
        }
    }
    const double v = (double)sad / 256. / ((double)w * h);
    *score = v < 10000.0 ? v : 10000.0; /* libvmaf's motion_max_val */
    return VT_OK;
}
