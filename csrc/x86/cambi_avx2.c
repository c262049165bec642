/*
 * AVX2 builds of CAMBI's hot loops (see csrc/cambi.c for the scalar reference; both give
 * identical scores). Stores never go past a scale's width in the image and mask buffers:
 * libvmaf's narrow scales read what the larger scales left there.
 */
#include <string.h>

#include "../cambi.h"

#if VT_HAVE_AVX2_BUILD
#include <immintrin.h>

/* ---------------------------------------------------------------------------------------
 * Preprocessing.
 * --------------------------------------------------------------------------------------- */

VT_TARGET_AVX2 static unsigned to10_avx2(uint16_t *d, const uint8_t *row, int w, int bpc)
{
    int j = 0;
    if (bpc == 8) {
        for (; j + 16 <= w; j += 16) {
            __m256i v = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(row + j)));
            _mm256_storeu_si256((__m256i *)(d + j), _mm256_slli_epi16(v, 2));
        }
        for (; j < w; j++) d[j] = (uint16_t)(row[j] << 2);
        return 0;
    }
    const uint16_t *s = (const uint16_t *)(const void *)row;
    __m256i seen = _mm256_setzero_si256();
    /* bpc <= 10: v << (10 - bpc); above: (v + 2^(k-1)) >> k = ((v >> (k-1)) + 1) >> 1, k = bpc - 10,
       which stays within 16 bits */
    const __m128i up = _mm_cvtsi32_si128(bpc <= 10 ? 10 - bpc : 0);
    const __m128i down = _mm_cvtsi32_si128(bpc > 10 ? bpc - 11 : 0);
    const __m256i zero = _mm256_setzero_si256();
    for (; j + 16 <= w; j += 16) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + j));
        seen = _mm256_or_si256(seen, v);
        v = bpc <= 10 ? _mm256_sll_epi16(v, up) : _mm256_avg_epu16(_mm256_srl_epi16(v, down), zero);
        _mm256_storeu_si256((__m256i *)(d + j), v);
    }
    uint16_t lanes[16];
    _mm256_storeu_si256((__m256i *)lanes, seen);
    unsigned all = 0;
    for (int l = 0; l < 16; l++) all |= lanes[l];
    for (; j < w; j++) {
        unsigned v = s[j];
        all |= v;
        d[j] = (uint16_t)(bpc <= 10 ? v << (10 - bpc) : (v + (1u << (bpc - 11))) >> (bpc - 10));
    }
    return all;
}

/* A vector stores columns j .. j+15 after loading j+1 .. j+16, and the next one reads column
   j+16 before anything writes it: in place, as the scalar filter. */
VT_TARGET_AVX2 static void anti_dither_row_avx2(uint16_t *r0, const uint16_t *r1, int w)
{
    int j = 0;
    if (!r1) {
        for (; j + 16 <= w - 1; j += 16) {
            __m256i a = _mm256_loadu_si256((const __m256i *)(r0 + j));
            __m256i b = _mm256_loadu_si256((const __m256i *)(r0 + j + 1));
            _mm256_storeu_si256((__m256i *)(r0 + j), _mm256_srli_epi16(_mm256_add_epi16(a, b), 1));
        }
        for (; j < w - 1; j++) r0[j] = (uint16_t)((r0[j] + r0[j + 1]) >> 1);
        return;
    }
    for (; j + 16 <= w - 1; j += 16) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(r0 + j));
        __m256i b = _mm256_loadu_si256((const __m256i *)(r0 + j + 1));
        __m256i c = _mm256_loadu_si256((const __m256i *)(r1 + j));
        __m256i d = _mm256_loadu_si256((const __m256i *)(r1 + j + 1));
        __m256i sum = _mm256_add_epi16(_mm256_add_epi16(a, b), _mm256_add_epi16(c, d));
        _mm256_storeu_si256((__m256i *)(r0 + j), _mm256_srli_epi16(sum, 2));
    }
    for (; j < w - 1; j++) r0[j] = (uint16_t)((r0[j] + r0[j + 1] + r1[j] + r1[j + 1]) >> 2);
    r0[w - 1] = (uint16_t)((r0[w - 1] + r1[w - 1]) >> 1);
}

VT_TARGET_AVX2 static inline __m256i u8x16(const uint8_t *p)
{
    return _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)p));
}

