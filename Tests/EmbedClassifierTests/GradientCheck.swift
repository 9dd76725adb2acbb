// Role: finite-difference helpers for the gradient tests: central differences of a scalar function of one
// parameter, compared with the analytic gradient by a relative error.
import EmbedCore
import EmbedTestSupport
import Foundation
import XCTest

enum GradientCheck {
    /// Central difference (f(x+h) - f(x-h)) / 2h of `loss` with respect to *p, restoring *p afterwards.
    static func numeric(_ p: UnsafeMutablePointer<Double>, step h: Double = 1e-5, loss: () -> Double) -> Double {
        let saved = p.pointee
        p.pointee = saved + h
        let up = loss()
        p.pointee = saved - h
        let down = loss()
        p.pointee = saved
        return (up - down) / (2 * h)
    }

    /// |a - n| / max(1e-4, |a| + |n|): on gradients below 1e-4 it measures the absolute error (x 1e4), since
    /// the central difference itself carries ~1e-11 of rounding noise there.
    static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        abs(analytic - numeric) / max(1e-4, abs(analytic) + abs(numeric))
    }

    /// Checks every index of `analytic` against the numeric derivative with respect to parameters[i].
    static func assertMatches(_ analytic: [Double], parameters: UnsafeMutablePointer<Double>, count: Int,
                              tolerance: Double = 1e-6, _ what: String, loss: () -> Double,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(analytic.count, count, file: file, line: line)
        var worst = 0.0, worstIndex = -1, nonZero = 0
        for i in 0..<count {
            let n = numeric(parameters + i, loss: loss)
            let e = relativeError(analytic[i], n)
            if abs(n) > 1e-9 { nonZero += 1 }
            if e > worst { worst = e; worstIndex = i }
        }
        XCTAssertLessThan(worst, tolerance, "\(what): worst relative error at \(worstIndex)", file: file, line: line)
        XCTAssertGreaterThan(nonZero, count / 4, "\(what): most gradients should be non-zero", file: file, line: line)
    }
}
