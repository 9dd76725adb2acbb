// Role: checks, before allocating, that the memory a setting implies fits on this machine, so a huge value
// is one clear SettingError instead of an allocation abort. Sizes are computed in Double (no overflow).
import Foundation

/// Checks that the memory a setting implies fits in this machine's physical memory, before anything is allocated.
public enum MemoryCheck {
    /// Physical memory of this machine in bytes (cgroup limits aside).
    public static let physicalBytes: Double = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? Double(pages) * Double(size) : 8e9
    }()

    /// Memory a new allocation can use now: MemAvailable of /proc/meminfo (free memory plus caches the kernel
    /// can drop), else the physical memory.
    public static var availableBytes: Double {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return physicalBytes }
        return min(kb * 1024, physicalBytes)
    }

    /// What a run may plan to use: the memory available now, but at least half the physical memory (a busy
    /// machine frees caches and other jobs end; beyond half, a plan is refused unless that much is free).
    public static var usableBytes: Double { max(availableBytes, physicalBytes / 2) }

    /// Throws a SettingError naming `setting` (and its `value`) when `bytes` exceed `usableBytes`.
    /// `what` says what the memory is for: `for 93,000 rows`.
    public static func require(_ bytes: Double, setting: String, value: CustomStringConvertible, for what: String,
                               available: Double = usableBytes) throws {
        guard bytes.isFinite, bytes <= available else {
            throw SettingError(setting, "needs \(gigabytes(bytes)) \(what); this machine has \(gigabytes(available)) available",
                               value: "\(value)")
        }
    }

    /// Bytes of `count` elements of `size` bytes each, in Double (products of user values never overflow).
    public static func bytes(_ counts: Int..., size: Int) -> Double {
        counts.reduce(Double(size)) { $0 * Double($1) }
    }

    /// `37.2 GB`, `512 MB`: decimal units, one decimal place from 10 GB down to 1 GB.
    public static func gigabytes(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "an unbounded amount" }
        if bytes >= 1e12 { return String(format: "%.0f TB", bytes / 1e12) }
        if bytes >= 1e10 { return String(format: "%.0f GB", bytes / 1e9) }
        if bytes >= 1e9 { return String(format: "%.1f GB", bytes / 1e9) }
        return String(format: "%.0f MB", max(bytes / 1e6, 1))
    }

    /// `93,000`: an integer with thousands separators, for messages.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
