/* Shared helpers for the engine's C files (not part of the public API). */
#ifndef VT_INTERNAL_H
#define VT_INTERNAL_H
#include <stdint.h>
#include <stdlib.h>
#include "vt.h"

#define VT_ALIGN 64

/* Hot loops exist twice on x86-64: the scalar C reference and hand-written AVX2 (+FMA, used only
   where exactness does not depend on it: the log series, which is checked against the table at
   start-up). A context picks one when it is created (vt_simd_active()); both give identical
   numbers. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define VT_HAVE_AVX2_BUILD 1
#define VT_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define VT_HAVE_AVX2_BUILD 0
#define VT_TARGET_AVX2
#endif
/* Compilers that know AVX-VNNI (_mm256_dpwssd_avx_epi32): integer VIF's AVX2 file is compiled a
   second time for it (x86/vif_avxvnni.c). */
#if VT_HAVE_AVX2_BUILD && (defined(__clang__) ? __clang_major__ >= 12 : defined(__GNUC__) && __GNUC__ >= 11)
#define VT_HAVE_AVXVNNI_BUILD 1
#else
#define VT_HAVE_AVXVNNI_BUILD 0
#endif
#define VT_INLINE static inline __attribute__((always_inline))

/* 1 when new contexts should use the AVX2 build of the hot loops (defined in simd.c). */
int vt_simd_active(void);
/* 1 when new contexts should take the AVX-VNNI build where one exists (SIMD active, the CPU has
   AVX-VNNI, vt_set_avxvnni not 0). */
int vt_avxvnni_active(void);

static inline void *vt_alloc(size_t size)
{
    size_t rounded = (size + VT_ALIGN - 1) / VT_ALIGN * VT_ALIGN;
    if (rounded == 0) rounded = VT_ALIGN;
    return aligned_alloc(VT_ALIGN, rounded);
}

static inline void vt_free(void *p) { free(p); }

/* Validates a plane against the size and depth a context was made for. */
static inline int vt_check_plane(const vt_plane *p, int w, int h, int bpc)
{
    if (!p || !p->data) return VT_EINVAL;
    if (p->bpc != bpc) return VT_EINVAL;
    if (p->w != w || p->h != h) return VT_ESIZE;
    const ptrdiff_t row = (ptrdiff_t)w * (bpc > 8 ? 2 : 1);
    if (p->stride < row) return VT_EINVAL;
    if (bpc > 8 && (p->stride & 1)) return VT_EINVAL;
    if (bpc > 8 && ((uintptr_t)p->data & 1)) return VT_EINVAL;
    return VT_OK;
}

static inline int vt_check_size(int w, int h, int bpc, int min_w, int min_h)
{
    if (bpc < 8 || bpc > 16) return VT_EINVAL;
    if (w <= 0 || h <= 0) return VT_EINVAL;
    if (w > (1 << 16) || h > (1 << 16)) return VT_EINVAL;
    if (w < min_w || h < min_h) return VT_ETOOSMALL;
    return VT_OK;
}

static inline int vt_check_dims(int w, int h, int bpc, int min_dim)
{
    return vt_check_size(w, h, bpc, min_dim, min_dim);
}

static inline int vt_check_egl(const double *egl, int n_egl)
{
    if (!egl || n_egl < 1 || n_egl > VT_MAX_EGL) return VT_EINVAL;
    for (int k = 0; k < n_egl; k++)
        if (!(egl[k] >= 1.0) || egl[k] > 1e6) return VT_EINVAL; /* also rejects NaN */
    return VT_OK;
}

/* A luma plane as floats, the way libvmaf's float extractors read pictures: v / 2^(bpc-8) - 128. */
static inline void vt_load_float(float *dst, ptrdiff_t dst_stride, const vt_plane *p)
{
    const uint8_t *src = p->data;
    const float inv = 1.0f / (float)(1 << (p->bpc - 8));
    for (int i = 0; i < p->h; i++, src += p->stride, dst += dst_stride) {
        if (p->bpc == 8) {
            for (int j = 0; j < p->w; j++) dst[j] = (float)src[j] - 128.0f;
        } else {
            const uint16_t *s16 = (const uint16_t *)src;
            for (int j = 0; j < p->w; j++) dst[j] = (float)s16[j] * inv - 128.0f;
        }
    }
}

#endif
