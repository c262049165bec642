/*
 * CAMBI: the scalar and AVX2 paths on random sizes (down to libvmaf's limits), bit depths,
 * strides, options and contents must give the same score bit for bit. Run it under the
 * sanitizers to catch out-of-bounds accesses too:
 *
 *   gcc -std=c11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
 *       -ffp-contract=off -Icsrc csrc/cambi.c csrc/x86/cambi_avx2.c csrc/simd.c \
 *       tests/c/cambi_check.c -lm -o build/cambi_check && build/cambi_check 2000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vt.h"

static unsigned long long state = 88172645463325252ULL;

static unsigned rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state >> 11);
}

static double rnd_unit(void) { return (rnd() & 0xFFFFFF) / 16777216.0; }

static void random_opts(vt_cambi_opts *o)
{
    vt_cambi_default_opts(o);
    if (rnd() % 2) o->window_size = 15 + (int)(rnd() % 113);
    if (rnd() % 3 == 0) o->topk = 0.0001 + rnd_unit() * 0.9999;
    if (rnd() % 3 == 0) o->tvi_threshold = 0.0001 + rnd_unit() * 0.2;
    if (rnd() % 3 == 0) o->max_log_contrast = (int)(rnd() % 6);
    if (rnd() % 3 == 0) o->vis_lum_threshold = rnd_unit() * 10;
    if (rnd() % 4 == 0) o->eotf = VT_CAMBI_EOTF_PQ;
    if (rnd() % 4 == 0) o->enc_bitdepth = 6 + (int)(rnd() % 11);
    if (rnd() % 4 == 0) {
        o->enc_width = 180 + (int)(rnd() % 600);
        o->enc_height = 150 + (int)(rnd() % 600);
    }
    if (rnd() % 4 == 0) o->high_res_speedup = 1080;
}

/* kind 0: bands; 1: bands and sparse noise; 2: noise */
static unsigned sample(int kind, int i, int j, int h, int bpc, unsigned base, unsigned maxv)
{
    switch (kind) {
    case 0: return (base + (unsigned)(i * 7 / (h + 1)) * (1u << (bpc > 10 ? bpc - 10 : 0)) + (unsigned)(j / 50)) & maxv;
    case 1: return rnd() % 16 == 0 ? rnd() & maxv : (base + (unsigned)(i / 13 + j / 29)) & maxv;
    default: return rnd() & maxv;
    }
}

int main(int argc, char **argv)
{
    if (!vt_simd_available()) {
        printf("no AVX2 path on this CPU/build\n");
        return 0;
    }
    const int iters = argc > 1 ? atoi(argv[1]) : 200;
    int bad = 0, ran = 0, refused = 0;
    for (int it = 0; it < iters; it++) {
        int w, h;
        do {
            w = 1 + (int)(rnd() % 700);
            h = 1 + (int)(rnd() % 700);
            if (rnd() % 5 == 0) h = 1 + (int)(rnd() % 40);
            if (rnd() % 5 == 0) w = 1 + (int)(rnd() % 40);
        } while (w < 216 && h < 216);
        const int bpc = 8 + (int)(rnd() % 9);
        vt_cambi_opts o;
        random_opts(&o);
        const size_t bps = bpc > 8 ? 2 : 1;
        const ptrdiff_t stride = (ptrdiff_t)((size_t)(w + (int)(rnd() % 9)) * bps);
        uint8_t *buf = malloc((size_t)stride * h);
        const unsigned maxv = (1u << bpc) - 1, base = rnd() % (maxv + 1);
        const int kind = (int)(rnd() % 3);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++) {
                unsigned v = sample(kind, i, j, h, bpc, base, maxv);
                if (bps == 1) buf[i * stride + j] = (uint8_t)v;
                else ((uint16_t *)(void *)(buf + i * stride))[j] = (uint16_t)v;
            }
        double score[2] = {0, 0};
        int rc[2];
        for (int simd = 0; simd < 2; simd++) {
            vt_set_simd(simd);
            vt_cambi *c = NULL;
            rc[simd] = vt_cambi_new(&c, w, h, bpc, &o);
            if (rc[simd]) continue;
            vt_plane p = {buf, stride, w, h, bpc};
            for (int rep = 0; rep < 2; rep++) { /* a reused context gives the same score */
                double s;
                int err = vt_cambi_compute(c, &p, &s);
                if (err || (rep && memcmp(&s, &score[simd], sizeof(s)))) {
                    printf("compute error %d or changed score at iteration %d\n", err, it);
                    bad++;
                }
                score[simd] = s;
            }
            vt_cambi_free(c);
        }
        if (rc[0] != rc[1]) {
            printf("vt_cambi_new differs: %d %d\n", rc[0], rc[1]);
            bad++;
        } else if (rc[0]) {
            refused++;
        } else {
            ran++;
            if (memcmp(&score[0], &score[1], sizeof(double))) {
                bad++;
                printf("MISMATCH iteration %d: %dx%d %d-bit window %d: %.17g %.17g\n", it, w, h, bpc,
                       o.window_size, score[0], score[1]);
            }
        }
        free(buf);
    }
    printf("cambi_check: %d cases equal, %d refused, %d bad\n", ran - bad, refused, bad);
    return bad != 0;
}
