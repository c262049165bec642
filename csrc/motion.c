/*
 * Integer motion: the mean absolute value of the Gaussian-blurred difference between two
 * consecutive reference frames, in libvmaf's fixed point (5-tap Q16 filter, mirrored edges).
 *
 * The blur is linear, so blurring the difference once equals differencing two blurred frames
 * up to rounding; the rounding below is the one libvmaf 3.x uses and must not change.
 */
#include <string.h>

#include "motion.h"
#include "x86/motion_avx2.h"

static uint64_t sad_rows_c(const vt_motion *m, const vt_plane *prev, const vt_plane *cur);

int vt_motion_new(vt_motion **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_size(w, h, bpc, VT_MOTION_MIN_W, VT_MOTION_MIN_H);
    if (err) return err;
    vt_motion *m = calloc(1, sizeof(*m));
    if (!m) return VT_ENOMEM;
    m->row_buf = vt_alloc(sizeof(int32_t) * ((size_t)w + 2 * MOTION_ROW_PAD));
    if (!m->row_buf) {
        free(m);
        return VT_ENOMEM;
    }
    m->row = m->row_buf + MOTION_ROW_PAD;
    m->sad_rows = sad_rows_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) m->sad_rows = vt_motion_sad_rows_avx2;
#endif
    m->w = w;
    m->h = h;
    m->bpc = bpc;
    *out = m;
    return VT_OK;
}

void vt_motion_free(vt_motion *m)
{
    if (!m) return;
    vt_free(m->row_buf);
    free(m);
}

/* Sum over the frame of |blur(prev - cur)|: the reference implementation. */
static uint64_t sad_rows_c(const vt_motion *m, const vt_plane *prev, const vt_plane *cur)
{
    const int w = m->w, h = m->h, bpc = m->bpc, wide = bpc > 8;
    int32_t *row = m->row;
    uint64_t sad = 0;

    for (int i = 0; i < h; i++) {
        const uint8_t *pr[5], *cr[5];
        motion_tap_rows(prev, cur, i, pr, cr);
        int32_t nonzero = 0;
        for (int j = 0; j < w; j++) {
            row[j] = motion_vertical_diff(pr, cr, j, wide, bpc);
            nonzero |= row[j];
        }
        if (!nonzero) continue;
        for (int j = 0; j < w; j++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += motion_taps[k] * (int64_t)row[motion_reflect(j - 2 + k, w)];
            const int32_t v = (int32_t)((acc + (1 << 15)) >> 16);
            sad += (uint64_t)(v < 0 ? -v : v);
        }
    }
    return sad;
}

int vt_motion_compute(vt_motion *m, const vt_plane *prev, const vt_plane *cur, double *score)
{
    if (!m || !score) return VT_EINVAL;
    int err = vt_check_plane(prev, m->w, m->h, m->bpc);
    if (!err) err = vt_check_plane(cur, m->w, m->h, m->bpc);
    if (err) return err;

    const uint64_t sad = m->sad_rows(m, prev, cur);
    const double v = (double)sad / 256. / ((double)m->w * m->h);
    *score = v < 10000.0 ? v : 10000.0; /* libvmaf's motion_max_val */
    return VT_OK;
}
