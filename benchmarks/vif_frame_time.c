/*
 * Per-frame integer VIF CPU time on raw 8-bit luma frames (e.g. a clip's reference and one of
 * its encodes, decoded to .y files of W x H bytes per frame): vt_vif_compute; the reference state
 * of each frame by vt_vif_ref_compute alone, or by vt_vif_compute_keep (which also scores the
 * frame); vt_vif_compute_ref with that state. Gain limits 100 and 1 (VMAF + NEG). Checks that all
 * give the same bits. Prints the best of REPS rounds, milliseconds per frame.
 *
 *   gcc -std=c11 -O3 -ffp-contract=off -Icsrc CSRC benchmarks/vif_frame_time.c -lm   (CSRC: VT_CSRC of CMakeLists.txt)
 *   ./a.out REF.y DIS.y W H [SIMD [REPS]]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vt.h"

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(*n);
    if (p && fread(p, 1, *n, f) != *n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s REF.y DIS.y W H [SIMD [REPS]]\n", argv[0]);
        return 2;
    }
    const int w = atoi(argv[3]), h = atoi(argv[4]);
    vt_set_simd(argc > 5 ? atoi(argv[5]) : 1);
    const int reps = argc > 6 ? atoi(argv[6]) : 3;
    size_t nr, nd;
    uint8_t *ref = slurp(argv[1], &nr), *dis = slurp(argv[2], &nd);
    if (!ref || !dis || w < 1 || h < 1 || reps < 1) return 2;
    const size_t fsz = (size_t)w * h;
    const int frames = (int)((nr < nd ? nr : nd) / fsz);
    vt_vif *v = NULL;
    if (vt_vif_new(&v, w, h, 8) != VT_OK || frames < 1) return 2;
    vt_vif_ref **st = calloc((size_t)frames, sizeof(*st));
    const double egl[2] = {100.0, 1.0};
    double *plain = malloc(sizeof(double) * 8 * frames), b[8], t_plain = 1e9, t_ref = 1e9, t_keep = 1e9, t_with = 1e9;
    int same = 1;
    for (int f = 0; f < frames; f++)
        if (vt_vif_ref_new(&st[f], w, h, 8) != VT_OK) return 2;
    for (int r = 0; r < reps; r++) {
        double t0 = cpu();
        for (int f = 0; f < frames; f++) {
            vt_plane pr = {ref + f * fsz, w, w, h, 8}, pd = {dis + f * fsz, w, w, h, 8};
            vt_vif_compute(v, &pr, &pd, egl, 2, plain + 8 * f);
        }
        double t1 = cpu();
        for (int f = 0; f < frames; f++) {
            vt_plane pr = {ref + f * fsz, w, w, h, 8};
            vt_vif_ref_compute(v, st[f], &pr);
        }
        double t2 = cpu();
        for (int f = 0; f < frames; f++) {
            vt_plane pd = {dis + f * fsz, w, w, h, 8};
            vt_vif_compute_ref(v, st[f], &pd, egl, 2, b);
        }
        double t3 = cpu();
        for (int f = 0; f < frames; f++) {
            vt_plane pr = {ref + f * fsz, w, w, h, 8}, pd = {dis + f * fsz, w, w, h, 8};
            vt_vif_compute_keep(v, st[f], &pr, &pd, egl, 2, b);
            same &= memcmp(plain + 8 * f, b, sizeof(b)) == 0;
        }
        double t4 = cpu();
        if (t1 - t0 < t_plain) t_plain = t1 - t0;
        if (t2 - t1 < t_ref) t_ref = t2 - t1;
        if (t3 - t2 < t_with) t_with = t3 - t2;
        if (t4 - t3 < t_keep) t_keep = t4 - t3;
    }
    for (int f = 0; f < frames; f++) {
        vt_plane pd = {dis + f * fsz, w, w, h, 8};
        vt_vif_compute_ref(v, st[f], &pd, egl, 2, b);
        same &= memcmp(plain + 8 * f, b, sizeof(b)) == 0;
    }
    printf("%dx%d, %d frames: compute %.3f, ref_compute %.3f, compute_keep %.3f, compute_ref %.3f ms per frame; %s\n",
           w, h, frames, 1e3 * t_plain / frames, 1e3 * t_ref / frames, 1e3 * t_keep / frames, 1e3 * t_with / frames,
           same ? "same bits" : "DIFFERENT");
    for (int f = 0; f < frames; f++) vt_vif_ref_free(st[f]);
    free(st), free(ref), free(dis), free(plain);
    vt_vif_free(v);
    return same ? 0 : 1;
}
