#pragma once
// RT_HOST_DEVICE marks per-cell functions that both backends call: the
// OpenMP loops in solver/ and the CUDA kernels in cuda/. Only this header
// knows which compiler is reading it.
#if defined(__CUDACC__)
#define RT_HOST_DEVICE __host__ __device__
#else
#define RT_HOST_DEVICE
#endif
