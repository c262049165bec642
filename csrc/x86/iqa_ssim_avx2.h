/* AVX2 builds of the IQA SSIM row kernels (see csrc/iqa_ssim.h); same results as the scalar ones. */
#ifndef VT_IQA_SSIM_AVX2_H
#define VT_IQA_SSIM_AVX2_H
#include <stddef.h>

void vt_iqa_hfilter5_avx2(const float *a, const float *b, float *const *out, int n);
void vt_iqa_vfilter5_avx2(const float *const *rows, float *const *out, int n);
void vt_iqa_pixels_avx2(const float *mu1, const float *mu2, const float *xx, const float *yy,
                        const float *xy, double *lcs, double *l, double *c, double *s, int n);
/* 2x decimation with a 9x9 kernel into dst (not in place); scratch as vt_iqa_lpf2_scratch(). */
void vt_iqa_decimate_lpf2_avx2(const float *img, int w, int h, const float *kernel, float *dst,
                               float *scratch);

/* float_ssim's decimation by f (2..10) with an f x f kernel, into out; returns out. */
const float *vt_iqa_decimate_box_avx2(float *img, int w, int h, int f, const float *kernel, float *out,
                                      float *scratch);

#endif