VT_TARGET_AVX2 static void dither8_row_avx2(uint16_t *d, const uint8_t *r0, const uint8_t *r1, int w)
{
    int j = 0;
    if (!r1) {
        for (; j + 16 <= w - 1; j += 16) {
            __m256i sum = _mm256_add_epi16(u8x16(r0 + j), u8x16(r0 + j + 1));
            _mm256_storeu_si256((__m256i *)(d + j), _mm256_slli_epi16(sum, 1));
        }
        for (; j < w - 1; j++) d[j] = (uint16_t)(2 * (r0[j] + r0[j + 1]));
        d[w - 1] = (uint16_t)(r0[w - 1] << 2);
        return;
    }
    for (; j + 16 <= w - 1; j += 16) {
        __m256i sum = _mm256_add_epi16(_mm256_add_epi16(u8x16(r0 + j), u8x16(r0 + j + 1)),
                                       _mm256_add_epi16(u8x16(r1 + j), u8x16(r1 + j + 1)));
        _mm256_storeu_si256((__m256i *)(d + j), sum);
    }
    for (; j < w - 1; j++) d[j] = (uint16_t)(r0[j] + r0[j + 1] + r1[j] + r1[j + 1]);
    d[w - 1] = (uint16_t)(2 * (r0[w - 1] + r1[w - 1]));
}

/* ---------------------------------------------------------------------------------------
 * Spatial mask.
 * --------------------------------------------------------------------------------------- */

/* Zero-derivative flags (0/1 bytes) of row r for columns [0, w); bytes [w, align32(w) + 32)
   are zeroed so that the column sums stay zero there. */
VT_TARGET_AVX2 static void zero_deriv_row_avx2(const uint16_t *img, ptrdiff_t stride, int w, int h,
                                               int r, uint8_t *out)
{
    const uint16_t *p = img + r * stride, *q = p + stride;
    const int last_row = r == h - 1;
    const __m256i one = _mm256_set1_epi16(1);
    int j = 0;
    for (; j + 16 <= w; j += 16) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(p + j));
        __m256i b = _mm256_loadu_si256((const __m256i *)(p + j + 1));
        __m256i eq = _mm256_cmpeq_epi16(a, b);
        if (!last_row) eq = _mm256_and_si256(eq, _mm256_cmpeq_epi16(a, _mm256_loadu_si256((const __m256i *)(q + j))));
        __m256i z = _mm256_and_si256(eq, one);
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(z, z), 0x08);
        _mm_storeu_si128((__m128i *)(out + j), _mm256_castsi256_si128(packed));
    }
    for (; j < w; j++) {
        int right = j == w - 1 || p[j] == p[j + 1];
        int down = last_row || p[j] == q[j];
        out[j] = (uint8_t)(right && down);
    }
    out[w - 1] = (uint8_t)(last_row || p[w - 1] == q[w - 1]);
    const int end = ((w + 31) & ~31) + 32;
    memset(out + w, 0, (size_t)(end - w));
}

VT_TARGET_AVX2 static void add_rows_u8(uint8_t *dst, const uint8_t *src, int n, int sub)
{
    for (int j = 0; j < n; j += 32) {
        __m256i d = _mm256_load_si256((const __m256i *)(dst + j));
        __m256i s = _mm256_load_si256((const __m256i *)(src + j));
        d = sub ? _mm256_sub_epi8(d, s) : _mm256_add_epi8(d, s);
        _mm256_store_si256((__m256i *)(dst + j), d);
    }
}

VT_TARGET_AVX2 static void mask_avx2(const uint16_t *img, uint8_t *mask, ptrdiff_t stride, int w,
                                     int h, unsigned idx, uint8_t *work)
{
    const int R = VT_CAMBI_MASK_RADIUS, side = 2 * R + 1;
    const int wa = ((w + 31) & ~31) + 32;                 /* ring row length, multiple of 32 */
    uint8_t *base = (uint8_t *)(((uintptr_t)work + 31) & ~(uintptr_t)31);
    uint8_t *ring = base;
    uint8_t *col = base + side * wa + 32;                 /* 32 zero bytes before column 0 */
    memset(col - 32, 0, (size_t)wa + 32);
    for (int r = 0; r < R && r < h; r++) {
        uint8_t *z = ring + (r % side) * wa;
        zero_deriv_row_avx2(img, stride, w, h, r, z);
        add_rows_u8(col, z, wa, 0);
    }
    const __m256i thr = _mm256_set1_epi8((char)(idx + 1)); /* s > idx <=> max(s, idx+1) == s */
    const __m256i one = _mm256_set1_epi8(1);
    for (int i = 0; i < h; i++) {
        int r = i + R;
        if (r < h) {
            uint8_t *z = ring + (r % side) * wa;
            zero_deriv_row_avx2(img, stride, w, h, r, z);
            add_rows_u8(col, z, wa, 0);
        }
        uint8_t *m = mask + i * stride;
        int j = 0;
        for (; j + 32 <= w; j += 32) {
            __m256i s = _mm256_loadu_si256((const __m256i *)(col + j - 3));
            for (int k = -2; k <= 3; k++)
                s = _mm256_add_epi8(s, _mm256_loadu_si256((const __m256i *)(col + j + k)));
            __m256i ge = _mm256_cmpeq_epi8(_mm256_max_epu8(s, thr), s);
            _mm256_storeu_si256((__m256i *)(m + j), _mm256_and_si256(ge, one));
        }
        for (; j < w; j++) {
            unsigned s = 0;
            for (int k = -R; k <= R; k++) s += col[j + k];
            m[j] = (uint8_t)(s > idx);
        }
        r = i - R;
        if (r >= 0) add_rows_u8(col, ring + (r % side) * wa, wa, 1);
    }
}

