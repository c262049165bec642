/*
 * libvmaf's IQA SSIM core (see iqa_ssim.h for the arithmetic), shared by float_ssim and
 * float_ms_ssim. The planes are streamed row by row: each input row is filtered horizontally
 * into a ring of IQA_WIN rows per filtered quantity, and each map row is filtered vertically and
 * reduced as soon as its window is complete. Every map value is computed exactly as libvmaf's
 * whole-plane passes compute it, and the sums run in the same raster order.
 */
#include <math.h>
#include <string.h>

#include "iqa_ssim.h"
#if VT_HAVE_AVX2_BUILD
#include "x86/iqa_ssim_avx2.h"
#endif

const float vt_iqa_gauss[IQA_WIN] = {
    0.001028f, 0.007599f, 0.036001f, 0.109361f, 0.213006f, 0.266012f,
    0.213006f, 0.109361f, 0.036001f, 0.007599f, 0.001028f,
};

/* ---------------------------------------------------------------- scalar row kernels */

static void hfilter_c(const float *in, float *out, int n)
{
    for (int x = 0; x < n; x++) {
        double sum = 0.0;
        for (int u = 0; u < IQA_WIN; u++) sum += in[x + u] * vt_iqa_gauss[u];
        out[x] = (float)sum;
    }
}

static void hfilter_prod_c(const float *a, const float *b, float *out, int n)
{
    for (int x = 0; x < n; x++) {
        double sum = 0.0;
        for (int u = 0; u < IQA_WIN; u++) {
            const float p = a[x + u] * b[x + u];
            sum += p * vt_iqa_gauss[u];
        }
        out[x] = (float)sum;
    }
}

static void vfilter_c(const float *const *rows, float *out, int n)
{
    for (int x = 0; x < n; x++) {
        double sum = 0.0;
        for (int v = 0; v < IQA_WIN; v++) sum += rows[v][x] * vt_iqa_gauss[v];
        out[x] = (float)sum;
    }
}

static void hfilter5_c(const float *a, const float *b, float *const *out, int n)
{
    hfilter_c(a, out[0], n);
    hfilter_c(b, out[1], n);
    hfilter_prod_c(a, a, out[2], n);
    hfilter_prod_c(b, b, out[3], n);
    hfilter_prod_c(a, b, out[4], n);
}

static void vfilter5_c(const float *const *rows, float *const *out, int n)
{
    for (int q = 0; q < 5; q++) vfilter_c(rows + q * IQA_WIN, out[q], n);
}

void vt_iqa_pixels_c(const float *mu1, const float *mu2, const float *xx, const float *yy,
                     const float *xy, double *lcs, double *l, double *c, double *s, int n)
{
    const float C1 = (0.01f * 255) * (0.01f * 255);
    const float C2 = (0.03f * 255) * (0.03f * 255);
    const float C3 = C2 / 2.0f;
    for (int x = 0; x < n; x++) {
        float var1 = xx[x] - mu1[x] * mu1[x];
        float var2 = yy[x] - mu2[x] * mu2[x];
        var1 = 0.0 > var1 ? 0.0f : var1;
        var2 = 0.0 > var2 ? 0.0f : var2;
        const float cov = xy[x] - mu1[x] * mu2[x];
        const float sd = (float)sqrt(var1 * var2);
        const double lx = (2.0 * mu1[x] * mu2[x] + C1) / (mu1[x] * mu1[x] + mu2[x] * mu2[x] + C1);
        const double cx = (2.0 * sd + C2) / (var1 + var2 + C2);
        const float cov_c = (cov < 0.0f && sd <= 0.0f) ? 0.0f : cov;
        const float sx = (cov_c + C3) / (sd + C3);
        lcs[x] = lx * cx * sx;
        l[x] = lx;
        c[x] = cx;
        s[x] = sx;
    }
}

static void decimate_lpf2_c(const float *img, int w, int h, const float *kernel, float *dst, float *scratch)
{
    (void)scratch;
    vt_iqa_decimate(img, w, h, 2, kernel, 9, dst);
}

static const float *decimate_box_c(float *img, int w, int h, int f, const float *kernel, float *out,
                                   float *scratch)
{
    (void)out;
    (void)scratch;
    vt_iqa_decimate(img, w, h, f, kernel, f, img);
    return img;
}

void vt_iqa_kernels_init(vt_iqa_kernels *k, int simd)
{
    k->hfilter5 = hfilter5_c;
    k->vfilter5 = vfilter5_c;
    k->pixels = vt_iqa_pixels_c;
    k->decimate_lpf2 = decimate_lpf2_c;
    k->decimate_box = decimate_box_c;
#if VT_HAVE_AVX2_BUILD
    if (simd) {
        k->hfilter5 = vt_iqa_hfilter5_avx2;
        k->vfilter5 = vt_iqa_vfilter5_avx2;
        k->pixels = vt_iqa_pixels_avx2;
        k->decimate_lpf2 = vt_iqa_decimate_lpf2_avx2;
        k->decimate_box = vt_iqa_decimate_box_avx2;
    }
#else
    (void)simd;
#endif
}

/* ---------------------------------------------------------------- workspace */

