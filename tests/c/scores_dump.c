/*
 * Prints every feature the engine computes, as exact hexadecimal floats, for a fixed set of
 * synthetic frames (sizes, bit depths, strides, content). Two builds that print the same text
 * give the same numbers bit for bit: .ci/aarch64 compares an aarch64 build (run under
 * qemu-user) with the x86-64 one, whose numbers the oracle tests check against libvmaf.
 * Argument "scalar" or "simd" picks the code path (default: the engine's own choice).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vt.h"

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/* kind 0: noise; 1: smooth texture + light noise; 2: 8x8 blocks at the extremes; 3: edges */
static void fill(uint16_t *p, int w, int h, int stride, int bpc, int kind, unsigned seed)
{
    const int top = (1 << bpc) - 1;
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            int v;
            switch (kind) {
            case 0: v = (int)(next(&seed) % (unsigned)(top + 1)); break;
            case 1:
                v = (int)((sin(j / 5.0) * cos(i / 3.0) * 0.45 + 0.5) * top) + (int)(next(&seed) % 7) - 3;
                break;
            case 2: v = ((i >> 3) + (j >> 3)) & 1 ? top : 0; break;
            default: v = (j * 7 + i * 3) % 64 < 20 ? top / 5 : top - top / 7; break;
            }
            p[i * stride + j] = (uint16_t)(v < 0 ? 0 : v > top ? top : v);
        }
}

/* A distortion of ref: noise, a contrast boost (enhancement) or a box blur. */
static void distort(const uint16_t *r, uint16_t *d, int w, int h, int stride, int bpc, int kind,
                    unsigned seed)
{
    const int top = (1 << bpc) - 1;
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            const int c = r[i * stride + j];
            int v;
            if (kind == 0) {
                v = c + (int)(next(&seed) % (unsigned)(top / 16 + 1)) - top / 32;
            } else if (kind == 1) {
                v = (int)((c - top / 2) * 1.3 + top / 2);
            } else {
                const int i0 = i > 0 ? i - 1 : i, i1 = i + 1 < h ? i + 1 : i;
                const int j0 = j > 0 ? j - 1 : j, j1 = j + 1 < w ? j + 1 : j;
                v = (r[i0 * stride + j] + r[i1 * stride + j] + r[i * stride + j0] + r[i * stride + j1] + c) / 5;
            }
            d[i * stride + j] = (uint16_t)(v < 0 ? 0 : v > top ? top : v);
        }
}

static void plane(vt_plane *p, uint16_t *buf, uint8_t *buf8, int w, int h, int stride, int bpc)
{
    if (bpc == 8) {
        for (int i = 0; i < h * stride; i++) buf8[i] = (uint8_t)buf[i];
        *p = (vt_plane){buf8, stride, w, h, 8};
    } else {
        *p = (vt_plane){buf, (ptrdiff_t)stride * 2, w, h, bpc};
    }
}

static void print_row(const double *v, int n, const char *end)
{
    for (int k = 0; k < n; k++) printf(" %a", v[k]);
    printf("%s", end);
}

/* Every feature of one frame pair; returns 1 if the engine reported an error. */
static int one_case(int w, int h, int bpc, int kind, int dk, unsigned seed)
{
    const int stride = w + 5; /* padded rows */
    const size_t n = (size_t)stride * h;
    const double egl[2] = {100.0, 1.0};
    uint16_t *r = calloc(n, 2), *d = calloc(n, 2), *q = calloc(n, 2);
    uint8_t *r8 = calloc(n, 1), *d8 = calloc(n, 1), *q8 = calloc(n, 1);
    fill(r, w, h, stride, bpc, kind, seed);
    distort(r, d, w, h, stride, bpc, dk, seed + 1);
    fill(q, w, h, stride, bpc, 1, seed + 2); /* the previous reference frame, for motion */
    vt_plane pr, pd, pq;
    plane(&pr, r, r8, w, h, stride, bpc);
    plane(&pd, d, d8, w, h, stride, bpc);
    plane(&pq, q, q8, w, h, stride, bpc);

    double vif[8], adm2[2], scales[8], mot, fvif[8], fadm2[2], fscales[8], fmot;
    vt_vif *v = NULL;
    vt_adm *a = NULL;
    vt_motion *m = NULL;
    vt_float_vif *fv = NULL;
    vt_float_adm *fa = NULL;
    vt_float_motion *fm = NULL;
    int rc = vt_vif_new(&v, w, h, bpc) | vt_adm_new(&a, w, h, bpc) | vt_motion_new(&m, w, h, bpc) |
             vt_float_vif_new(&fv, w, h, bpc) | vt_float_adm_new(&fa, w, h, bpc) |
             vt_float_motion_new(&fm, w, h, bpc);
    if (!rc) {
        rc = vt_vif_compute(v, &pr, &pd, egl, 2, vif) | vt_adm_compute(a, &pr, &pd, egl, 2, adm2, scales) |
             vt_motion_compute(m, &pq, &pr, &mot) | vt_float_vif_compute(fv, &pr, &pd, egl, 2, fvif) |
             vt_float_adm_compute(fa, &pr, &pd, egl, 2, fadm2, fscales) |
             vt_float_motion_compute(fm, &pq, &pr, &fmot);
    }
    if (rc) {
        fprintf(stderr, "error %d at %dx%d %d-bit\n", rc, w, h, bpc);
    } else {
        printf("%dx%d %d-bit ref %d dis %d\n", w, h, bpc, kind, dk);
        print_row(vif, 8, "\n");
        print_row(adm2, 2, "");
        print_row(scales, 8, "");
        print_row(&mot, 1, "\n");
        print_row(fvif, 8, "\n");
        print_row(fadm2, 2, "");
        print_row(fscales, 8, "");
        print_row(&fmot, 1, "\n");
        /* ---- ADM configurations (begin): v0 with AIM, NEG, the v1 geometries, other CSFs ---- */
        vt_adm_cfg cfg[7];
        double cout[7 * VT_ADM_NOUT];
        for (int k = 0; k < 7; k++) vt_adm_cfg_default(&cfg[k]);
        cfg[1].egl = 1.0;
        for (int k = 2; k < 5; k++) {
            cfg[k].egl = 1.0, cfg[k].csf_mode = 2, cfg[k].noise_weight = 0.02;
            cfg[k].dlm_weight = 0.7, cfg[k].min_val = 0.5;
        }
        cfg[3].norm_view_dist = 5.0;
        cfg[4].ref_display_height = 2160;
        cfg[5].csf_mode = 3, cfg[5].egl = 1.2, cfg[5].norm_view_dist = 5.0;
        cfg[6].ref_display_height = 2160, cfg[6].noise_weight = 0.0;
        if (vt_adm_compute_cfg(a, &pr, &pd, cfg, 7, cout) == VT_OK) {
            print_row(cout, 7 * VT_ADM_NOUT, "\n");
        } else {
            fprintf(stderr, "vt_adm_compute_cfg error at %dx%d %d-bit\n", w, h, bpc);
            rc = 1;
        }
        /* ---- ADM configurations (end) ---- */
    }
    vt_vif_free(v);
    vt_adm_free(a);
    vt_motion_free(m);
    vt_float_vif_free(fv);
    vt_float_adm_free(fa);
    vt_float_motion_free(fm);
    free(r), free(d), free(q), free(r8), free(d8), free(q8);
    return rc != 0;
}

