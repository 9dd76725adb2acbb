// Role: the training log as CSV (epoch, cost, seconds, updates/s), rewritten atomically after every epoch so an
// interrupted or resumed run always leaves the whole curve.
import Foundation
import Streams

public enum CostLog {
    public static let header = "epoch,cost,seconds,updates_per_second"

    public static func write(_ history: [EpochReport], to path: String) throws {
        let out = try AtomicOutput(path: path)
        try out.write(header + "\n")
        for h in history {
            try out.write(String(format: "%d,%.9g,%.3f,%.0f\n", h.epoch, h.cost, h.seconds, h.updatesPerSecond))
        }
        try out.commit()
    }
}
