/* PSNR internals shared by csrc/psnr.c and csrc/x86/psnr_avx2.c. */
#ifndef VT_PSNR_INTERNAL_H
#define VT_PSNR_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "vt_internal.h"

/* Sum of squared differences over w x h samples of two planes (strides in bytes). The sums are
   exact integers, so every summation order gives the same result. */
typedef uint64_t (*vt_sse_fn)(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                              ptrdiff_t b_stride, int w, int h);

uint64_t vt_sse8_c(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b, ptrdiff_t b_stride,
                   int w, int h);
uint64_t vt_sse16_c(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b, ptrdiff_t b_stride,
                    int w, int h);
#if VT_HAVE_AVX2_BUILD
uint64_t vt_sse8_avx2(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b, ptrdiff_t b_stride,
                      int w, int h);
uint64_t vt_sse16_avx2(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                       ptrdiff_t b_stride, int w, int h);
#endif

#endif
