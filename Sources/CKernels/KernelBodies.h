// Role: the wide kernels' bodies, written once over a vector type of EMBED_W floats and compiled twice (by
// KernelsAVX2.c with W = 8 and KernelsAVX512.c with W = 16, each under its target attribute). No include guard:
// each including file defines VF, VI, EMBED_W, EMBED_SUFFIX, vf_load_part and vf_store_part first.
// The arithmetic follows EmbedKernels' Swift kernels step for step; only the width (and FMA contraction) differ.
#include <math.h>
#include <string.h>

#define EMBED_CAT2(a, b) a##_##b
#define EMBED_CAT(a, b) EMBED_CAT2(a, b)
#define EMBED_NAME(name) EMBED_CAT(name, EMBED_SUFFIX)

static inline VF vf_load(const float *p) { VF v; memcpy(&v, p, sizeof v); return v; }
static inline void vf_store(float *p, VF v) { memcpy(p, &v, sizeof v); }
/// Lanes o..<o+W of a row of `length` floats, zero past its end.
static inline VF vf_load_at(const float *row, int o, int length) {
    return length - o >= EMBED_W ? vf_load(row + o) : vf_load_part(row + o, length - o);
}
static inline void vf_store_at(float *row, int o, int length, VF v) {
    if (length - o >= EMBED_W) vf_store(row + o, v); else vf_store_part(row + o, v, length - o);
}

/// exp(x) lane-wise: Cephes' expf polynomial after a Cody-Waite reduction, 2^n built in the exponent bits.
static inline VF vf_exp(VF x) {
    x = __builtin_elementwise_min(__builtin_elementwise_max(x, (VF)-87.0f), (VF)88.0f);
    const VF magic = (VF)12582912.0f;                         // 1.5 * 2^23
    const VF shifted = x * 1.44269504f + magic;               // round(x / ln 2) in the low mantissa bits
    const VF n = shifted - magic;
    VF r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    VF p = (VF)1.98756915e-4f;
    p = p * r + 1.39819995e-3f;
    p = p * r + 8.33345191e-3f;
    p = p * r + 4.16657959e-2f;
    p = p * r + 1.66666655e-1f;
    p = p * r + 5.00000012e-1f;
    p = p * (r * r) + r + 1.0f;
    const VI bits = ((VI)shifted - 0x4B400000 + 127) << 23;
    return p * (VF)bits;
}

/// The sum of the lanes, halving the vector (a tree, as the Swift kernels' `sum()`).
static inline float vf_sum(VF v) {
#if EMBED_W == 16
    const __typeof__(v.lo) v8 = v.lo + v.hi;
#else
    const VF v8 = v;
#endif
    const __typeof__(v8.lo) v4 = v8.lo + v8.hi;
    const __typeof__(v4.lo) v2 = v4.lo + v4.hi;
    return v2.x + v2.y;
}

static inline VF vf_sigmoid(VF x) { return 1.0f / (1.0f + vf_exp(-x)); }

/// scores[b * J + j] = inputs[b] . outputs[j] for the inputs b0..<b0+BI and the outputs j0..<j0+JQ, their
/// BI x JQ accumulators in registers (BI, JQ are constants after inlining: 2 x 4 as the Swift kernel, and the
/// remainders).
static inline __attribute__((always_inline)) void EMBED_NAME(score_block)(
    float *const *inputs, int b0, int BI, float *const *outputs, int j0, int JQ, int J, int length, float *scores) {
    VF acc[2][4];
    for (int p = 0; p < BI; p++) for (int q = 0; q < JQ; q++) acc[p][q] = 0;
    for (int o = 0; o < length; o += EMBED_W) {
        VF x[2], y[4];
        for (int p = 0; p < BI; p++) x[p] = vf_load_at(inputs[b0 + p], o, length);
        for (int q = 0; q < JQ; q++) y[q] = vf_load_at(outputs[j0 + q], o, length);
        for (int p = 0; p < BI; p++) for (int q = 0; q < JQ; q++) acc[p][q] += x[p] * y[q];
    }
    for (int p = 0; p < BI; p++) for (int q = 0; q < JQ; q++) scores[(long)(b0 + p) * J + j0 + q] = vf_sum(acc[p][q]);
}

