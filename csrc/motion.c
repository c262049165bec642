/*
 * Integer motion: the mean absolute value of the Gaussian-blurred difference between two
 * consecutive reference frames, in libvmaf's fixed point (5-tap Q16 filter, mirrored edges).
 *
 * The blur is linear, so blurring the difference once equals differencing two blurred frames
 * up to rounding; the rounding below is the one libvmaf 3.x uses and must not change.
 */
#include <string.h>

#include "vt_internal.h"
#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>
#endif

static const int32_t motion_taps[5] = {3571, 16004, 26386, 16004, 3571};

#define ROW_PAD 8 /* int32 slots before/after the filtered row (AVX2 path: mirrored columns) */

struct vt_motion {
    int w, h, bpc;
    int32_t *row;     /* one row of the vertically filtered difference */
    int32_t *row_buf; /* row - ROW_PAD */
    uint64_t (*sad_rows)(const vt_motion *m, const vt_plane *prev, const vt_plane *cur);
};

static uint64_t sad_rows_c(const vt_motion *m, const vt_plane *prev, const vt_plane *cur);
#if VT_HAVE_AVX2_BUILD
VT_TARGET_AVX2 static uint64_t sad_rows_avx2(const vt_motion *m, const vt_plane *prev,
                                             const vt_plane *cur);
#endif

/* Reflects an index into [0, size) without repeating the edge sample (needs size >= 3). */
static inline int reflect(int i, int size)
{
    if (i < 0) return -i;
    if (i >= size) return 2 * size - i - 2;
    return i;
}

static inline int32_t sample(const uint8_t *row, int j, int wide)
{
    return wide ? ((const uint16_t *)row)[j] : row[j];
}

/* One column of the vertical pass: the 5-tap blur of (prev - cur), rounded and shifted by bpc. */
static inline int32_t vertical_diff(const uint8_t **pr, const uint8_t **cr, int j, int wide,
                                    int bpc)
{
    int64_t acc = 0;
    for (int k = 0; k < 5; k++)
        acc += motion_taps[k] * (int64_t)(sample(pr[k], j, wide) - sample(cr[k], j, wide));
    return (int32_t)((acc + ((int64_t)1 << (bpc - 1))) >> bpc);
}

int vt_motion_new(vt_motion **out, int w, int h, int bpc)
{
    if (!out) return VT_EINVAL;
    *out = NULL;
    int err = vt_check_dims(w, h, bpc, 3);
    if (err) return err;
    vt_motion *m = calloc(1, sizeof(*m));
    if (!m) return VT_ENOMEM;
    m->row_buf = vt_alloc(sizeof(int32_t) * ((size_t)w + 2 * ROW_PAD));
    if (!m->row_buf) {
        free(m);
        return VT_ENOMEM;
    }
    m->row = m->row_buf + ROW_PAD;
    m->sad_rows = sad_rows_c;
#if VT_HAVE_AVX2_BUILD
    if (vt_simd_active()) m->sad_rows = sad_rows_avx2;
#endif
    m->w = w;
    m->h = h;
    m->bpc = bpc;
    *out = m;
    return VT_OK;
}

void vt_motion_free(vt_motion *m)
{
    if (!m) return;
    vt_free(m->row_buf);
    free(m);
}

/* The rows i - 2 .. i + 2 of both frames (mirrored at the edges): the vertical filter's taps. */
static inline void tap_rows(const vt_plane *prev, const vt_plane *cur, int i, const uint8_t *pr[5],
                            const uint8_t *cr[5])
{
    for (int k = 0; k < 5; k++) {
        const int r = reflect(i - 2 + k, cur->h);
        pr[k] = (const uint8_t *)prev->data + r * prev->stride;
        cr[k] = (const uint8_t *)cur->data + r * cur->stride;
    }
}

/* Sum over the frame of |blur(prev - cur)|: the reference implementation. */
static uint64_t sad_rows_c(const vt_motion *m, const vt_plane *prev, const vt_plane *cur)
{
    const int w = m->w, h = m->h, bpc = m->bpc, wide = bpc > 8;
    int32_t *row = m->row;
    uint64_t sad = 0;

    for (int i = 0; i < h; i++) {
        const uint8_t *pr[5], *cr[5];
        tap_rows(prev, cur, i, pr, cr);
        int32_t nonzero = 0;
        for (int j = 0; j < w; j++) {
            row[j] = vertical_diff(pr, cr, j, wide, bpc);
            nonzero |= row[j];
        }
        if (!nonzero) continue;
        for (int j = 0; j < w; j++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += motion_taps[k] * (int64_t)row[reflect(j - 2 + k, w)];
            const int32_t v = (int32_t)((acc + (1 << 15)) >> 16);
            sad += (uint64_t)(v < 0 ? -v : v);
        }
    }
    return sad;
}

