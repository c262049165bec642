/*
 * Engine check under AddressSanitizer/LeakSanitizer/UBSan (run by .ci/sanitize): every entry
 * point's argument validation, then 1000 frames through fresh and reused contexts. Any leak,
 * out-of-bounds access or undefined behaviour aborts with a report; results must be finite.
 */
#include <math.h>
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

static void fill(uint16_t *p, int w, int h, int stride, int bpc, unsigned seed)
{
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) {
            seed = seed * 1103515245u + 12345u;
            p[i * stride + j] = (uint16_t)((seed >> 8) % (1u << bpc));
        }
}

static void check_errors(void)
{
    vt_vif *v = NULL;
    vt_adm *a = NULL;
    vt_motion *m = NULL;
    EXPECT(vt_vif_new(NULL, 64, 64, 8) == VT_EINVAL);
    EXPECT(vt_vif_new(&v, 64, 64, 7) == VT_EINVAL && v == NULL);
    EXPECT(vt_vif_new(&v, 64, 64, 17) == VT_EINVAL);
    EXPECT(vt_vif_new(&v, 8, 64, 8) == VT_ETOOSMALL);
    EXPECT(vt_adm_new(&a, 64, 20, 10) == VT_ETOOSMALL);
    EXPECT(vt_motion_new(&m, 2, 2, 8) == VT_ETOOSMALL);
    EXPECT(vt_adm_new(&a, -5, 64, 8) == VT_EINVAL);
    EXPECT(vt_adm_new(&a, 1 << 20, 64, 8) == VT_EINVAL);

    EXPECT(vt_vif_new(&v, 48, 40, 10) == VT_OK);
    EXPECT(vt_adm_new(&a, 48, 40, 10) == VT_OK);
    EXPECT(vt_motion_new(&m, 48, 40, 10) == VT_OK);
    uint16_t *buf = calloc(48 * 40, sizeof(uint16_t));
    vt_plane ok = {buf, 48 * 2, 48, 40, 10};
    vt_plane narrow = ok, odd = ok, wrongbpc = ok, small = ok, null = ok;
    narrow.stride = 47 * 2;
    odd.stride = 48 * 2 + 1;
    wrongbpc.bpc = 12;
    small.w = 40;
    null.data = NULL;
    double egl[2] = {100.0, 1.0}, bad_egl[1] = {0.5}, nan_egl[1] = {NAN}, out[8], adm2[2];
    EXPECT(vt_vif_compute(v, &ok, &narrow, egl, 2, out) == VT_EINVAL);
    EXPECT(vt_vif_compute(v, &ok, &odd, egl, 2, out) == VT_EINVAL);
    EXPECT(vt_vif_compute(v, &ok, &wrongbpc, egl, 2, out) == VT_EINVAL);
    EXPECT(vt_vif_compute(v, &ok, &small, egl, 2, out) == VT_ESIZE);
    EXPECT(vt_vif_compute(v, &ok, &null, egl, 2, out) == VT_EINVAL);
    EXPECT(vt_vif_compute(v, &ok, &ok, bad_egl, 1, out) == VT_EINVAL);
    EXPECT(vt_vif_compute(v, &ok, &ok, nan_egl, 1, out) == VT_EINVAL);
    EXPECT(vt_vif_compute(v, &ok, &ok, egl, VT_MAX_EGL + 1, out) == VT_EINVAL);
    EXPECT(vt_adm_compute(a, &ok, &ok, egl, 0, adm2, NULL) == VT_EINVAL);
    EXPECT(vt_adm_compute(a, NULL, &ok, egl, 2, adm2, NULL) == VT_EINVAL);
    EXPECT(vt_motion_compute(m, &ok, &small, out) == VT_ESIZE);
    EXPECT(vt_vif_compute(v, &ok, &ok, egl, 2, out) == VT_OK && out[0] == 1.0);
    /* ---- ADM configurations (begin) ---- */
    {
        vt_adm_cfg cfg[VT_ADM_MAX_CFG + 1];
        double cout[(VT_ADM_MAX_CFG + 1) * VT_ADM_NOUT];
        for (int k = 0; k <= VT_ADM_MAX_CFG; k++) vt_adm_cfg_default(&cfg[k]);
        vt_adm_cfg_default(NULL);
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, VT_ADM_MAX_CFG, cout) == VT_OK);
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, VT_ADM_MAX_CFG + 1, cout) == VT_EINVAL);
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 0, cout) == VT_EINVAL);
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, NULL, 1, cout) == VT_EINVAL);
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 1, NULL) == VT_EINVAL);
        EXPECT(vt_adm_compute_cfg(NULL, &ok, &ok, cfg, 1, cout) == VT_EINVAL);
        EXPECT(vt_adm_compute_cfg(a, &ok, &small, cfg, 1, cout) == VT_ESIZE);
        EXPECT(vt_adm_compute_cfg(a, &null, &ok, cfg, 1, cout) == VT_EINVAL);
        cfg[1].csf_mode = 1; /* Barten: not implemented */
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 2, cout) == VT_EINVAL);
        cfg[1].csf_mode = 2, cfg[1].norm_view_dist = 4.0; /* no blended table */
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 2, cout) == VT_EINVAL);
        cfg[1].csf_mode = 0, cfg[1].norm_view_dist = 3.0, cfg[1].ref_display_height = 720; /* < 3H at 1080 */
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 2, cout) == VT_EINVAL);
        cfg[1].ref_display_height = 1080, cfg[1].egl = NAN;
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 2, cout) == VT_EINVAL);
        cfg[1].egl = 1.0, cfg[1].noise_weight = -1.0;
        EXPECT(vt_adm_compute_cfg(a, &ok, &ok, cfg, 2, cout) == VT_EINVAL);
    }
    /* ---- ADM configurations (end) ---- */
    {
        vt_adm_ref *rc = NULL;
        double adm2r[2];
        EXPECT(vt_adm_ref_new(NULL, 48, 40, 10) == VT_EINVAL);
        EXPECT(vt_adm_ref_new(&rc, 64, 20, 10) == VT_ETOOSMALL && rc == NULL);
        EXPECT(vt_adm_ref_new(&rc, 40, 40, 10) == VT_OK);
        EXPECT(vt_adm_ref_compute(a, rc, &ok) == VT_ESIZE); /* a is 48x40 */
        EXPECT(vt_adm_ref_compute(NULL, rc, &ok) == VT_EINVAL);
        EXPECT(vt_adm_compute_ref(a, rc, &ok, egl, 2, adm2r, NULL) == VT_ESIZE); /* another size */
        EXPECT(vt_adm_compute_ref(a, NULL, &ok, egl, 2, adm2r, NULL) == VT_EINVAL);
        vt_adm_ref_free(rc);
        vt_adm_ref_free(NULL);
    }
    /* ---- VIF reference state (begin) ---- */
    {
        vt_vif_ref *rv = NULL, *other = NULL;
        double outr[8];
        EXPECT(vt_vif_ref_bytes(48, 40, 10) > 0 && vt_vif_ref_bytes(8, 40, 10) == 0);
        EXPECT(vt_vif_ref_new(NULL, 48, 40, 10) == VT_EINVAL);
        EXPECT(vt_vif_ref_new(&rv, 8, 40, 10) == VT_ETOOSMALL && rv == NULL);
        EXPECT(vt_vif_ref_new(&rv, 48, 40, 7) == VT_EINVAL && rv == NULL);
        EXPECT(vt_vif_ref_new(&rv, 48, 40, 10) == VT_OK);
        EXPECT(vt_vif_ref_new(&other, 48, 40, 12) == VT_OK);
        EXPECT(vt_vif_compute_ref(v, rv, &ok, egl, 2, outr) == VT_EINVAL); /* not computed */
        EXPECT(vt_vif_ref_compute(v, other, &ok) == VT_ESIZE);             /* another bit depth */
        EXPECT(vt_vif_compute_keep(v, other, &ok, &ok, egl, 2, outr) == VT_ESIZE);
        EXPECT(vt_vif_compute_ref(v, other, &ok, egl, 2, outr) == VT_ESIZE);
        EXPECT(vt_vif_ref_compute(NULL, rv, &ok) == VT_EINVAL);
        EXPECT(vt_vif_ref_compute(v, rv, &null) == VT_EINVAL);
        EXPECT(vt_vif_ref_compute(v, rv, &small) == VT_ESIZE);
        EXPECT(vt_vif_compute_keep(v, rv, &ok, &small, egl, 2, outr) == VT_ESIZE);
        EXPECT(vt_vif_compute_keep(v, rv, &ok, &ok, bad_egl, 1, outr) == VT_EINVAL);
        EXPECT(vt_vif_compute_keep(v, NULL, &ok, &ok, egl, 2, outr) == VT_EINVAL);
        EXPECT(vt_vif_ref_compute(v, rv, &ok) == VT_OK);
        EXPECT(vt_vif_compute_ref(v, rv, &small, egl, 2, outr) == VT_ESIZE);
        EXPECT(vt_vif_compute_ref(v, rv, &ok, nan_egl, 1, outr) == VT_EINVAL);
        EXPECT(vt_vif_compute_ref(v, rv, &ok, egl, 2, NULL) == VT_EINVAL);
        EXPECT(vt_vif_compute_ref(NULL, rv, &ok, egl, 2, outr) == VT_EINVAL);
        EXPECT(vt_vif_compute_ref(v, rv, &ok, egl, 2, outr) == VT_OK && outr[0] == 1.0);
        vt_vif_ref_free(rv);
        vt_vif_ref_free(other);
        vt_vif_ref_free(NULL);
    }
    /* ---- VIF reference state (end) ---- */
    free(buf);
    vt_vif_free(v);
    vt_adm_free(a);
    vt_motion_free(m);
    vt_vif_free(NULL);
    vt_adm_free(NULL);
    vt_motion_free(NULL);
}