static inline void EMBED_NAME(logistic_scores)(float *const *inputs, int B, float *const *outputs, int J,
                                               int length, float *scores) {
    int b = 0;
    for (; b + 2 <= B; b += 2) {
        int j = 0;
        for (; j + 4 <= J; j += 4) EMBED_NAME(score_block)(inputs, b, 2, outputs, j, 4, J, length, scores);
        for (; j < J; j++) EMBED_NAME(score_block)(inputs, b, 2, outputs, j, 1, J, length, scores);
    }
    if (b < B) {
        int j = 0;
        for (; j + 4 <= J; j += 4) EMBED_NAME(score_block)(inputs, b, 1, outputs, j, 4, J, length, scores);
        for (; j < J; j++) EMBED_NAME(score_block)(inputs, b, 1, outputs, j, 1, J, length, scores);
    }
}

/// One lane chunk of the rank update for the inputs b0..<b0+K (K a constant after inlining): each output row
/// takes sum_k g[k,j] x_k (x before the step), each input sum_j g[k,j] old_j (`old`: the output lanes before any
/// update of this chunk); inputs are re-read before their store, so a row given twice adds both steps.
static inline __attribute__((always_inline)) void EMBED_NAME(rank_block)(
    float *const *inputs, int b0, int K, float *const *outputs, int J, const float *g, const float *old, int o,
    int length) {
    VF x[4], a[4];
    for (int k = 0; k < K; k++) { x[k] = vf_load_at(inputs[b0 + k], o, length); a[k] = 0; }
    for (int j = 0; j < J; j++) {
        VF step[4], t = 0;
        for (int k = 0; k < K; k++) step[k] = (VF)g[(long)(b0 + k) * J + j];
        const VF w = vf_load(old + (long)j * EMBED_W);
        for (int k = 0; k < K; k++) a[k] += step[k] * w;
        if (K == 4) t = (step[0] * x[0] + step[1] * x[1]) + (step[2] * x[2] + step[3] * x[3]);
        else for (int k = 0; k < K; k++) t += step[k] * x[k];
        vf_store_at(outputs[j], o, length, vf_load_at(outputs[j], o, length) + t);
    }
    for (int k = 0; k < K; k++)
        vf_store_at(inputs[b0 + k], o, length, vf_load_at(inputs[b0 + k], o, length) + a[k]);
}

/// outputs[j] += sum_b g[b,j] x_b and inputs[b] += sum_j g[b,j] y_j, gradients from the rows before the step
/// (a lane chunk at a time, four inputs at once). `old` has room for J * EMBED_W floats (heap scratch: J is
/// the caller's negative count, unbounded, and a worker thread's stack is not).
static inline void EMBED_NAME(logistic_rank_update)(float *const *inputs, int B, float *const *outputs, int J,
                                                    const float *g, int length, float *old) {
    for (int o = 0; o < length; o += EMBED_W) {
        for (int j = 0; j < J; j++) vf_store(old + (long)j * EMBED_W, vf_load_at(outputs[j], o, length));
        int b = 0;
        for (; b + 4 <= B; b += 4) EMBED_NAME(rank_block)(inputs, b, 4, outputs, J, g, old, o, length);
        for (; b + 2 <= B; b += 2) EMBED_NAME(rank_block)(inputs, b, 2, outputs, J, g, old, o, length);
        if (b < B) EMBED_NAME(rank_block)(inputs, b, 1, outputs, J, g, old, o, length);
    }
}

