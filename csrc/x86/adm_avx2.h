/* Integer ADM's AVX2 kernels (csrc/x86/adm_avx2.c); internal, chosen by vt_adm_new. */
#ifndef VT_ADM_AVX2_H
#define VT_ADM_AVX2_H
#include "adm.h"

#if VT_HAVE_AVX2_BUILD
/* Installs the AVX2 kernels in a new context (its scalar kernels stay if the division check of
   div30 ever failed). Returns VT_OK or VT_ENOMEM. Call only when vt_simd_active(). */
int vt_adm_use_avx2(vt_adm *s);
#endif

#endif
