/* Placeholder until the float feature extractors land: every entry point reports VT_ENOTSUP. */
#include "vt_internal.h"

#define UNAVAILABLE(T)                                                                             \
    int T##_new(T **out, int w, int h, int bpc)                                                    \
    {                                                                                              \
        (void)w, (void)h, (void)bpc;                                                               \
        if (out) *out = NULL;                                                                      \
        return VT_ENOTSUP;                                                                         \
    }                                                                                              \
    void T##_free(T *ctx) { (void)ctx; }

UNAVAILABLE(vt_float_vif)
UNAVAILABLE(vt_float_adm)
UNAVAILABLE(vt_float_motion)

int vt_float_vif_compute(vt_float_vif *c, const vt_plane *r, const vt_plane *d, const double *e, int n,
                         double *s)
{
    (void)c, (void)r, (void)d, (void)e, (void)n, (void)s;
    return VT_ENOTSUP;
}

int vt_float_adm_compute(vt_float_adm *c, const vt_plane *r, const vt_plane *d, const double *e, int n,
                         double *a, double *s)
{
    (void)c, (void)r, (void)d, (void)e, (void)n, (void)a, (void)s;
    return VT_ENOTSUP;
}

int vt_float_motion_compute(vt_float_motion *c, const vt_plane *p, const vt_plane *q, double *s)
{
    (void)c, (void)p, (void)q, (void)s;
    return VT_ENOTSUP;
}
