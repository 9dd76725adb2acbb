// Role: the object file of the CKernels target; every function is static inline in include/CKernels.h.
#include "CKernels.h"
