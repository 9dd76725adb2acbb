// Role: exposes OpenBLAS's CBLAS interface (cblas_sgemm and friends) to Swift.
#include <cblas.h>
