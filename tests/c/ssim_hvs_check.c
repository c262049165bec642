/*
 * float_ssim, float_ms_ssim and psnr_hvs under AddressSanitizer/LeakSanitizer/UBSan: argument
 * validation, then random sizes, depths, chroma layouts, options, strides and contents (noise,
 * full-range checkerboards, flat and identical pictures) on both code paths, which must give
 * identical doubles.
 *
 *   gcc -std=c11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
 *       -ffp-contract=off -Icsrc $(CMake's VT_CSRC) tests/c/ssim_hvs_check.c -lm -o ssim_hvs_check
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vt.h"

static int failures;
#define EXPECT(cond)                                                                               \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond);                    \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static uint32_t state = 12345;
static uint32_t rnd(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

/* A w x h plane at bpc bits with a padded stride; mode 0 noise, 1 checkerboard 0/max, 2 flat,
   3 ramp with noise. */
static void *make_plane(int w, int h, int bpc, int mode, ptrdiff_t *stride)
{
    const int bps = bpc > 8 ? 2 : 1, maxv = (1 << bpc) - 1;
    *stride = (ptrdiff_t)(w + (int)(rnd() % 4)) * bps;
    uint8_t *buf = malloc((size_t)*stride * h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int v;
            switch (mode) {
            case 0: v = (int)(rnd() & (uint32_t)maxv); break;
            case 1: v = ((x ^ y) & 1) ? maxv : 0; break;
            case 2: v = maxv / 2; break;
            default: v = (x * 37 + y * 11 + (int)(rnd() & 15)) & maxv; break;
            }
            if (bps == 2) ((uint16_t *)(buf + y * *stride))[x] = (uint16_t)v;
            else buf[y * *stride + x] = (uint8_t)v;
        }
    return buf;
}

static int same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