/* ---------------------------------------------------------------------------------------
 * Decimation and the mode filter.
 * --------------------------------------------------------------------------------------- */

VT_TARGET_AVX2 static void decimate_avx2(uint16_t *img, uint8_t *mask, ptrdiff_t stride, int w, int h)
{
    const __m256i lo16 = _mm256_set1_epi32(0xFFFF);
    const __m256i lo8 = _mm256_set1_epi16(0xFF);
    for (int i = 0; i < h; i++) {
        uint16_t *d = img + i * stride;
        const uint16_t *s = img + 2 * i * stride;
        int j = 0;
        for (; j + 16 <= w; j += 16) {
            __m256i a = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(s + 2 * j)), lo16);
            __m256i b = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(s + 2 * j + 16)), lo16);
            __m256i v = _mm256_permute4x64_epi64(_mm256_packus_epi32(a, b), 0xD8);
            _mm256_storeu_si256((__m256i *)(d + j), v);
        }
        for (; j < w; j++) d[j] = s[2 * j];

        uint8_t *dm = mask + i * stride;
        const uint8_t *sm = mask + 2 * i * stride;
        j = 0;
        for (; j + 32 <= w; j += 32) {
            __m256i a = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(sm + 2 * j)), lo8);
            __m256i b = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(sm + 2 * j + 32)), lo8);
            __m256i v = _mm256_permute4x64_epi64(_mm256_packus_epi16(a, b), 0xD8);
            _mm256_storeu_si256((__m256i *)(dm + j), v);
        }
        for (; j < w; j++) dm[j] = sm[2 * j];
    }
}

/* vt_cambi_mode3 without blends: with m = min(b, c), r = min(a | (b == c ? ~0 : 0), m) is b when
   b == c (an all-ones a drops out) and min(a, b, c) otherwise; r <= a unless a occurs twice in
   (b, c) - then r == a anyway -, so max(r, a == b || a == c ? a : 0) picks a when a repeats. */
VT_TARGET_AVX2 static inline __m256i mode3_avx2(__m256i a, __m256i b, __m256i c)
{
    __m256i a_dup = _mm256_or_si256(_mm256_cmpeq_epi16(a, b), _mm256_cmpeq_epi16(a, c));
    __m256i r = _mm256_min_epu16(_mm256_or_si256(a, _mm256_cmpeq_epi16(b, c)), _mm256_min_epu16(b, c));
    return _mm256_max_epu16(r, _mm256_and_si256(a, a_dup));
}

VT_TARGET_AVX2 static void mode_avx2(uint16_t *img, ptrdiff_t stride, int w, int h, uint16_t *rows)
{
    for (int i = 0; i < h; i++) {
        const uint16_t *p = img + i * stride;
        uint16_t *hr = rows + (i % 3) * w;
        hr[0] = p[0];
        int j = 1;
        for (; j + 16 <= w - 1; j += 16) {
            __m256i a = _mm256_loadu_si256((const __m256i *)(p + j - 1));
            __m256i b = _mm256_loadu_si256((const __m256i *)(p + j));
            __m256i c = _mm256_loadu_si256((const __m256i *)(p + j + 1));
            _mm256_storeu_si256((__m256i *)(hr + j), mode3_avx2(a, b, c));
        }
        for (; j < w - 1; j++) hr[j] = vt_cambi_mode3(p[j - 1], p[j], p[j + 1]);
        hr[w - 1] = p[w - 1];
        if (i >= 2) {
            uint16_t *o = img + (i - 1) * stride;
            j = 0;
            for (; j + 16 <= w; j += 16) {
                __m256i a = _mm256_loadu_si256((const __m256i *)(rows + j));
                __m256i b = _mm256_loadu_si256((const __m256i *)(rows + w + j));
                __m256i c = _mm256_loadu_si256((const __m256i *)(rows + 2 * w + j));
                _mm256_storeu_si256((__m256i *)(o + j), mode3_avx2(a, b, c));
            }
            for (; j < w; j++) o[j] = vt_cambi_mode3(rows[j], rows[w + j], rows[2 * w + j]);
        }
    }
}

