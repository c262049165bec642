/*
 * Integer VIF's AVX2 path (x86/vif_avx2.c) compiled once more for CPUs with AVX-VNNI, where a
 * filter tap's multiply-add and accumulation are one vpdpwssd (madd_acc): the same integer sums,
 * bit for bit. vt_vif_new picks it when vt_vif_avxvnni_usable().
 */
#include "x86/vif_avx2.h"

#if VT_HAVE_AVXVNNI_BUILD
#undef VT_TARGET_AVX2
#define VT_TARGET_AVX2 __attribute__((target("avx2,fma,avxvnni")))
#define VIF_AVXVNNI 1
#include "x86/vif_avx2.c"
#else
typedef int vt_vif_avxvnni_empty; /* ISO C: no empty translation unit */
#endif