/* CAMBI_BEGIN */
/* CAMBI on banded ramps (kind 4), with sparse noise (5), and fill()'s contents, under a few
   option sets; sizes from libvmaf's minimum up. */
static int cambi_case(int w, int h, int bpc, int kind, int optset, unsigned seed)
{
    const int stride = w + 3;
    uint16_t *p = calloc((size_t)stride * h, 2);
    uint8_t *p8 = calloc((size_t)stride * h, 1);
    const int top = (1 << bpc) - 1;
    if (kind < 4) {
        fill(p, w, h, stride, bpc, kind, seed);
    } else {
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                int v = (top / 5) + (i * 24 / h) * (1 << (bpc > 10 ? bpc - 10 : 0)) + (j * 3 / w);
                if (kind == 5 && next(&seed) % 23 == 0) v += (int)(next(&seed) % 5);
                p[i * stride + j] = (uint16_t)(v > top ? top : v);
            }
    }
    vt_plane pl;
    plane(&pl, p, p8, w, h, stride, bpc);
    vt_cambi_opts o;
    vt_cambi_default_opts(&o);
    if (optset == 1) {
        o.high_res_speedup = 1080, o.vis_lum_threshold = 0.06, o.max_val = 17.0;
    } else if (optset == 2) {
        o.window_size = 100, o.topk = 0.05, o.max_log_contrast = 4, o.eotf = VT_CAMBI_EOTF_PQ;
        o.enc_width = w * 3 / 4 > 180 ? w * 3 / 4 : 180, o.enc_height = h * 3 / 4 > 150 ? h * 3 / 4 : 150;
        o.enc_bitdepth = 8;
    }
    vt_cambi *c = NULL;
    double score = 0;
    int rc = vt_cambi_new(&c, w, h, bpc, &o);
    if (!rc) rc = vt_cambi_compute(c, &pl, &score);
    if (rc) {
        fprintf(stderr, "cambi error %d at %dx%d %d-bit\n", rc, w, h, bpc);
    } else {
        printf("cambi %dx%d %d-bit kind %d opts %d", w, h, bpc, kind, optset);
        print_row(&score, 1, "\n");
    }
    vt_cambi_free(c);
    free(p), free(p8);
    return rc != 0;
}

static int cambi_dump(void)
{
    static const int sizes[][2] = {{216, 120}, {301, 217}, {640, 360}};
    static const int depths[] = {8, 9, 10, 12, 16};
    int fails = 0;
    for (unsigned si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++)
        for (unsigned bi = 0; bi < sizeof(depths) / sizeof(depths[0]); bi++)
            for (int kind = 1; kind < 6; kind++)
                for (int optset = 0; optset < 3; optset++)
                    fails += cambi_case(sizes[si][0], sizes[si][1], depths[bi], kind, optset,
                                        si * 1000 + bi * 100 + (unsigned)(kind * 10 + optset));
    return fails;
}
/* CAMBI_END */

static int dump(void)
{
    static const int sizes[][2] = {{48, 40}, {67, 45}, {177, 99}, {320, 180}};
    static const int depths[] = {8, 10, 12, 16};
    int fails = 0;
    for (unsigned si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++)
        for (unsigned bi = 0; bi < sizeof(depths) / sizeof(depths[0]); bi++)
            for (int kind = 0; kind < 4; kind++)
                for (int dk = 0; dk < 3; dk++)
                    fails += one_case(sizes[si][0], sizes[si][1], depths[bi], kind, dk,
                                      si * 1000 + bi * 100 + (unsigned)(kind * 10 + dk));
    fails += cambi_dump(); /* CAMBI */
    return fails;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "simd")) {
        if (!vt_simd_available()) {
            fprintf(stderr, "no SIMD path on this CPU/build\n");
            return 2;
        }
        vt_set_simd(1);
    } else if (argc > 1 && !strcmp(argv[1], "scalar")) {
        vt_set_simd(0);
    }
    return dump() != 0;
}