/* ---------------------------------------------------------------------------------------
 * Histograms and c-values.
 * --------------------------------------------------------------------------------------- */

/* Adds (or, with neg, subtracts) the windows of the source columns j0 .. j1 of one histogram
   row (value b): column c gains the number of those j with |c - j| <= pad, a trapezoid, for c in
   [max(j0 - pad, 0), min(j1 + pad + 1, w)). Vectors may run up to 15 columns past that range,
   adding zero there or (past w, inside the row's slack) counts nothing reads. Merging runs of
   equal values keeps consecutive columns from read-modify-writing overlapping vectors. */
VT_TARGET_AVX2 static void run_add(const vt_cambi_cv *a, int b, int j0, int j1, int neg)
{
    int lo = j0 - a->pad > 0 ? j0 - a->pad : 0;
    int hi = j1 + a->pad + 1 < a->w ? j1 + a->pad + 1 : a->w;
    if (hi <= lo) return;
    uint16_t *row = a->hist + (ptrdiff_t)b * a->hist_stride;
    const __m256i padv = _mm256_set1_epi16((short)a->pad), first = _mm256_set1_epi16((short)j0);
    const __m256i last = _mm256_set1_epi16((short)j1), one = _mm256_set1_epi16(1);
    const __m256i step = _mm256_set1_epi16(16), zero = _mm256_setzero_si256();
    __m256i c = _mm256_add_epi16(_mm256_set1_epi16((short)lo),
                                 _mm256_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    for (int x = lo; x < hi; x += 16) {
        __m256i t = _mm256_sub_epi16(_mm256_min_epi16(_mm256_add_epi16(c, padv), last),
                                     _mm256_max_epi16(_mm256_sub_epi16(c, padv), first));
        t = _mm256_max_epi16(_mm256_add_epi16(t, one), zero);
        __m256i h = _mm256_loadu_si256((const __m256i *)(row + x));
        h = neg ? _mm256_sub_epi16(h, t) : _mm256_add_epi16(h, t);
        _mm256_storeu_si256((__m256i *)(row + x), h);
        c = _mm256_add_epi16(c, step);
    }
}

/* In-band flags of 16 samples as 16-bit lanes (all ones when masked and inside the band). */
VT_TARGET_AVX2 static inline __m256i band_lanes(const uint16_t *img, const uint8_t *mask, __m256i base,
                                               __m256i top)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)img);
    __m256i m = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)mask));
    __m256i b = _mm256_sub_epi16(v, base);                      /* wraps below the band */
    __m256i in = _mm256_cmpeq_epi16(_mm256_min_epu16(b, top), b); /* b <= band_size - 1 */
    return _mm256_andnot_si256(_mm256_cmpeq_epi16(m, _mm256_setzero_si256()), in);
}

#define NO_KEY 0xFFFF /* above every 10-bit sample */

/* The key row of source row r: key[j] for the source columns [0, src_w) is the sample if it
   counts (masked, in the band), else NO_KEY; key[src_w .. align16(src_w) + 32) is NO_KEY.
   blocks[0] = n, blocks[1 .. n] the 16-column blocks holding some key (block index). */
VT_TARGET_AVX2 static void key_row(const vt_cambi_cv *a, int r, uint16_t *key, uint16_t *blocks)
{
    const uint16_t *p = a->img + r * a->stride;
    const uint8_t *m = a->mask + r * a->stride;
    const __m256i base = _mm256_set1_epi16((short)a->band_base);
    const __m256i top = _mm256_set1_epi16((short)(a->band_size - 1));
    const __m256i none = _mm256_set1_epi16((short)NO_KEY);
    int j = 0, n = 0;
    for (; j < a->src_w; j += 16) {
        const __m128i m16 = _mm_loadu_si128((const __m128i *)(m + j));
        if (_mm_testz_si128(m16, m16)) { /* nothing masked: the usual case */
            _mm256_storeu_si256((__m256i *)(key + j), none);
            continue;
        }
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + j));
        __m256i k = _mm256_blendv_epi8(none, v, band_lanes(p + j, m + j, base, top));
        _mm256_storeu_si256((__m256i *)(key + j), k);
        blocks[n + 1] = (uint16_t)(j >> 4);
        n += !_mm256_testc_si256(k, none);
    }
    for (int k = a->src_w; k < j + 32; k++) key[k] = NO_KEY;
    blocks[0] = (uint16_t)n;
}