#if VT_HAVE_AVX2_BUILD
/*
 * AVX2: the same integer arithmetic, 16 or 8 columns at a time; columns the vectors do not
 * cover are done by the scalar formulas above. The taps are symmetric, so rows (columns) k and
 * 4 - k are added before multiplying.
 *
 * Vertical pass. bpc <= 14: differences and the sums of symmetric differences fit int16, so
 * vpmaddwd forms t0 (d0 + d4) + t1 (d1 + d3) and t2 d2 + round in int32 (|total| < 2^31).
 * bpc 15, 16: the difference can need 33 bits, so P = sum t p and C = sum t c are formed in
 * uint32 (both < 2^32) and floor((P - C + round) / 2^bpc) is assembled from their high parts
 * and the (small) difference of their low bpc bits.
 *
 * Horizontal pass: |row| < 2^16 and the 5-tap sum can need 33 bits, so products are formed in
 * 64-bit lanes (vpmuldq on the even and odd int32 lanes); after the shift by 16 the value fits
 * int32 again.
 */
VT_TARGET_AVX2 static uint64_t sad_rows_avx2(const vt_motion *m, const vt_plane *prev,
                                             const vt_plane *cur)
{
    const int w = m->w, h = m->h, bpc = m->bpc, wide = bpc > 8;
    const int32_t round_v = 1 << (bpc - 1);
    const __m128i sh = _mm_cvtsi32_si128(bpc);
    int32_t *row = m->row;
    uint64_t sad = 0;

    const __m256i t01 = _mm256_set1_epi32((motion_taps[1] << 16) | motion_taps[0]);
    const __m256i one = _mm256_set1_epi16(1);
    const __m256i rnd = _mm256_set1_epi32(round_v);
    const __m256i lowmask = _mm256_set1_epi32((int32_t)((1u << bpc) - 1));
    const __m256i T0 = _mm256_set1_epi32(motion_taps[0]), T1 = _mm256_set1_epi32(motion_taps[1]),
                  T2 = _mm256_set1_epi32(motion_taps[2]);
    const __m256i hround = _mm256_set1_epi64x(1 << 15);

    for (int i = 0; i < h; i++) {
        const uint8_t *pr[5], *cr[5];
        tap_rows(prev, cur, i, pr, cr);
        __m256i nz = _mm256_setzero_si256();
        int j = 0;
        if (bpc <= 14) {
            const __m256i t2rnd = _mm256_set1_epi32(motion_taps[2] | (round_v << 16)); /* (t2, round) */
            for (; j + 16 <= w; j += 16) {
                __m256i d[5];
                for (int k = 0; k < 5; k++) {
                    __m256i a, b;
                    if (wide) {
                        a = _mm256_loadu_si256((const __m256i *)((const uint16_t *)pr[k] + j));
                        b = _mm256_loadu_si256((const __m256i *)((const uint16_t *)cr[k] + j));
                    } else {
                        a = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(pr[k] + j)));
                        b = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(cr[k] + j)));
                    }
                    d[k] = _mm256_sub_epi16(a, b);
                }
                const __m256i s04 = _mm256_add_epi16(d[0], d[4]);
                const __m256i s13 = _mm256_add_epi16(d[1], d[3]);
                const __m256i r_lo = _mm256_unpacklo_epi16(d[2], one); /* (d2, 1) pairs */
                const __m256i r_hi = _mm256_unpackhi_epi16(d[2], one);
                __m256i lo = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(s04, s13), t01),
                                              _mm256_madd_epi16(r_lo, t2rnd));
                __m256i hi = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(s04, s13), t01),
                                              _mm256_madd_epi16(r_hi, t2rnd));
                lo = _mm256_sra_epi32(lo, sh); /* columns 0-3, 8-11 */
                hi = _mm256_sra_epi32(hi, sh); /* columns 4-7, 12-15 */
                const __m256i a = _mm256_permute2x128_si256(lo, hi, 0x20);
                const __m256i b = _mm256_permute2x128_si256(lo, hi, 0x31);
                _mm256_storeu_si256((__m256i *)(row + j), a);
                _mm256_storeu_si256((__m256i *)(row + j + 8), b);
                nz = _mm256_or_si256(nz, _mm256_or_si256(a, b));
            }
        } else {
            for (; j + 8 <= w; j += 8) {
                __m256i pv[5], cv[5];
                for (int k = 0; k < 5; k++) {
                    pv[k] = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((const uint16_t *)pr[k] + j)));
                    cv[k] = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((const uint16_t *)cr[k] + j)));
                }
                const __m256i P = _mm256_add_epi32(
                    _mm256_add_epi32(_mm256_mullo_epi32(_mm256_add_epi32(pv[0], pv[4]), T0),
                                     _mm256_mullo_epi32(_mm256_add_epi32(pv[1], pv[3]), T1)),
                    _mm256_mullo_epi32(pv[2], T2));
                const __m256i C = _mm256_add_epi32(
                    _mm256_add_epi32(_mm256_mullo_epi32(_mm256_add_epi32(cv[0], cv[4]), T0),
                                     _mm256_mullo_epi32(_mm256_add_epi32(cv[1], cv[3]), T1)),
                    _mm256_mullo_epi32(cv[2], T2));
                const __m256i high = _mm256_sub_epi32(_mm256_srl_epi32(P, sh), _mm256_srl_epi32(C, sh));
                const __m256i low = _mm256_sub_epi32(_mm256_and_si256(P, lowmask), _mm256_and_si256(C, lowmask));
                const __m256i v = _mm256_add_epi32(high, _mm256_sra_epi32(_mm256_add_epi32(low, rnd), sh));
                _mm256_storeu_si256((__m256i *)(row + j), v);
                nz = _mm256_or_si256(nz, v);
            }
        }
        int32_t nonzero = !_mm256_testz_si256(nz, nz);
        for (; j < w; j++) {
            row[j] = vertical_diff(pr, cr, j, wide, bpc);
            nonzero |= row[j];
        }
        if (!nonzero) continue;

        /* Mirrored columns, so that the vectors read no edge cases. */
        row[-1] = row[1];
        row[-2] = row[2];
        row[w] = row[w - 2];
        row[w + 1] = row[w - 3];
        __m256i acc = _mm256_setzero_si256();
        j = 0;
        for (; j + 8 <= w; j += 8) {
            const __m256i s04 = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(row + j - 2)),
                                                 _mm256_loadu_si256((const __m256i *)(row + j + 2)));
            const __m256i s13 = _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(row + j - 1)),
                                                 _mm256_loadu_si256((const __m256i *)(row + j + 1)));
            const __m256i c = _mm256_loadu_si256((const __m256i *)(row + j));
            __m256i ev = _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epi32(s04, T0), _mm256_mul_epi32(s13, T1)),
                                          _mm256_add_epi64(_mm256_mul_epi32(c, T2), hround));
            __m256i od = _mm256_add_epi64(
                _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(s04, 32), T0),
                                 _mm256_mul_epi32(_mm256_srli_epi64(s13, 32), T1)),
                _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(c, 32), T2), hround));
            /* Bits 16..47 of each sum: the int32 value of the arithmetic shift (|v| <= 2^16). */
            ev = _mm256_srli_epi64(ev, 16);
            od = _mm256_slli_epi64(_mm256_srli_epi64(od, 16), 32);
            const __m256i v = _mm256_blend_epi32(ev, od, 0xAA);
            acc = _mm256_add_epi32(acc, _mm256_abs_epi32(v));
        }
        /* Per lane at most w / 8 values of at most 2^16 each: no int32 overflow (w <= 2^16). */
        const __m256i a64 = _mm256_add_epi64(_mm256_cvtepu32_epi64(_mm256_castsi256_si128(acc)),
                                             _mm256_cvtepu32_epi64(_mm256_extracti128_si256(acc, 1)));
        __m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(a64), _mm256_extracti128_si256(a64, 1));
        sad += (uint64_t)_mm_cvtsi128_si64(s2) + (uint64_t)_mm_extract_epi64(s2, 1);
        for (; j < w; j++) {
            int64_t a = 0;
            for (int k = 0; k < 5; k++) a += motion_taps[k] * (int64_t)row[j - 2 + k];
            const int32_t v = (int32_t)((a + (1 << 15)) >> 16);
            sad += (uint64_t)(v < 0 ? -v : v);
        }
    }
    return sad;
}
#endif

int vt_motion_compute(vt_motion *m, const vt_plane *prev, const vt_plane *cur, double *score)
{
    if (!m || !score) return VT_EINVAL;
    int err = vt_check_plane(prev, m->w, m->h, m->bpc);
    if (!err) err = vt_check_plane(cur, m->w, m->h, m->bpc);
    if (err) return err;

    const uint64_t sad = m->sad_rows(m, prev, cur);
    const double v = (double)sad / 256. / ((double)m->w * m->h);
    *score = v < 10000.0 ? v : 10000.0; /* libvmaf's motion_max_val */
    return VT_OK;
}