static void check_errors(void)
{
    vt_float_ssim *s = NULL;
    vt_float_ms_ssim *m = NULL;
    vt_psnr_hvs *p = NULL;
    vt_ssim_opts o = {1, 1, 0};
    EXPECT(vt_float_ssim_new(NULL, 64, 64, 8, &o) == VT_EINVAL);
    EXPECT(vt_float_ssim_new(&s, 64, 64, 7, &o) == VT_EINVAL && s == NULL);
    EXPECT(vt_float_ssim_new(&s, 64, 64, 17, NULL) == VT_EINVAL);
    EXPECT(vt_float_ssim_new(&s, 10, 64, 8, NULL) == VT_ETOOSMALL);
    o.scale = 11;
    EXPECT(vt_float_ssim_new(&s, 640, 640, 8, &o) == VT_EINVAL);
    o.scale = -1;
    EXPECT(vt_float_ssim_new(&s, 640, 640, 8, &o) == VT_EINVAL);
    o.scale = 10;
    EXPECT(vt_float_ssim_new(&s, 100, 640, 8, &o) == VT_ETOOSMALL);
    EXPECT(vt_float_ssim_new(&s, 110, 110, 8, &o) == VT_OK && vt_float_ssim_scale(s) == 10);
    vt_float_ssim_free(s);
    EXPECT(vt_float_ssim_auto_scale(1280, 720) == 3 && vt_float_ssim_auto_scale(383, 2000) == 1 &&
           vt_float_ssim_auto_scale(640, 384) == 2);
    EXPECT(vt_float_ms_ssim_new(&m, 175, 400, 8, NULL) == VT_ETOOSMALL && m == NULL);
    EXPECT(vt_float_ms_ssim_new(&m, 176, 176, 8, &o) == VT_EINVAL); /* scale must be 0 */
    EXPECT(vt_psnr_hvs_new(&p, 64, 64, 13, 420) == VT_EINVAL);
    EXPECT(vt_psnr_hvs_new(&p, 64, 64, 8, 400) == VT_EINVAL);
    EXPECT(vt_psnr_hvs_new(&p, 15, 64, 8, 422) == VT_ETOOSMALL);

    o.scale = 0;
    EXPECT(vt_float_ssim_new(&s, 48, 40, 10, &o) == VT_OK);
    EXPECT(vt_float_ms_ssim_new(&m, 176, 176, 10, NULL) == VT_OK);
    EXPECT(vt_psnr_hvs_new(&p, 48, 40, 10, 420) == VT_OK);
    uint16_t *buf = calloc(176 * 176, sizeof(uint16_t));
    vt_plane ok = {buf, 48 * 2, 48, 40, 10}, big = {buf, 176 * 2, 176, 176, 10};
    vt_plane narrow = ok, odd = ok, wrongbpc = ok, small = ok, null = ok;
    narrow.stride = 47 * 2;
    odd.stride = 48 * 2 + 1;
    wrongbpc.bpc = 12;
    small.w = 40;
    null.data = NULL;
    double out[16];
    EXPECT(vt_float_ssim_compute(s, &ok, &narrow, out, NULL) == VT_EINVAL);
    EXPECT(vt_float_ssim_compute(s, &ok, &odd, out, NULL) == VT_EINVAL);
    EXPECT(vt_float_ssim_compute(s, &ok, &wrongbpc, out, NULL) == VT_EINVAL);
    EXPECT(vt_float_ssim_compute(s, &ok, &small, out, NULL) == VT_ESIZE);
    EXPECT(vt_float_ssim_compute(s, &ok, &null, out, NULL) == VT_EINVAL);
    EXPECT(vt_float_ssim_compute(s, &ok, &ok, NULL, NULL) == VT_EINVAL);
    EXPECT(vt_float_ssim_compute(s, &ok, &ok, out, out + 1) == VT_OK && isinf(out[0]) == 0 &&
           out[0] == 97.0 && out[1] == 1.0); /* identical: the clip_db cap ceil(10 log10(1023^2 48 40 / 0.5)) */
    EXPECT(vt_float_ms_ssim_compute(m, &big, &ok, out, NULL) == VT_ESIZE);
    EXPECT(vt_float_ms_ssim_compute(m, &big, &big, out, out + 1) == VT_OK && out[0] == 1.0);
    vt_plane c = {buf, 24 * 2, 24, 20, 10}, c_up = {buf, 25 * 2, 25, 21, 10}, c_bad = {buf, 26 * 2, 26, 20, 10};
    vt_plane r3[3] = {ok, c, c}, d3[3] = {ok, c_up, c_up}, bad3[3] = {ok, c_bad, c};
    EXPECT(vt_psnr_hvs_compute(p, r3, d3, out) == VT_OK && isinf(out[0]) && isinf(out[3]));
    EXPECT(vt_psnr_hvs_compute(p, r3, bad3, out) == VT_ESIZE);
    EXPECT(vt_psnr_hvs_compute(p, NULL, d3, out) == VT_EINVAL);
    vt_psnr_hvs *p444 = NULL;
    EXPECT(vt_psnr_hvs_new(&p444, 24, 20, 10, 444) == VT_OK);
    vt_plane y444 = {buf, 24 * 2, 24, 20, 10}, wide = {buf, 25 * 2, 25, 20, 10};
    vt_plane a444[3] = {y444, y444, y444}, b444[3] = {y444, wide, y444};
    EXPECT(vt_psnr_hvs_compute(p444, a444, a444, out) == VT_OK);
    EXPECT(vt_psnr_hvs_compute(p444, a444, b444, out) == VT_ESIZE); /* 4:4:4 chroma is never rounded */
    vt_psnr_hvs_free(p444);
    free(buf);
    vt_float_ssim_free(s);
    vt_float_ms_ssim_free(m);
    vt_psnr_hvs_free(p);
    vt_float_ssim_free(NULL);
    vt_float_ms_ssim_free(NULL);
    vt_psnr_hvs_free(NULL);
}