/* key | (key == other): the keys of a row entering (or leaving) the windows, with those equal
   to the keys of the row leaving (or entering) in the same step replaced by NO_KEY, all ones (a
   window that gains and loses the same value is unchanged). */
VT_TARGET_AVX2 static inline __m256i live_keys(const uint16_t *key, const uint16_t *other)
{
    __m256i k = _mm256_loadu_si256((const __m256i *)key);
    return _mm256_or_si256(k, _mm256_cmpeq_epi16(k, _mm256_loadu_si256((const __m256i *)other)));
}

/* Adds (neg = 0) or removes (neg = 1) the windows of every source column of the listed blocks
   (blocks[0] of them, see key_row) whose key is live against the other row's (other: a row of
   NO_KEY when none moves the other way), one trapezoid per run of equal keys. */
VT_TARGET_AVX2 static void apply_keys(const vt_cambi_cv *a, const uint16_t *key, const uint16_t *other,
                                      const uint16_t *blocks, int neg, int *touched, uint16_t *first, uint16_t *last)
{
    const __m256i none = _mm256_set1_epi16((short)NO_KEY);
    int runs = 0, ends = 0;
    /* run boundaries, in column order: first[r] .. last[r] hold one value (a run crossing into
       the next block continues there: that block holds keys, so it is listed) */
    for (int b = 1; b <= blocks[0]; b++) {
        const int j = blocks[b] << 4;
        __m256i k = live_keys(key + j, other + j);
        __m256i kp = live_keys(key + j - 1, other + j - 1);
        __m256i kn = live_keys(key + j + 1, other + j + 1);
        __m256i none_here = _mm256_cmpeq_epi16(k, none);
        unsigned s = ~(unsigned)_mm256_movemask_epi8(_mm256_or_si256(none_here, _mm256_cmpeq_epi16(k, kp)));
        unsigned e = ~(unsigned)_mm256_movemask_epi8(_mm256_or_si256(none_here, _mm256_cmpeq_epi16(k, kn)));
        for (s &= 0x55555555u; s; s &= s - 1) first[runs++] = (uint16_t)(j + (__builtin_ctz(s) >> 1));
        for (e &= 0x55555555u; e; e &= e - 1) last[ends++] = (uint16_t)(j + (__builtin_ctz(e) >> 1));
    }
    for (int r = 0; r < runs; r++) {
        const int b = key[last[r]] - a->band_base;
        run_add(a, b, first[r], last[r], neg);
        touched[0] = b < touched[0] ? b : touched[0];
        touched[1] = b > touched[1] ? b : touched[1];
    }
}

/* Running totals of one scale's c-value pass (see vt_cambi_stats). */
typedef struct cv_acc {
    __m256d sum0, sum1;
    __m256i npos, nsmall;
    uint32_t *runs;
    size_t nruns;
} cv_acc;

/* Output offsets [o, o + len) were written: extends the last run or starts one. */
static inline void add_run(cv_acc *acc, uint32_t o, uint32_t len)
{
    if (acc->nruns && acc->runs[2 * acc->nruns - 1] == o) {
        acc->runs[2 * acc->nruns - 1] = o + len;
        return;
    }
    acc->runs[2 * acc->nruns] = o;
    acc->runs[2 * acc->nruns + 1] = o + len;
    acc->nruns++;
}

/* c-values of the 8 pixels at column j of row i, some of which are active (masked and in the
   band); written only when some is positive. The gathers read 32 bits at 16-bit positions (the
   histogram has slack past its last row), the upper halves are masked off. */