float EMBED_NAME(embed_logistic_step)(float *const *inputs, int input_count, float *const *outputs,
                                      const float *labels, int output_count, int length, float rate,
                                      float *scratch, int compute_loss, float negative_weight) {
    if (input_count <= 0 || output_count <= 0) return 0;
    const int n = input_count * output_count;
    // (The caller, SkipGramKernels.logisticStep, has already requested every row's cache lines.)
    EMBED_NAME(logistic_scores)(inputs, input_count, outputs, output_count, length, scratch);
    for (int k = 0; k < n; k += EMBED_W) vf_store_at(scratch, k, n, vf_sigmoid(vf_load_at(scratch, k, n)));
    float loss = 0;
    for (int b = 0; b < input_count; b++) {
        float *row = scratch + (long)b * output_count;
        for (int j = 0; j < output_count; j++) {
            const float p = row[j], y = labels[j], weight = y > 0.5f ? 1.0f : negative_weight;
            if (compute_loss) loss -= weight * logf(fmaxf(y > 0.5f ? p : 1.0f - p, 1e-30f));
            row[j] = (y - p) * rate * weight;
        }
    }
    EMBED_NAME(logistic_rank_update)(inputs, input_count, outputs, output_count, scratch, length,
                                     scratch + ((n + 15) & ~15));
    return loss;
}

/// min(max(v, -clip), clip)
static inline VF vf_clip(VF v, float clip) {
    return __builtin_elementwise_min(__builtin_elementwise_max(v, (VF)-clip), (VF)clip);
}

/// The learning rates of lanes o..<o+W of a GloVe row: `eta` below `dimension`, `bias_eta` at lane `bias`,
/// 0 for the constant lanes (computed, not tabled: a table of `stride` floats on the stack is unbounded).
static inline VF EMBED_NAME(glove_rates)(int o, int dimension, int bias, float eta, float bias_eta) {
    if (o + EMBED_W <= dimension) return (VF)eta;
    VI k = (VI)o;
    for (int i = 0; i < EMBED_W; i++) k[i] += i;
    const VI weights = ((VI)(k < dimension) & (VI)(VF)eta) | ((VI)(k == bias) & (VI)(VF)bias_eta);
    return (VF)weights;
}

/// Records ahead whose rows are prefetched (the Swift kernel's distance).
enum { EMBED_NAME(glove_prefetch_distance) = 2 };

double EMBED_NAME(embed_glove_train)(const embed_glove_record *records, long count, float *parameters, long words,
                                     int dimension, int stride, float eta, float bias_eta, float clip) {
    const long row_floats = 2L * stride;
    const int s = stride;
    double cost = 0;
    for (long r = 0; r < count; r++) {
        if (r + EMBED_NAME(glove_prefetch_distance) < count) {
            const embed_glove_record ahead = records[r + EMBED_NAME(glove_prefetch_distance)];
            const char *w = (const char *)(parameters + ahead.i * row_floats);
            const char *c = (const char *)(parameters + (words + ahead.j) * row_floats);
            for (long line = 0; line < row_floats * 4; line += 64) {
                __builtin_prefetch(w + line, 1, 3);
                __builtin_prefetch(c + line, 1, 3);
            }
        }
        const embed_glove_record rec = records[r];
        float *w = parameters + rec.i * row_floats;
        float *c = parameters + (words + rec.j) * row_floats;
        VF a = 0;
        for (int o = 0; o < s; o += EMBED_W) a += vf_load_at(w, o, s) * vf_load_at(c, o, s);
        const float diff = vf_sum(a) - rec.logX;
        const float fdiff = rec.weight * diff;
        for (int o = 0; o < s; o += EMBED_W) {
            const VF wv = vf_load_at(w, o, s), cv = vf_load_at(c, o, s);
            const VF gw = vf_load_at(w + s, o, s), gc = vf_load_at(c + s, o, s);
            const VF tw = vf_clip(fdiff * cv, clip) * EMBED_NAME(glove_rates)(o, dimension, dimension, eta, bias_eta);
            const VF tc = vf_clip(fdiff * wv, clip) * EMBED_NAME(glove_rates)(o, dimension, dimension + 1, eta,
                                                                              bias_eta);
            vf_store_at(w, o, s, wv - tw / __builtin_elementwise_sqrt(gw));
            vf_store_at(c, o, s, cv - tc / __builtin_elementwise_sqrt(gc));
            vf_store_at(w + s, o, s, gw + tw * tw);
            vf_store_at(c + s, o, s, gc + tc * tc);
        }
        cost += (double)(fdiff * diff);
    }
    return cost;
}
