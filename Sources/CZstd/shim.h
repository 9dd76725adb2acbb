// Role: exposes the system libzstd streaming API to Swift.
#include <zstd.h>