VT_TARGET_AVX2 static inline void cvalues8(const vt_cambi_cv *a, const uint16_t *img, __m256i act, int j,
                                           float *out, uint32_t o, cv_acc *acc)
{
    const int hs = (int)a->hist_stride;
    const int *hist32 = (const int *)(const void *)a->hist;
    const __m256i lo16 = _mm256_set1_epi32(0xFFFF);
    const __m256i zero = _mm256_setzero_si256();
    const __m256i raw = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(img + j)));
    __m256 best = _mm256_setzero_ps();
    const int raw0 = img[j + __builtin_ctz((unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(act)))];
    const int b0 = raw0 - a->band_base;
    if (_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi32(raw, _mm256_set1_epi32(raw0)),
                                             _mm256_cmpeq_epi32(act, zero))) == -1) {
        /* One value in all active pixels (the usual case in the flat areas the mask keeps,
           also where the inactive ones differ): the counts are contiguous loads from its
           histogram rows; only the reciprocals are gathered. Inactive lanes compute from other
           columns' counts (valid table indices: counts never exceed the window area) and are
           dropped. A step whose neighbour counts are all zero gives zero and is skipped. */
        const uint16_t *h0 = a->hist + (ptrdiff_t)b0 * hs + j;
        const int v0 = raw0 + a->nd;
        const __m256i p0 = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)h0));
        for (int d = 1; d <= a->nd; d++) {
            if (v0 > a->tvi[d - 1] || v0 + d <= a->vlt) continue;
            __m256i p1 = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(h0 + (ptrdiff_t)d * hs)));
            __m256i p2 = b0 - d >= 0 ? _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(h0 - (ptrdiff_t)d * hs)))
                                     : zero;
            __m256i pm = _mm256_max_epi32(p1, p2);
            if (_mm256_testz_si256(pm, pm)) continue;
            __m256i num = _mm256_mullo_epi32(_mm256_set1_epi32(a->weight[d - 1]), _mm256_mullo_epi32(p0, pm));
            __m256 rc = _mm256_i32gather_ps(vt_cambi_recip, _mm256_add_epi32(p0, pm), 4);
            best = _mm256_max_ps(best, _mm256_mul_ps(_mm256_cvtepi32_ps(num), rc));
        }
        best = _mm256_and_ps(best, _mm256_castsi256_ps(act));
    } else {
        const __m256i hsv = _mm256_set1_epi32(hs);
        __m256i b = _mm256_and_si256(_mm256_sub_epi32(raw, _mm256_set1_epi32(a->band_base)), act); /* inactive: row 0 */
        __m256i v = _mm256_add_epi32(raw, _mm256_set1_epi32(a->nd));
        __m256i col = _mm256_add_epi32(_mm256_set1_epi32(j), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        __m256i idx0 = _mm256_add_epi32(_mm256_mullo_epi32(b, hsv), col);
        __m256i p0 = _mm256_and_si256(_mm256_mask_i32gather_epi32(zero, hist32, idx0, act, 2), lo16);
        for (int d = 1; d <= a->nd; d++) {
            __m256i dv = _mm256_set1_epi32(d);
            __m256i ok = _mm256_andnot_si256(_mm256_cmpgt_epi32(v, _mm256_set1_epi32(a->tvi[d - 1])),
                                             _mm256_cmpgt_epi32(_mm256_add_epi32(v, dv), _mm256_set1_epi32(a->vlt)));
            ok = _mm256_and_si256(ok, act);
            if (_mm256_testz_si256(ok, ok)) continue;
            __m256i dr = _mm256_mullo_epi32(dv, hsv);
            __m256i p1 = _mm256_and_si256(
                _mm256_mask_i32gather_epi32(zero, hist32, _mm256_add_epi32(idx0, dr), ok, 2), lo16);
            __m256i ok2 = _mm256_and_si256(ok, _mm256_cmpgt_epi32(b, _mm256_sub_epi32(dv, _mm256_set1_epi32(1))));
            __m256i p2 = _mm256_and_si256(
                _mm256_mask_i32gather_epi32(zero, hist32, _mm256_sub_epi32(idx0, dr), ok2, 2), lo16);
            __m256i pm = _mm256_max_epi32(p1, p2);
            __m256i num = _mm256_mullo_epi32(_mm256_set1_epi32(a->weight[d - 1]), _mm256_mullo_epi32(p0, pm));
            __m256 rc = _mm256_mask_i32gather_ps(_mm256_setzero_ps(), vt_cambi_recip, _mm256_add_epi32(p0, pm),
                                                 _mm256_castsi256_ps(ok), 4);
            __m256 val = _mm256_and_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(num), rc), _mm256_castsi256_ps(ok));
            best = _mm256_max_ps(best, val);
        }
    }
    __m256 pos = _mm256_cmp_ps(best, _mm256_setzero_ps(), _CMP_GT_OQ);
    if (_mm256_testz_ps(pos, pos)) return;
    _mm256_storeu_ps(out + j, best);
    add_run(acc, o + (uint32_t)j, 8);
    acc->npos = _mm256_sub_epi32(acc->npos, _mm256_castps_si256(pos));
    const __m256 small = _mm256_and_ps(pos, _mm256_cmp_ps(best, _mm256_set1_ps(0.125f), _CMP_LT_OQ));
    acc->nsmall = _mm256_or_si256(acc->nsmall, _mm256_castps_si256(small));
    acc->sum0 = _mm256_add_pd(acc->sum0, _mm256_cvtps_pd(_mm256_castps256_ps128(best)));
    acc->sum1 = _mm256_add_pd(acc->sum1, _mm256_cvtps_pd(_mm256_extractf128_ps(best, 1)));
}

