/*
 * PSNR per plane (libvmaf's "psnr" extractor: psnr_y, psnr_cb, psnr_cr), from the exact integer
 * sum of squared differences:
 *
 *   mse  = sse / (w * h)                         (w, h of the plane as libvmaf allocates it)
 *   psnr = min(10 log10(peak^2 / max(mse, 1e-16)), psnr_max)
 *
 * peak is 2^bpc - 1, or 255 * 2^(bpc - 8) with reduced_hbd_peak (8-bit always uses 255).
 * psnr_max is 6 bpc + 12 unless min_sse > 0; then it is ceil(10 log10(peak^2 / (min_sse / n)))
 * with n the pixel count of the plane (chroma: (w / 2) x (h / 2) or w / 2 x h as subsampled).
 * Chroma planes of subsampled odd sizes are read as libvmaf reads them: w >> 1 by h >> 1 (the
 * last column / row of a (w + 1) / 2 plane is ignored).
 *
 * APSNR (libvmaf's aggregate apsnr_y/cb/cr) is computed from the SSE and pixel counts summed
 * over all frames: see vt_psnr_apsnr().
 */
#include <math.h>

#include "chroma_layout.h"
#include "psnr.h"

struct vt_psnr {
    int w, h, bpc;
    int chroma_w, chroma_h; /* chroma plane sizes the caller passes */
    int layout;
    int planes;             /* 1 (luma only) or 3 */
    int pw[3], ph[3];       /* plane sizes libvmaf computes over */
    double peak_sq;
    double psnr_max[3];
    vt_sse_fn sse;
};

uint64_t vt_sse8_c(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b, ptrdiff_t b_stride,
                   int w, int h)
{
    uint64_t total = 0;
    for (int i = 0; i < h; i++, a += a_stride, b += b_stride) {
        uint32_t row = 0; /* at most 65025 * 65536 < 2^32 */
        for (int j = 0; j < w; j++) {
            const int d = (int)a[j] - (int)b[j];
            row += (uint32_t)(d * d);
        }
        total += row;
    }
    return total;
}

uint64_t vt_sse16_c(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b, ptrdiff_t b_stride,
                    int w, int h)
{
    uint64_t total = 0;
    for (int i = 0; i < h; i++, a += a_stride, b += b_stride) {
        const uint16_t *x = (const uint16_t *)a, *y = (const uint16_t *)b;
        for (int j = 0; j < w; j++) {
            const uint32_t d = x[j] > y[j] ? (uint32_t)(x[j] - y[j]) : (uint32_t)(y[j] - x[j]);
            total += d * d; /* d * d <= 65535^2 fits 32 bits */
        }
    }
    return total;
}

static uint32_t psnr_peak(int bpc, int reduced_hbd_peak)
{
    return reduced_hbd_peak ? 255u << (bpc - 8) : (1u << bpc) - 1u;
}

int vt_psnr_new(vt_psnr **out, int w, int h, int bpc, int chroma_w, int chroma_h,
                const vt_psnr_opts *opts)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, VT_PSNR_MIN_W);
    if (err) return err;
    if (h < VT_PSNR_MIN_H) return VT_ETOOSMALL;
    const int layout = vt_chroma_layout(w, h, chroma_w, chroma_h);
    if (layout < 0) return VT_EINVAL;
    const vt_psnr_opts defaults = {1, 0, 0.0};
    if (!opts) opts = &defaults;
    if (!(opts->min_sse >= 0.0) || !isfinite(opts->min_sse)) return VT_EINVAL;

    vt_psnr *s = calloc(1, sizeof(*s));
    if (!s) return VT_ENOMEM;
    s->w = w;
    s->h = h;
    s->bpc = bpc;
    s->chroma_w = chroma_w;
    s->chroma_h = chroma_h;
    s->layout = layout;
    s->planes = (opts->enable_chroma && layout != VT_LAYOUT_400) ? 3 : 1;
    s->pw[0] = w;
    s->ph[0] = h;
    vt_libvmaf_chroma_size(layout, w, h, &s->pw[1], &s->ph[1]);
    s->pw[2] = s->pw[1];
    s->ph[2] = s->ph[1];

    /* libvmaf squares the peak in 32-bit unsigned arithmetic (no overflow up to 16 bits) */
    const uint32_t peak = psnr_peak(bpc, opts->reduced_hbd_peak);
    s->peak_sq = (double)(peak * peak);
    const int ss_hor = layout != VT_LAYOUT_444, ss_ver = layout == VT_LAYOUT_420;
    for (int p = 0; p < 3; p++) {
        if (opts->min_sse != 0.0) {
            const unsigned pw = (p && ss_hor) ? (unsigned)w / 2 : (unsigned)w;
            const unsigned ph = (p && ss_ver) ? (unsigned)h / 2 : (unsigned)h;
            const double mse_floor = opts->min_sse / (pw * ph);
            s->psnr_max[p] = ceil(10. * log10(s->peak_sq / mse_floor));
        } else {
            s->psnr_max[p] = 6 * bpc + 12;
        }
    }

    s->sse = bpc > 8 ? vt_sse16_c : vt_sse8_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) s->sse = bpc > 8 ? vt_sse16_avx2 : vt_sse8_avx2;
#endif
    *out = s;
    return VT_OK;
}

void vt_psnr_free(vt_psnr *s) { free(s); }

int vt_psnr_compute(vt_psnr *s, const vt_plane ref[3], const vt_plane dis[3], double psnr[3],
                    double mse[3], uint64_t sse[3], uint64_t npix[3])
{
    if (!s || !ref || !dis || !psnr) return VT_EINVAL;
    for (int p = 0; p < s->planes; p++) {
        const int w = p ? s->chroma_w : s->w, h = p ? s->chroma_h : s->h;
        int err = vt_check_plane(&ref[p], w, h, s->bpc);
        if (!err) err = vt_check_plane(&dis[p], w, h, s->bpc);
        if (err) return err;
    }
    for (int p = 0; p < 3; p++) {
        if (p >= s->planes) {
            psnr[p] = NAN;
            if (mse) mse[p] = NAN;
            if (sse) sse[p] = 0;
            if (npix) npix[p] = 0;
            continue;
        }
        const uint64_t e = s->sse(ref[p].data, ref[p].stride, dis[p].data, dis[p].stride,
                                  s->pw[p], s->ph[p]);
        const unsigned n = (unsigned)s->pw[p] * (unsigned)s->ph[p];
        const double m = (double)e / n;
        const double floored = m > 1e-16 ? m : 1e-16;
        const double db = 10. * log10(s->peak_sq / floored);
        psnr[p] = db < s->psnr_max[p] ? db : s->psnr_max[p];
        if (mse) mse[p] = m;
        if (sse) sse[p] = e;
        if (npix) npix[p] = n;
    }
    return VT_OK;
}

int vt_psnr_apsnr(int bpc, int reduced_hbd_peak, uint64_t sse, uint64_t npix, double *apsnr)
{
    if (!apsnr || bpc < 8 || bpc > 16) return VT_EINVAL;
    const uint32_t peak = psnr_peak(bpc, reduced_hbd_peak);
    const uint32_t peak_sq = peak * peak;
    const double db = 10 * (log10(peak_sq) + log10((double)npix) - log10((double)sse));
    const double cap = ceil(10 * log10((double)(peak_sq * npix * 2)));
    *apsnr = db < cap ? db : cap;
    return VT_OK;
}
