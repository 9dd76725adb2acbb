// Role: which kernel variants this processor runs: CPUID feature bits, checked against the register state the
// operating system saves (XGETBV), so that AVX code never runs where the OS would not preserve its registers.
#include "CKernelsWide.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint64_t saved_register_state(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}

int embed_simd_supported(int variant) {
    if (variant == EMBED_SIMD_BASELINE) return 1;
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx || !fma) return 0;
    const uint64_t xcr0 = saved_register_state();
    if ((xcr0 & 0x6) != 0x6) return 0;                       // SSE and AVX state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int avx2 = (b >> 5) & 1;
    if (variant == EMBED_SIMD_AVX2) return avx2;
    if (variant == EMBED_SIMD_AVX512) {
        const int f = (b >> 16) & 1, dq = (b >> 17) & 1, bw = (b >> 30) & 1, vl = (b >> 31) & 1;
        return avx2 && f && dq && bw && vl && (xcr0 & 0xE6) == 0xE6;   // + opmask and upper ZMM state
    }
    return 0;
}
#else
int embed_simd_supported(int variant) { return variant == EMBED_SIMD_BASELINE; }
#endif
