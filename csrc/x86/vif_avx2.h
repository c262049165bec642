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

#if VT_HAVE_AVXVNNI_BUILD
/* The AVX2 path compiled for AVX-VNNI as well (x86/vif_avxvnni.c: the multiply-add-accumulates
   of the filters in one instruction each), same bits; taken when vt_avxvnni_active(). As
   vt_vif_avx2_setup. */
int vt_vif_avxvnni_setup(vt_vif *s);
#endif

#endif
