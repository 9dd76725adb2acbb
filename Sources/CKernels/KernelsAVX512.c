// Role: the AVX-512 variant of the wide kernels (16 floats per register, masked tails), compiled for that
// target only (the rest of the package keeps the x86-64 baseline); KernelBodies.h holds the code.
#include "CKernelsWide.h"

typedef float VF __attribute__((ext_vector_type(16)));
typedef int VI __attribute__((ext_vector_type(16)));
#define EMBED_W 16
#define EMBED_SUFFIX avx512

#if defined(__x86_64__)
#include <immintrin.h>
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma"))), \
                             apply_to = function)
static inline VF vf_load_part(const float *p, int n) {
    return (VF)_mm512_maskz_loadu_ps((__mmask16)((1u << n) - 1), p);
}
static inline void vf_store_part(float *p, VF v, int n) {
    _mm512_mask_storeu_ps(p, (__mmask16)((1u << n) - 1), (__m512)v);
}
#include "KernelBodies.h"
#pragma clang attribute pop
#else
#include <string.h>
static inline VF vf_load_part(const float *p, int n) { VF v = 0; memcpy(&v, p, (size_t)n * 4); return v; }
static inline void vf_store_part(float *p, VF v, int n) { memcpy(p, &v, (size_t)n * 4); }
#include "KernelBodies.h"
#endif
