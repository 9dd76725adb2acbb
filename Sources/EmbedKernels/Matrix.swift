// Role: thin, typed wrappers around OpenBLAS cblas_sgemm / sgemv for row-major Float matrices.
import CBLAS
import EmbedCore

/// Row-major Float matrix products through OpenBLAS (sgemm, sgemv), and control of its thread pool.
public enum Matrix {
    /// C (m x n) = alpha * op(A) * op(B) + beta * C, row-major. op(A) is m x k, op(B) is k x n.
    /// Leading dimensions default to the packed row lengths.
    public static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil,
                            b: UnsafePointer<Float>, ldb: Int? = nil,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil) {
        guard m > 0, n > 0 else { return }
        let la = lda ?? (transA ? m : k)
        let lb = ldb ?? (transB ? k : n)
        let lc = ldc ?? n
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(la), b, Int32(lb), beta, c, Int32(lc))
    }

    /// y (m) = alpha * op(A) * x + beta * y, A row-major m x n (before transposition).
    public static func gemv(trans: Bool = false, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>,
                            x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(n),
                    x, 1, beta, y, 1)
    }

    /// Limits OpenBLAS's own thread pool (call once before parallel work that already uses every core).
    public static func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }

    /// OpenBLAS's current thread count.
    public static var blasThreads: Int { Int(openblas_get_num_threads()) }
}
