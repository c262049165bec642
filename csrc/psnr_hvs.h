/* psnr_hvs internals shared with csrc/x86/psnr_hvs_avx2.c (not part of the public API). */
#ifndef VT_PSNR_HVS_H
#define VT_PSNR_HVS_H
#include <stdint.h>

/* One plane's weighted, masked DCT error (libvmaf's calc_psnrhvs before the dB conversion). */
typedef struct vt_hvs_tables {
    float csf[64];   /* contrast sensitivity, row-major */
    float mask[64];  /* (csf * 0.3885746225901003)^2 rounded to float */
} vt_hvs_tables;

/* Daala's 8x8 integer forward DCT, in place on a row-major 8x8 block. */
void vt_hvs_fdct8x8(int32_t *blk);

#endif
