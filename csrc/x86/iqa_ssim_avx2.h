/* AVX2 builds of the IQA SSIM row kernels (see csrc/iqa_ssim.h); same results as the scalar ones. */
#ifndef VT_IQA_SSIM_AVX2_H
#define VT_IQA_SSIM_AVX2_H

void vt_iqa_hfilter_avx2(const float *in, float *out, int n);
void vt_iqa_hfilter_prod_avx2(const float *a, const float *b, float *out, int n);
void vt_iqa_vfilter_avx2(const float *const *rows, float *out, int n);
void vt_iqa_pixels_avx2(const float *mu1, const float *mu2, const float *xx, const float *yy,
                        const float *xy, double *lcs, double *l, double *c, double *s, int n);
void vt_iqa_decimate_lpf2_avx2(const float *img, int w, int h, const float *kernel, float *dst);

#endif