/* c-values of row i. Most pixels are inactive (outside the mask or the band): they are found 16
   at a time and their zeros are not written. */
VT_TARGET_AVX2 static void cvalues_row_avx2(const vt_cambi_cv *a, int i, const uint16_t *key, const uint16_t *blocks,
                                            cv_acc *acc)
{
    const uint16_t *img = a->img + i * a->stride;
    const uint8_t *mask = a->mask + i * a->stride;
    float *out = a->cval + (size_t)i * a->w;
    const uint32_t o = (uint32_t)((size_t)i * a->w);
    const __m256i none = _mm256_set1_epi16((short)NO_KEY);
    int j = 0;
    /* only the blocks that hold keys (key_row's list, ascending) */
    for (int b = 1; b <= blocks[0] && (j = blocks[b] << 4) + 16 <= a->w; b++) {
        __m256i k = _mm256_loadu_si256((const __m256i *)(key + j));
        __m256i act = _mm256_xor_si256(_mm256_cmpeq_epi16(k, none), none);
        __m256i act_lo = _mm256_cvtepi16_epi32(_mm256_castsi256_si128(act));
        __m256i act_hi = _mm256_cvtepi16_epi32(_mm256_extracti128_si256(act, 1));
        if (!_mm256_testz_si256(act_lo, act_lo)) cvalues8(a, img, act_lo, j, out, o, acc);
        if (!_mm256_testz_si256(act_hi, act_hi)) cvalues8(a, img, act_hi, j + 8, out, o, acc);
    }
    j = a->w & ~15; /* the last, partial block */
    if (j + 8 <= a->w) {
        __m256i act = _mm256_xor_si256(_mm256_cmpeq_epi16(_mm256_loadu_si256((const __m256i *)(key + j)), none),
                                       none); /* lanes past w are unused */
        __m256i act_lo = _mm256_cvtepi16_epi32(_mm256_castsi256_si128(act));
        if (!_mm256_testz_si256(act_lo, act_lo)) cvalues8(a, img, act_lo, j, out, o, acc);
        j += 8;
    }
    vt_cambi_stats *st = a->stats;
    for (; j < a->w; j++) {
        float best = 0.0f;
        const int bb = (int)img[j] - a->band_base;
        if (mask[j] && bb >= 0 && bb < a->band_size) {
            const int v = (int)img[j] + a->nd;
            const uint16_t *hcol = a->hist + j;
            const int hs = (int)a->hist_stride;
            const unsigned p0 = hcol[bb * hs];
            for (int d = 1; d <= a->nd; d++) {
                if (v > a->tvi[d - 1] || v + d <= a->vlt) continue;
                unsigned p1 = hcol[(bb + d) * hs];
                unsigned p2 = bb - d >= 0 ? hcol[(bb - d) * hs] : 0;
                unsigned pm = p1 > p2 ? p1 : p2;
                float val = (float)(a->weight[d - 1] * (int)(p0 * pm)) * vt_cambi_recip[pm + p0];
                if (val > best) best = val;
            }
        }
        if (best > 0) {
            out[j] = best;
            add_run(acc, o + (uint32_t)j, 1);
            st->positives++;
            st->small |= best < 0.125f;
            st->sum += best;
        }
    }
}

VT_TARGET_AVX2 static void cvalues_avx2(const vt_cambi_cv *a)
{
    const size_t part = VT_CAMBI_SCRATCH(a->stride) / 5;
    uint16_t *first = a->scratch, *last = first + part;
    vt_cambi_stats *st = a->stats;
    st->sum = 0;
    st->positives = 0;
    st->small = 0;
    cv_acc acc = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                  a->runs, 0};
    /* The histogram is all zero on entry: zeroed when allocated, and every call removes the
       windows of the rows still counted when it ends (every row is added and removed once, so
       the counts of columns [0, w) return to zero exactly; cheaper than clearing the value
       rows), then clears columns w .. hist_stride - 1 of the value rows it touched (run_add's
       last store of a run may write there, differently for the same row split into other runs). */
    int touched[2] = {a->band_size, -1};
    /* key rows of the rows inside some current window and of the current row: a ring, then a
       row of NO_KEY, then each ring row's block list */
    const int ks = ((a->src_w + 15) & ~15) + 32, slots = 2 * a->pad + 2, ls = ks / 16 + 1;
    uint16_t *ring = a->keys + 16, *none_row = ring + (ptrdiff_t)slots * ks, *lists = none_row + ks;
    for (int l = -16; l < 0; l++) ring[l] = NO_KEY;
    for (int l = -1; l < ks; l++) none_row[l] = NO_KEY; /* [-1]: the last ring row's tail, NO_KEY too */
