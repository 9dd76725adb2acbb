// Role: the CKernels module's header: the wide kernels (CKernelsWide.h) and processor instructions Swift has
// no portable spelling for, as static inline C functions the Swift optimiser inlines: a packed square root
// (on Linux `SIMD4<Float>.squareRoot()` becomes four libm calls with errno semantics) and a cache prefetch.
// Plain C with clang builtins: no unsafe build flags are needed.
#ifndef EMBED_CKERNELS_H
#define EMBED_CKERNELS_H

#include "CKernelsWide.h"

typedef float embed_float4 __attribute__((ext_vector_type(4)));

/// Lane-wise square root of four floats (one sqrtps on x86-64, one fsqrt on arm64).
static inline __attribute__((always_inline)) embed_float4 embed_sqrt4(embed_float4 x) {
    return __builtin_elementwise_sqrt(x);
}

/// Prefetches the cache line holding `address` for writing, kept in every cache level.
static inline __attribute__((always_inline)) void embed_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Prefetches the cache line holding `address` for reading, kept in every cache level.
static inline __attribute__((always_inline)) void embed_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
