/* Integer VIF's AVX2 entry points (x86/vif_avx2.c). Internal to the engine. */
#ifndef VT_VIF_AVX2_H
#define VT_VIF_AVX2_H
#include "vif.h"

#if VT_HAVE_AVX2_BUILD
/* Makes a context created by vt_vif_new use the AVX2 path: allocates its AVX2 buffers and sets
   its downscale/scale_pass hooks. Needs vt_vif_log2_lut filled. VT_OK or VT_ENOMEM (the caller
   frees the context). */
int vt_vif_avx2_setup(vt_vif *s);
#endif

/* Compilers that know AVX-VNNI (_mm256_dpwssd_avx_epi32). */
#if VT_HAVE_AVX2_BUILD && (defined(__clang__) ? __clang_major__ >= 12 : defined(__GNUC__) && __GNUC__ >= 11)
#define VT_HAVE_AVXVNNI_BUILD 1
/* The AVX2 path compiled for AVX-VNNI as well (x86/vif_avxvnni.c: the multiply-add-accumulates
   of the filters in one instruction each), same bits. usable: the CPU has AVX-VNNI and the
   environment does not ask for plain AVX2 (VMAF_TUNE_SIMD=avx2). setup: as vt_vif_avx2_setup. */
int vt_vif_avxvnni_usable(void);
int vt_vif_avxvnni_setup(vt_vif *s);
#else
#define VT_HAVE_AVXVNNI_BUILD 0
#endif

#endif