#define KEY_ROW(r) (ring + (ptrdiff_t)((r) % slots) * ks)
#define BLOCKS(r) (lists + (ptrdiff_t)((r) % slots) * ls)
    for (int r = 0; r < a->pad; r++) {
        key_row(a, r, KEY_ROW(r), BLOCKS(r));
        apply_keys(a, KEY_ROW(r), none_row, BLOCKS(r), 0, touched, first, last);
    }
    for (int i = 0; i < a->h; i++) {
        int rin = i + a->pad < a->h ? i + a->pad : -1, rout = i - a->pad - 1;
        if (rin >= 0) key_row(a, rin, KEY_ROW(rin), BLOCKS(rin));
        const uint16_t *kin = rin >= 0 ? KEY_ROW(rin) : none_row, *kout = rout >= 0 ? KEY_ROW(rout) : none_row;
        if (rout >= 0) apply_keys(a, kout, kin, BLOCKS(rout), 1, touched, first, last);
        if (rin >= 0) apply_keys(a, kin, kout, BLOCKS(rin), 0, touched, first, last);
        cvalues_row_avx2(a, i, KEY_ROW(i), BLOCKS(i), &acc);
    }
    /* added: rows 0 .. max(pad, h) - 1 = h - 1; removed so far: rows 0 .. h - pad - 2; the key
       rows of the rest are still in the ring (nothing after row h - 1 was keyed) */
    for (int r = a->h - a->pad - 1 > 0 ? a->h - a->pad - 1 : 0; r < a->h; r++)
        apply_keys(a, KEY_ROW(r), none_row, BLOCKS(r), 1, touched, first, last);
#undef BLOCKS
#undef KEY_ROW
    int32_t cnt[8];
    _mm256_storeu_si256((__m256i *)cnt, acc.npos);
    for (int l = 0; l < 8; l++) st->positives += cnt[l];
    st->small |= !_mm256_testz_si256(acc.nsmall, acc.nsmall);
    double sums[4];
    _mm256_storeu_pd(sums, _mm256_add_pd(acc.sum0, acc.sum1));
    st->sum += (sums[0] + sums[1]) + (sums[2] + sums[3]);
    st->runs = acc.runs;
    st->nruns = acc.nruns;
    for (int b = touched[0]; b <= touched[1]; b++)
        memset(a->hist + (ptrdiff_t)b * a->hist_stride + a->w, 0, sizeof(uint16_t) * (size_t)(a->hist_stride - a->w));
}

/* ---------------------------------------------------------------------------------------
 * Pooling.
 *
 * Every positive c-value is (float)int * (float)(1/m) >= about 0.5, so it is a multiple of
 * 2^-26 (checked: positives below 2^-3 take the literal path). When at most k values are
 * positive, libvmaf's top k are all of them plus zeros, and every partial sum of them, in any
 * order, is a multiple of 2^-26 no larger than the total; below 2^27 such sums are exact
 * doubles. So the sum the c-value pass accumulated (in its own order) equals libvmaf's
 * quick-select-order sum bit for bit. Otherwise the literal quick-select runs.
 * --------------------------------------------------------------------------------------- */

VT_TARGET_AVX2 static double pool_avx2(float *cval, int n, int k, const vt_cambi_stats *st)
{
    if (!st->small && st->positives <= k && st->sum < 134217728.0) return st->sum / k;
    /* the c-value pass wrote only its runs: the zeros between them first */
    size_t at = 0;
    for (size_t r = 0; r < st->nruns; r++) {
        memset(cval + at, 0, sizeof(float) * (st->runs[2 * r] - at));
        at = st->runs[2 * r + 1];
    }
    memset(cval + at, 0, sizeof(float) * ((size_t)n - at));
    return vt_cambi_pool_c(cval, n, k, st);
}

const vt_cambi_kernels vt_cambi_kernels_avx2 = {to10_avx2, anti_dither_row_avx2, dither8_row_avx2, mask_avx2,
                                                decimate_avx2, mode_avx2, cvalues_avx2, pool_avx2};
#endif
