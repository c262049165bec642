/* psnr_hvs internals shared with csrc/x86/psnr_hvs_avx2.c (not part of the public API). */
#ifndef VT_PSNR_HVS_H
#define VT_PSNR_HVS_H
#include <stddef.h>
#include <stdint.h>

/* One plane's weighted, masked DCT error (libvmaf's calc_psnrhvs before the dB conversion). */
typedef struct vt_hvs_tables {
    float csf[64];   /* contrast sensitivity, row-major */
    float mask[64];  /* (csf * 0.3885746225901003)^2 rounded to float */
} vt_hvs_tables;

/* Daala's 8x8 integer forward DCT, in place on a row-major 8x8 block. */
void vt_hvs_fdct8x8(int32_t *blk);

/* 1 / 63.f * 64 and 1 / 15.f * 16 as libvmaf writes them (float). */
#define VT_HVS_GVAR_SCALE (1 / 63.f * 64)
#define VT_HVS_QVAR_SCALE (1 / 15.f * 16)

/* Eight blocks side by side: top-left corners (x0 + 7 b, y), b = 0..7. terms[k * 8 + b] receives
   block b's error term (err_k * csf_k)^2 for coefficient k, as the scalar code computes it. */
void vt_hvs_blocks8_avx2(const uint8_t *src, ptrdiff_t ss, const uint8_t *dst, ptrdiff_t ds, int x0,
                         int y, int bpc, const vt_hvs_tables *t, float *terms);

#endif
