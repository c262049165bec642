/*
 * Per-frame ciede (vt_ciede_compute) time on a pair of 4:2:0 y4m files (8, 10 or 12 bit), one
 * context through the clip as the engine's workers use it. Prints each frame's thread CPU time and
 * score (%.17g, to compare builds bit for bit) and the mean, with and without the first frame
 * (which also fills the caches).
 *
 *   gcc -std=c11 -O3 -ffp-contract=off -Icsrc csrc/ciede.c benchmarks/ciede_frame_time.c -lm
 *   ./a.out REF.y4m DIS.y4m [FRAMES [SKIP]]
 *
 * e.g. bigbuckbunny 720p and its x264 CRF 35 encode, ~/.cache/vmaf-tune-bench/bbb-720-all-*.y4m.
 */
#define _POSIX_C_SOURCE 200112L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "vt.h"

typedef struct { FILE *f; int w, h, bpc; size_t fsz; } y4m;

static int y4m_open(y4m *y, const char *path)
{
    char line[512];
    y->f = fopen(path, "rb");
    if (!y->f || !fgets(line, sizeof line, y->f)) return -1;
    y->bpc = 8;
    for (char *t = strtok(line, " \n"); t; t = strtok(NULL, " \n")) {
        if (t[0] == 'W') y->w = atoi(t + 1);
        if (t[0] == 'H') y->h = atoi(t + 1);
        if (t[0] == 'C' && strstr(t, "p10")) y->bpc = 10;
        if (t[0] == 'C' && strstr(t, "p12")) y->bpc = 12;
    }
    int bps = y->bpc > 8 ? 2 : 1;
    y->fsz = (size_t)bps * (y->w * y->h + 2 * ((y->w + 1) / 2) * ((y->h + 1) / 2));
    return 0;
}

static int y4m_read(y4m *y, unsigned char *buf)
{
    char line[64];
    if (!fgets(line, sizeof line, y->f)) return -1;
    return fread(buf, 1, y->fsz, y->f) == y->fsz ? 0 : -1;
}

static void planes(const y4m *y, unsigned char *buf, vt_plane p[3])
{
    int bps = y->bpc > 8 ? 2 : 1, cw = (y->w + 1) / 2, ch = (y->h + 1) / 2;
    p[0] = (vt_plane){buf, (ptrdiff_t)y->w * bps, y->w, y->h, y->bpc};
    p[1] = (vt_plane){buf + (size_t)y->w * y->h * bps, (ptrdiff_t)cw * bps, cw, ch, y->bpc};
    p[2] = (vt_plane){buf + ((size_t)y->w * y->h + (size_t)cw * ch) * bps, (ptrdiff_t)cw * bps, cw, ch, y->bpc};
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    y4m a, b;
    if (argc < 3 || y4m_open(&a, argv[1]) || y4m_open(&b, argv[2])) return 1;
    int n = argc > 3 ? atoi(argv[3]) : 1 << 30, skip = argc > 4 ? atoi(argv[4]) : 0;
    unsigned char *ba = malloc(a.fsz), *bb = malloc(b.fsz);
    vt_ciede *c;
    if (vt_ciede_new(&c, a.w, a.h, a.bpc, (a.w + 1) / 2, (a.h + 1) / 2)) return 2;
    double tot = 0, first = 0;
    int k = 0;
    for (int s = 0; s < skip; s++) y4m_read(&a, ba), y4m_read(&b, bb);
    for (; k < n && !y4m_read(&a, ba) && !y4m_read(&b, bb); k++) {
        vt_plane pa[3], pb[3];
        planes(&a, ba, pa);
        planes(&b, bb, pb);
        double score, t0 = now();
        if (vt_ciede_compute(c, pa, pb, &score)) return 3;
        double dt = now() - t0;
        tot += dt;
        if (!k) first = dt;
        printf("frame %3d %8.2f ms  %.17g\n", k, dt * 1e3, score);
    }
    printf("mean %.2f ms/frame over %d frames (%.2f without the first)\n", tot * 1e3 / k, k, k > 1 ? (tot - first) * 1e3 / (k - 1) : 0);
    vt_ciede_free(c);
    return 0;
}