static void run_random(int iters)
{
    static const int bpcs[] = {8, 10, 12, 16}, layouts[] = {420, 422, 444};
    for (int it = 0; it < iters; it++) {
        int w = 11 + (int)(rnd() % 300), h = 11 + (int)(rnd() % 240);
        if (it % 4 == 0) {
            w = 176 + (int)(rnd() % 200);
            h = 176 + (int)(rnd() % 100);
        }
        const int bpc = bpcs[rnd() % 4], chroma = layouts[rnd() % 3];
        const int cw = chroma == 444 ? w : w >> 1, ch = chroma == 420 ? h >> 1 : h;
        const int mode_r = (int)(rnd() % 4), mode_d = (int)(rnd() % 4), identical = rnd() % 5 == 0;
        ptrdiff_t st[6];
        void *pl[6];
        vt_plane R[3], D[3];
        for (int p = 0; p < 3; p++) {
            const int pw = p ? cw : w, ph = p ? ch : h;
            pl[p] = make_plane(pw, ph, bpc, mode_r, &st[p]);
            if (identical) {
                st[3 + p] = st[p];
                pl[3 + p] = malloc((size_t)st[p] * ph);
                memcpy(pl[3 + p], pl[p], (size_t)st[p] * ph);
            } else {
                pl[3 + p] = make_plane(pw, ph, bpc, mode_d, &st[3 + p]);
            }
            R[p] = (vt_plane){pl[p], st[p], pw, ph, bpc};
            D[p] = (vt_plane){pl[3 + p], st[3 + p], pw, ph, bpc};
        }
        const vt_ssim_opts o = {(int)(rnd() & 1), (int)(rnd() & 1), (int)(rnd() % 11)};
        const vt_ssim_opts om = {(int)(rnd() & 1), (int)(rnd() & 1), 0};
        double res[2][23];
        int rc[2][3];
        for (int simd = 0; simd < 2; simd++) {
            vt_set_simd(simd);
            double *r = res[simd];
            for (int i = 0; i < 23; i++) r[i] = -1.0;
            vt_float_ssim *fs;
            vt_float_ms_ssim *ms;
            vt_psnr_hvs *hv;
            rc[simd][0] = vt_float_ssim_new(&fs, w, h, bpc, &o);
            if (!rc[simd][0]) {
                EXPECT(vt_float_ssim_compute(fs, &R[0], &D[0], &r[0], &r[1]) == VT_OK);
                vt_float_ssim_free(fs);
            }
            rc[simd][1] = vt_float_ms_ssim_new(&ms, w, h, bpc, &om);
            if (!rc[simd][1]) {
                EXPECT(vt_float_ms_ssim_compute(ms, &R[0], &D[0], &r[4], &r[5]) == VT_OK);
                vt_float_ms_ssim_free(ms);
            }
            rc[simd][2] = vt_psnr_hvs_new(&hv, w, h, bpc, chroma);
            if (!rc[simd][2]) {
                EXPECT(vt_psnr_hvs_compute(hv, R, D, &r[19]) == VT_OK);
                vt_psnr_hvs_free(hv);
            }
        }
        for (int k = 0; k < 3; k++) EXPECT(rc[0][k] == rc[1][k]);
        for (int i = 0; i < 23; i++)
            if (!same(res[0][i], res[1][i])) {
                fprintf(stderr, "scalar/avx2 differ: %dx%d bpc %d chroma %d value %d: %.17g %.17g\n", w,
                        h, bpc, chroma, i, res[0][i], res[1][i]);
                failures++;
            }
        for (int p = 0; p < 6; p++) free(pl[p]);
    }
}

int main(int argc, char **argv)
{
    check_errors();
    run_random(argc > 1 ? atoi(argv[1]) : 200);
    if (failures) fprintf(stderr, "%d failures\n", failures);
    else printf("ssim_hvs_check: ok\n");
    return failures != 0;
}
