/* Integer motion's AVX2 entry point (x86/motion_avx2.c). Internal to the engine. */
#ifndef VT_MOTION_AVX2_H
#define VT_MOTION_AVX2_H
#include "motion.h"

#if VT_HAVE_AVX2_BUILD
/* motion.c's sad_rows_c with the same integer arithmetic, bit for bit. */
VT_TARGET_AVX2 uint64_t vt_motion_sad_rows_avx2(const vt_motion *m, const vt_plane *prev,
                                                const vt_plane *cur);
#endif

#endif
