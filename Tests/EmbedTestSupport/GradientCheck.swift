// Role: finite-difference helpers for the gradient tests (classifier and tagger): central differences of a
// scalar function of one parameter, compared with the analytic gradient by a relative error, and a Double
// buffer on raw memory that a loss closure can read while a check perturbs it.
import EmbedKit
import Foundation
import XCTest

public enum GradientCheck {
    /// Central difference (f(x+h) - f(x-h)) / 2h of `loss` with respect to *p, restoring *p afterwards.
    public static func numeric(_ p: UnsafeMutablePointer<Double>, step h: Double = 1e-5, loss: () -> Double) -> Double {
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
    public static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        abs(analytic - numeric) / max(1e-4, abs(analytic) + abs(numeric))
    }

    /// Checks every index of `analytic` against the numeric derivative with respect to parameters[i].
    public static func assertMatches(_ analytic: [Double], parameters: UnsafeMutablePointer<Double>, count: Int,
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

/// A Double array on raw memory, so a loss closure can read it while a check perturbs it.
public final class TestBuffer {
    public let pointer: UnsafeMutablePointer<Double>
    public let count: Int
    public init(zeros n: Int) {
        count = n
        pointer = .allocate(capacity: max(n, 1))
        pointer.initialize(repeating: 0, count: max(n, 1))
    }
    public convenience init(uniform n: Int, _ random: inout FastRandom, scale: Double = 1) {
        self.init(zeros: n)
        for i in 0..<n { pointer[i] = (random.nextDouble() * 2 - 1) * scale }
    }
    deinit { pointer.deallocate() }
    public subscript(i: Int) -> Double { pointer[i] }
    public var values: [Double] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
