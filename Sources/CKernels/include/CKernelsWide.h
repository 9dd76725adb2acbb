// Role: the wide (AVX2+FMA, AVX-512) variants of the hot training kernels, and the processor check that
// decides which of them may run. The baseline (4-lane SSE) versions are the Swift kernels in EmbedKernels;
// these take the same raw pointers and do the same arithmetic, 8 or 16 lanes at a time.
#ifndef EMBED_CKERNELS_WIDE_H
#define EMBED_CKERNELS_WIDE_H

#include <stdint.h>

/// Kernel variants, in increasing width. The numbers are stable (EmbedKernels' SIMDVariant mirrors them).
enum {
    EMBED_SIMD_BASELINE = 0,
    EMBED_SIMD_AVX2 = 1,
    EMBED_SIMD_AVX512 = 2,
};

/// 1 when this processor and operating system can run `variant` (CPUID feature bits and the register state
/// the OS saves, XCR0), else 0. The baseline is always supported; on other architectures than x86-64 only it is.
int embed_simd_supported(int variant);

/// One record of GloVe training as EmbedKernels lays it out: 0-based ids, f(X_ij), log X_ij.
typedef struct {
    int32_t i;
    int32_t j;
    float weight;
    float logX;
} embed_glove_record;

/// The logistic SGD step of negative sampling and hierarchical softmax (EmbedKernels' SkipGramKernels.logisticStep):
/// scores s[b,j] = inputs[b] . outputs[j] over `length` floats (a multiple of 8), steps
/// g = (label_j - sigmoid(s)) * rate (label-0 terms times `negative_weight`), then outputs[j] += sum_b g x_b and
/// inputs[b] += sum_j g y_j from the values before the step. `scratch` holds n = input_count * output_count floats
/// rounded up to 16, then 16 * output_count (the output lanes before the update). Returns the loss before the step when `compute_loss`, else 0.
float embed_logistic_step_avx2(float *const *inputs, int input_count, float *const *outputs, const float *labels,
                               int output_count, int length, float rate, float *scratch, int compute_loss,
                               float negative_weight);
float embed_logistic_step_avx512(float *const *inputs, int input_count, float *const *outputs, const float *labels,
                                 int output_count, int length, float rate, float *scratch, int compute_loss,
                                 float negative_weight);

/// GloVe's clipped AdaGrad pass over `count` records (EmbedKernels' GloVeKernel.train): rows of `stride`
/// weights then `stride` accumulators, word rows first, context rows after `words` word rows; lanes below
/// `dimension` learn at `eta`, the word bias (lane d of a word row) and the context bias (lane d+1 of a context
/// row) at `bias_eta`, the constant lanes not at all. Returns the sum of f diff^2 before each update.
double embed_glove_train_avx2(const embed_glove_record *records, long count, float *parameters, long words,
                              int dimension, int stride, float eta, float bias_eta, float clip);
double embed_glove_train_avx512(const embed_glove_record *records, long count, float *parameters, long words,
                                int dimension, int stride, float eta, float bias_eta, float clip);

#endif
