/*
 * Per-frame integer ADM time at 1280x720, 8-bit (synthetic texture; the distortion mixes an
 * enhancement, noise and a blur in 64x64 blocks). Prints the minimum and median over frames.
 *
 *   gcc -std=c11 -O3 -ffp-contract=off -Icsrc CSRC benchmarks/adm_frame_time.c -lm   (CSRC: VT_CSRC of CMakeLists.txt)
 *   ./a.out MODE [FRAMES [SIMD]]
 *
 * MODE 0: vt_adm_compute, gain limit 100 (vmaf_v0.6.1)    1: vt_adm_compute, 100 and 1 (+ NEG)
 *      6: vt_adm_compute_cfg, v0 defaults without AIM      7: v0 + NEG, without AIM
 *      8: v0 defaults with AIM                             3: v0 + NEG, both with AIM
 *      9: v0 + NEG without AIM, vmaf_v1 (3H) with AIM     10: as 9, plus the 5H and 2160 (3H) CSFs
 *      5: v0, NEG and the three v1 CSFs, all with AIM
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "vt.h"

static unsigned seed = 1;
static unsigned nxt(void) { return (seed = seed * 1103515245u + 12345u) >> 8; }
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}
static int cmpd(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void v1(vt_adm_cfg *c)
{
    vt_adm_cfg_default(c);
    c->egl = 1.0, c->csf_mode = 2, c->noise_weight = 0.02, c->dlm_weight = 0.7, c->min_val = 0.5;
}

static int configs(int mode, vt_adm_cfg *c)
{
    int n = 0;
    for (int k = 0; k < 2; k++) {
        vt_adm_cfg_default(&c[k]);
        c[k].aim = mode == 8 || mode == 3 || mode == 5;
    }
    c[1].egl = 1.0;
    n = mode == 6 || mode == 8 ? 1 : 2;
    if (mode == 9 || mode == 10 || mode == 5) {
        v1(&c[n++]);
        if (mode != 9) {
            v1(&c[n]), c[n++].norm_view_dist = 5.0;
            v1(&c[n]), c[n++].ref_display_height = 2160;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    const int w = 1280, h = 720, mode = argc > 1 ? atoi(argv[1]) : 0;
    int frames = argc > 2 ? atoi(argv[2]) : 40;
    if (frames < 1 || frames > 1000) frames = 40;
    vt_set_simd(argc > 3 ? atoi(argv[3]) : 1);
    uint8_t *r = malloc((size_t)w * h), *d = malloc((size_t)w * h);
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            const int v = (int)((sin(j / 7.0) * cos(i / 5.0) * 0.4 + 0.5) * 255) + (int)(nxt() % 9) - 4;
            r[i * w + j] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            const int c = r[i * w + j], b = (i / 64 + j / 64) % 3;
            int v;
            if (b == 0) v = (c - 128) * 13 / 10 + 128;
            else if (b == 1) v = c + (int)(nxt() % 13) - 6;
            else v = (c + r[i * w + (j > 0 ? j - 1 : j)] + r[i * w + (j + 1 < w ? j + 1 : j)]) / 3;
            d[i * w + j] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
    vt_plane pr = {r, w, w, h, 8}, pd = {d, w, w, h, 8};
    vt_adm *a;
    if (vt_adm_new(&a, w, h, 8)) return 1;
    vt_adm_cfg c[VT_ADM_MAX_CFG];
    const int n = configs(mode, c);
    double egl[2] = {100.0, 1.0}, adm2[2], sc[8], out[VT_ADM_MAX_CFG * VT_ADM_NOUT], t[1000];
    for (int f = 0; f < frames; f++) {
        const double t0 = now();
        const int err = mode <= 1 ? vt_adm_compute(a, &pr, &pd, egl, mode + 1, adm2, sc)
                                  : vt_adm_compute_cfg(a, &pr, &pd, c, n, out);
        t[f] = now() - t0;
        if (err) {
            printf("error %d\n", err);
            return 1;
        }
    }
    qsort(t, frames, sizeof(double), cmpd);
    printf("mode %d: min %.3f ms, median %.3f ms per frame\n", mode, t[0] * 1e3, t[frames / 2] * 1e3);
    vt_adm_free(a);
    free(r), free(d);
    return 0;
}
