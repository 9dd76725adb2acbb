// Role: the AVX2+FMA variant of the wide kernels (8 floats per register), compiled for that target only
// (the rest of the package keeps the x86-64 baseline); KernelBodies.h holds the code.
#include "CKernelsWide.h"

typedef float VF __attribute__((ext_vector_type(8)));
typedef int VI __attribute__((ext_vector_type(8)));
#define EMBED_W 8
#define EMBED_SUFFIX avx2

#if defined(__x86_64__)
#include <immintrin.h>
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
static inline __m256i lane_mask(int n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline VF vf_load_part(const float *p, int n) { return (VF)_mm256_maskload_ps(p, lane_mask(n)); }
static inline void vf_store_part(float *p, VF v, int n) { _mm256_maskstore_ps(p, lane_mask(n), (__m256)v); }
#include "KernelBodies.h"
#pragma clang attribute pop
#else
// Elsewhere the same code builds for the native vector unit (embed_simd_supported never selects it).
#include <string.h>
static inline VF vf_load_part(const float *p, int n) { VF v = 0; memcpy(&v, p, (size_t)n * 4); return v; }
static inline void vf_store_part(float *p, VF v, int n) { memcpy(p, &v, (size_t)n * 4); }
#include "KernelBodies.h"
#endif
