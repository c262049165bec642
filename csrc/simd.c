/* Run-time choice between the scalar and the AVX2 builds of the hot loops. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "vt_internal.h"

static atomic_int simd_setting = -1; /* -1: not decided yet */
static atomic_int avxvnni_setting = -1;

int vt_simd_available(void)
{
#if VT_HAVE_AVX2_BUILD
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
#else
    return 0;
#endif
}

static int initial_setting(void)
{
    const char *env = getenv("VMAF_TUNE_SIMD");
    if (env && (!strcmp(env, "0") || !strcmp(env, "off") || !strcmp(env, "scalar"))) return 0;
    return 1;
}

int vt_set_simd(int enabled)
{
    int prev = atomic_load(&simd_setting);
    if (prev < 0) prev = initial_setting();
    atomic_store(&simd_setting, enabled ? 1 : 0);
    return prev;
}

int vt_simd_active(void)
{
    int s = atomic_load(&simd_setting);
    if (s < 0) {
        s = initial_setting();
        atomic_store(&simd_setting, s);
    }
    return s && vt_simd_available();
}

int vt_avxvnni_available(void)
{
#if VT_HAVE_AVXVNNI_BUILD
    __builtin_cpu_init();
    return vt_simd_available() && __builtin_cpu_supports("avxvnni") ? 1 : 0;
#else
    return 0;
#endif
}

static int initial_avxvnni(void)
{
    const char *env = getenv("VMAF_TUNE_SIMD");
    return env && !strcmp(env, "avx2") ? 0 : 1;
}

int vt_set_avxvnni(int enabled)
{
    int prev = atomic_load(&avxvnni_setting);
    if (prev < 0) prev = initial_avxvnni();
    atomic_store(&avxvnni_setting, enabled ? 1 : 0);
    return prev;
}

int vt_avxvnni_active(void)
{
    int s = atomic_load(&avxvnni_setting);
    if (s < 0) {
        s = initial_avxvnni();
        atomic_store(&avxvnni_setting, s);
    }
    return s && vt_simd_active() && vt_avxvnni_available();
}