int vt_iqa_ws_init(vt_iqa_ws *ws, int max_w, int simd)
{
    memset(ws, 0, sizeof(*ws));
    if (max_w < IQA_WIN) return VT_ETOOSMALL;
    ws->max_w = max_w;
    const size_t n = (size_t)(max_w - IQA_WIN + 1);
    ws->ring = vt_alloc(5 * IQA_WIN * n * sizeof(float));
    ws->maps = vt_alloc(5 * n * sizeof(float));
    ws->prod = vt_alloc((size_t)max_w * sizeof(float));
    ws->terms = vt_alloc(4 * n * sizeof(double));
    if (!ws->ring || !ws->maps || !ws->prod || !ws->terms) {
        vt_iqa_ws_free(ws);
        return VT_ENOMEM;
    }
    vt_iqa_kernels_init(&ws->k, simd);
    return VT_OK;
}

void vt_iqa_ws_free(vt_iqa_ws *ws)
{
    vt_free(ws->ring);
    vt_free(ws->maps);
    vt_free(ws->prod);
    vt_free(ws->terms);
    ws->ring = ws->maps = ws->prod = NULL;
    ws->terms = NULL;
}

/* ---------------------------------------------------------------- SSIM */

float vt_iqa_ssim(const float *ref, const float *cmp, int w, int h, vt_iqa_ws *ws,
                  float *l_mean, float *c_mean, float *s_mean)
{
    const int dw = w - IQA_WIN + 1, dh = h - IQA_WIN + 1;
    const size_t n = (size_t)(ws->max_w - IQA_WIN + 1);
    const vt_iqa_kernels *k = &ws->k;
    /* ring[q][r]: quantity q (mu1, mu2, x*x, y*y, x*y) of input row r modulo IQA_WIN */
    float *ring = ws->ring;
#define RING(q, r) (ring + ((size_t)(q) * IQA_WIN + (size_t)(r)) * n)
    double *lcs = ws->terms, *lt = ws->terms + n, *ct = ws->terms + 2 * n, *st = ws->terms + 3 * n;
    double ssim_sum = 0.0, l_sum = 0.0, c_sum = 0.0, s_sum = 0.0;

    for (int r = 0; r < h; r++) {
        const float *a = ref + (size_t)r * w, *b = cmp + (size_t)r * w;
        const int slot = r % IQA_WIN;
        float *hout[5];
        for (int q = 0; q < 5; q++) hout[q] = RING(q, slot);
        k->hfilter5(a, b, hout, dw);
        if (r < IQA_WIN - 1) continue;

        const int y = r - (IQA_WIN - 1); /* map row whose window ends at input row r */
        const float *rows[5 * IQA_WIN];
        float *maps[5];
        for (int q = 0; q < 5; q++) {
            for (int v = 0; v < IQA_WIN; v++) rows[q * IQA_WIN + v] = RING(q, (y + v) % IQA_WIN);
            maps[q] = ws->maps + (size_t)q * n;
        }
        k->vfilter5(rows, maps, dw);
        k->pixels(maps[0], maps[1], maps[2], maps[3], maps[4], lcs, lt, ct, st, dw);
        for (int x = 0; x < dw; x++) {
            ssim_sum += lcs[x];
            l_sum += lt[x];
            c_sum += ct[x];
            s_sum += st[x];
        }
    }
#undef RING
    const double size = (double)((int64_t)dw * dh); /* libvmaf: (double)(w*h) in int */
    *l_mean = (float)(l_sum / size);
    *c_mean = (float)(c_sum / size);
    *s_mean = (float)(s_sum / size);
    return (float)(ssim_sum / size);
}

/* ---------------------------------------------------------------- decimation */

static inline int mirror(int i, int n)
{
    if (i < 0) return -1 - i;
    if (i >= n) return 2 * n - i - 1;
    return i;
}

void vt_iqa_decimate(const float *img, int w, int h, int factor, const float *kernel, int kw, float *dst)
{
    const int sw = vt_iqa_decimated(w, factor), sh = vt_iqa_decimated(h, factor);
    const int lo = -(kw / 2), hi = kw - 1 - kw / 2;
    for (int y = 0; y < sh; y++) {
        for (int x = 0; x < sw; x++) {
            double sum = 0.0;
            int ki = 0;
            for (int v = lo; v <= hi; v++) {
                const float *row = img + (size_t)mirror(y * factor + v, h) * w;
                for (int u = lo; u <= hi; u++, ki++) sum += row[mirror(x * factor + u, w)] * kernel[ki];
            }
            dst[(size_t)y * sw + x] = (float)sum;
        }
    }
}

/* ---------------------------------------------------------------- I/O helpers */

void vt_iqa_load(float *dst, const vt_plane *p)
{
    const uint8_t *src = p->data;
    const float scaler = (float)(1 << (p->bpc - 8));
    for (int i = 0; i < p->h; i++, src += p->stride, dst += p->w) {
        if (p->bpc == 8) {
            for (int j = 0; j < p->w; j++) dst[j] = (float)src[j];
        } else {
            const uint16_t *s16 = (const uint16_t *)src;
            for (int j = 0; j < p->w; j++) dst[j] = (float)s16[j] / scaler;
        }
    }
}

double vt_iqa_max_db(int w, int h, int bpc, int clip_db)
{
    if (!clip_db) return INFINITY;
    const unsigned peak = (1u << bpc) - 1;
    const double mse = 0.5 / ((unsigned)w * (unsigned)h);
    return ceil(10. * log10(peak * peak / mse));
}

double vt_iqa_to_db(double score, double max_db)
{
    const double db = -10. * log10(1 - score);
    return db < max_db ? db : max_db;
}
