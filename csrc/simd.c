/* Run-time choice between the scalar and the SIMD builds of the hot loops: SIMD (AVX2) or not,
   and, within SIMD, the AVX-VNNI builds where they exist. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "vt_internal.h"

/* A setting: -1 until decided (from the environment, on first use), then 0 or 1. */
static atomic_int simd_setting = -1;
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

int vt_avxvnni_available(void)
{
#if VT_HAVE_AVXVNNI_BUILD
    __builtin_cpu_init();
    return vt_simd_available() && __builtin_cpu_supports("avxvnni") ? 1 : 0;
#else
    return 0;
#endif
}

/* VMAF_TUNE_SIMD: "0", "off" or "scalar" turn SIMD off; "avx2" keeps SIMD to plain AVX2. */
static int initial_simd(void)
{
    const char *env = getenv("VMAF_TUNE_SIMD");
    return env && (!strcmp(env, "0") || !strcmp(env, "off") || !strcmp(env, "scalar")) ? 0 : 1;
}

static int initial_avxvnni(void)
{
    const char *env = getenv("VMAF_TUNE_SIMD");
    return env && !strcmp(env, "avx2") ? 0 : 1;
}

static int current(atomic_int *setting, int (*initial)(void))
{
    int s = atomic_load(setting);
    if (s < 0) {
        s = initial();
        atomic_store(setting, s);
    }
    return s;
}

static int replace(atomic_int *setting, int (*initial)(void), int enabled)
{
    const int prev = current(setting, initial);
    atomic_store(setting, enabled ? 1 : 0);
    return prev;
}

int vt_set_simd(int enabled) { return replace(&simd_setting, initial_simd, enabled); }

int vt_set_avxvnni(int enabled) { return replace(&avxvnni_setting, initial_avxvnni, enabled); }

int vt_simd_active(void) { return current(&simd_setting, initial_simd) && vt_simd_available(); }

int vt_avxvnni_active(void)
{
    return current(&avxvnni_setting, initial_avxvnni) && vt_simd_active() && vt_avxvnni_available();
}
