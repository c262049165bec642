/* Engine-wide helpers that belong to no single extractor. */
#include "vt.h"

const char *vt_strerror(int code)
{
    switch (code) {
    case VT_OK: return "no error";
    case VT_EINVAL: return "invalid argument (plane, stride, bit depth or option)";
    case VT_ENOMEM: return "out of memory";
    case VT_ETOOSMALL: return "frame is smaller than the feature allows";
    case VT_ESIZE: return "frame size differs from the size the context was made for";
    default: return "unknown error";
    }
}
