/* Pixel layouts as libvmaf's pictures have them (VmafPixelFormat), derived from plane sizes. */
#ifndef VT_CHROMA_LAYOUT_H
#define VT_CHROMA_LAYOUT_H
#include "vt.h"

enum { VT_LAYOUT_400 = 0, VT_LAYOUT_420, VT_LAYOUT_422, VT_LAYOUT_444 };

/* Which layout chroma planes of cw x ch make next to a w x h luma plane. Subsampled sizes may be
   rounded either way ((w + 1) >> 1 as most tools allocate, or w >> 1 as libvmaf does); 4:4:0 and
   anything else is refused. cw == ch == 0 means no chroma (4:0:0). Needs w, h >= 2 so that the
   sizes are unambiguous. Returns the VT_LAYOUT_* value or VT_EINVAL. */
static inline int vt_chroma_layout(int w, int h, int cw, int ch)
{
    if (cw == 0 && ch == 0) return VT_LAYOUT_400;
    const int half_w = cw == (w >> 1) || cw == ((w + 1) >> 1);
    const int half_h = ch == (h >> 1) || ch == ((h + 1) >> 1);
    if (cw == w && ch == h) return VT_LAYOUT_444;
    if (half_w && ch == h) return VT_LAYOUT_422;
    if (half_w && half_h) return VT_LAYOUT_420;
    return VT_EINVAL;
}

/* libvmaf's chroma plane size for a layout: w >> 1 / h >> 1 where subsampled (rounded down). */
static inline void vt_libvmaf_chroma_size(int layout, int w, int h, int *cw, int *ch)
{
    *cw = layout == VT_LAYOUT_400 ? 0 : layout == VT_LAYOUT_444 ? w : w >> 1;
    *ch = layout == VT_LAYOUT_400 ? 0 : layout == VT_LAYOUT_420 ? h >> 1 : h;
}

#endif