static void run_frames(int n_frames)
{
    const int sizes[][3] = {{33, 33, 8}, {97, 61, 10}, {64, 48, 16}, {130, 35, 12}};
    double egl[2] = {100.0, 1.0};
    for (int s = 0; s < 4; s++) {
        const int w = sizes[s][0], h = sizes[s][1], bpc = sizes[s][2], stride = w + 7;
        uint16_t *ref = malloc(sizeof(uint16_t) * stride * h), *dis = malloc(sizeof(uint16_t) * stride * h);
        uint8_t *ref8 = malloc((size_t)stride * h), *dis8 = malloc((size_t)stride * h);
        vt_vif *v = NULL;
        vt_adm *a = NULL;
        vt_motion *m = NULL;
        vt_float_vif *fv = NULL;
        vt_float_adm *fa = NULL;
        vt_float_motion *fm = NULL;
        EXPECT(vt_vif_new(&v, w, h, bpc) == VT_OK);
        EXPECT(vt_adm_new(&a, w, h, bpc) == VT_OK);
        EXPECT(vt_motion_new(&m, w, h, bpc) == VT_OK);
        EXPECT(vt_float_vif_new(&fv, w, h, bpc) == VT_OK);
        EXPECT(vt_float_adm_new(&fa, w, h, bpc) == VT_OK);
        EXPECT(vt_float_motion_new(&fm, w, h, bpc) == VT_OK);
        for (int f = 0; f < n_frames / 4; f++) {
            fill(ref, w, h, stride, bpc, 7u * f + 1);
            fill(dis, w, h, stride, bpc, 7u * f + 2);
            const void *rd = ref, *dd = dis;
            ptrdiff_t st = stride * 2;
            if (bpc == 8) {
                for (int i = 0; i < stride * h; i++) ref8[i] = (uint8_t)ref[i], dis8[i] = (uint8_t)dis[i];
                rd = ref8, dd = dis8, st = stride;
            }
            vt_plane r = {rd, st, w, h, bpc}, d = {dd, st, w, h, bpc};
            double vif[8], adm2[2], scales[8], motion;
            EXPECT(vt_vif_compute(v, &r, &d, egl, 2, vif) == VT_OK);
            /* ---- VIF reference state (begin): the same bits from a state, kept by either entry
               point and read by a second context ---- */
            if (f % 4 == 1) {
                vt_vif_ref *rv = NULL, *kept = NULL;
                vt_vif *v2 = NULL;
                double vr[8];
                EXPECT(vt_vif_ref_new(&rv, w, h, bpc) == VT_OK);
                EXPECT(vt_vif_ref_new(&kept, w, h, bpc) == VT_OK);
                EXPECT(vt_vif_new(&v2, w, h, bpc) == VT_OK);
                EXPECT(vt_vif_ref_compute(v, rv, &r) == VT_OK);
                EXPECT(vt_vif_compute_ref(v2, rv, &d, egl, 2, vr) == VT_OK && memcmp(vif, vr, sizeof(vr)) == 0);
                EXPECT(vt_vif_compute_keep(v2, kept, &r, &d, egl, 2, vr) == VT_OK && memcmp(vif, vr, sizeof(vr)) == 0);
                EXPECT(vt_vif_compute_ref(v, kept, &d, egl, 2, vr) == VT_OK && memcmp(vif, vr, sizeof(vr)) == 0);
                EXPECT(vt_vif_compute(v, &r, &d, egl, 2, vr) == VT_OK && memcmp(vif, vr, sizeof(vr)) == 0);
                vt_vif_ref_free(rv);
                vt_vif_ref_free(kept);
                vt_vif_free(v2);
            }
            /* ---- VIF reference state (end) ---- */
            EXPECT(vt_adm_compute(a, &r, &d, egl, 2, adm2, scales) == VT_OK);
            EXPECT(vt_motion_compute(m, &r, &d, &motion) == VT_OK);
            for (int k = 0; k < 8; k++) EXPECT(isfinite(vif[k]) && isfinite(scales[k]));
            if (f % 8 == 0) { /* the float extractors are slower: every 8th frame */
                EXPECT(vt_float_vif_compute(fv, &r, &d, egl, 2, vif) == VT_OK);
                EXPECT(vt_float_adm_compute(fa, &r, &d, egl, 2, adm2, scales) == VT_OK);
                EXPECT(vt_float_motion_compute(fm, &r, &d, &motion) == VT_OK);
                for (int k = 0; k < 8; k++) EXPECT(isfinite(vif[k]) && isfinite(scales[k]));
            }
            EXPECT(isfinite(adm2[0]) && isfinite(adm2[1]) && isfinite(motion));
            /* ---- ADM configurations (begin): the v0, NEG and v1 options in one pass ---- */
            if (f % 4 == 0) {
                vt_adm_cfg cfg[5];
                double cout[5 * VT_ADM_NOUT];
                for (int k = 0; k < 5; k++) vt_adm_cfg_default(&cfg[k]);
                cfg[1].egl = 1.0;
                for (int k = 2; k < 5; k++) {
                    cfg[k].egl = 1.0, cfg[k].csf_mode = 2, cfg[k].noise_weight = 0.02;
                    cfg[k].dlm_weight = 0.7, cfg[k].min_val = 0.5;
                }
                cfg[3].norm_view_dist = 5.0;
                cfg[4].ref_display_height = 2160;
                EXPECT(vt_adm_compute_cfg(a, &r, &d, cfg, 5, cout) == VT_OK);
                for (int k = 0; k < 5 * VT_ADM_NOUT; k++) EXPECT(isfinite(cout[k]));
                /* The reference cache gives the same bits, read by a second context too. */
                vt_adm_ref *rc = NULL;
                vt_adm *a2 = NULL;
                double cref[5 * VT_ADM_NOUT], adm2r[2], scalesr[8];
                EXPECT(vt_adm_ref_new(&rc, w, h, bpc) == VT_OK);
                EXPECT(vt_adm_new(&a2, w, h, bpc) == VT_OK);
                EXPECT(vt_adm_compute_ref(a2, rc, &d, egl, 2, adm2r, scalesr) == VT_EINVAL); /* not computed */
                EXPECT(vt_adm_ref_compute(a, rc, &r) == VT_OK);
                EXPECT(vt_adm_compute_cfg_ref(a2, rc, &d, cfg, 5, cref) == VT_OK);
                EXPECT(memcmp(cout, cref, sizeof(cout)) == 0);
                EXPECT(vt_adm_compute(a, &r, &d, egl, 2, adm2, scales) == VT_OK);
                EXPECT(vt_adm_compute_ref(a, rc, &d, egl, 2, adm2r, scalesr) == VT_OK);
                EXPECT(memcmp(adm2, adm2r, sizeof(adm2)) == 0 && memcmp(scales, scalesr, sizeof(scales)) == 0);
                EXPECT(vt_adm_compute_cfg(a, &r, &d, cfg, 5, cref) == VT_OK); /* the context is unchanged */
                EXPECT(memcmp(cout, cref, sizeof(cout)) == 0);
                vt_adm_ref_free(rc);
                vt_adm_free(a2);
            }
            /* ---- ADM configurations (end) ---- */
        }
        vt_vif_free(v);
        vt_adm_free(a);
        vt_motion_free(m);
        vt_float_vif_free(fv);
        vt_float_adm_free(fa);
        vt_float_motion_free(fm);
        free(ref), free(dis), free(ref8), free(dis8);
    }
}

int main(void)
{
    check_errors();
    for (int simd = 0; simd <= 1; simd++) {
        vt_set_simd(simd);
        run_frames(1000);
    }
    if (failures) {
        fprintf(stderr, "engine_check: %d failures\n", failures);
        return 1;
    }
    printf("engine_check: 1 passed, 0 failed\n");
    return 0;
}
