/*
 * Per-frame integer ADM time at 1280x720, 8-bit (synthetic texture; the distortion mixes an
 * enhancement, noise and a blur in 64x64 blocks). Prints the minimum and median over frames.
 *
 *   gcc -std=c11 -O3 -ffp-contract=off -Icsrc CSRC benchmarks/adm_frame_time.c -lm   (CSRC: VT_CSRC of CMakeLists.txt)
 *   ./a.out MODE [FRAMES [SIMD [REF.y4m DIS.y4m]]]
 *
 * With two 8-bit 4:2:0 y4m files of the same size (e.g. ~/.cache/vmaf-tune-bench/bbb-720-60-*.y4m)
 * it scores their first FRAMES luma planes instead, each frame once per pass (3 passes; frames
 * come from memory, as in a real run), and prints the CPU time per frame of the best pass and a
 * hash of every output bit, which must not change between builds or with SIMD.
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
#include <string.h>
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

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* The luma planes of up to `frames` frames of an 8-bit 4:2:0 y4m file; sets *w, *h, *frames. */
static uint8_t *read_y4m(const char *path, int *w, int *h, int *frames)
{
    FILE *f = fopen(path, "rb");
    char line[512];
    if (!f || !fgets(line, sizeof line, f)) return NULL;
    const char *W = strstr(line, " W"), *H = strstr(line, " H");
    if (!W || !H) return NULL;
    *w = atoi(W + 2), *h = atoi(H + 2);
    const size_t luma = (size_t)*w * *h, chroma = 2 * (size_t)((*w + 1) / 2) * ((*h + 1) / 2);
    uint8_t *y = malloc(luma * *frames);
    int n = 0;
    while (y && n < *frames && fgets(line, sizeof line, f) && fread(y + luma * n, 1, luma, f) == luma &&
           fseek(f, (long)chroma, SEEK_CUR) == 0)
        n++;
    fclose(f);
    *frames = n;
    return y;
}

static int real_frames(int mode, int frames, const char *ref, const char *dis)
{
    int w, h, w2, h2, n = frames, n2 = frames;
    uint8_t *r = read_y4m(ref, &w, &h, &n), *d = read_y4m(dis, &w2, &h2, &n2);
    if (!r || !d || w != w2 || h != h2 || n < 1 || n2 < n) {
        printf("cannot read %s / %s\n", ref, dis);
        return 1;
    }
    vt_adm *a;
    if (vt_adm_new(&a, w, h, 8)) return 1;
    vt_adm_cfg c[VT_ADM_MAX_CFG];
    const int nc = configs(mode, c);
    double egl[2] = {100.0, 1.0}, adm2[2], sc[8], out[VT_ADM_MAX_CFG * VT_ADM_NOUT], best = 1e30;
    unsigned long long hash = 14695981039346656037ull;
    for (int pass = 0; pass < 3; pass++) {
        const double t0 = cpu_now();
        for (int f = 0; f < n; f++) {
            vt_plane pr = {r + (size_t)f * w * h, w, w, h, 8}, pd = {d + (size_t)f * w * h, w, w, h, 8};
            const int err = mode <= 1 ? vt_adm_compute(a, &pr, &pd, egl, mode + 1, adm2, sc)
                                      : vt_adm_compute_cfg(a, &pr, &pd, c, nc, out);
            if (err) return 1;
            if (mode <= 1) memcpy(out, adm2, sizeof(adm2)), memcpy(out + 2, sc, sizeof(sc));
            const int nout = mode <= 1 ? 10 : nc * VT_ADM_NOUT;
            for (int k = 0; pass == 0 && k < nout; k++) {
                unsigned long long u;
                memcpy(&u, &out[k], sizeof(u));
                hash = (hash ^ u) * 1099511628211ull;
            }
        }
        const double t = (cpu_now() - t0) / n;
        if (t < best) best = t;
    }
    printf("mode %d, %d frames %dx%d: best pass %.3f ms CPU per frame, output hash %016llx\n", mode, n, w, h,
           best * 1e3, hash);
    vt_adm_free(a);
    free(r), free(d);
    return 0;
}

int main(int argc, char **argv)
{
    const int w = 1280, h = 720, mode = argc > 1 ? atoi(argv[1]) : 0;
    int frames = argc > 2 ? atoi(argv[2]) : 40;
    if (frames < 1 || frames > 1000) frames = 40;
    vt_set_simd(argc > 3 ? atoi(argv[3]) : 1);
    if (argc > 5) return real_frames(mode, frames, argv[4], argv[5]);
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
