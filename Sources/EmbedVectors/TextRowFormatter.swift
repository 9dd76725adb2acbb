// Role: formats text vector rows ("word v1 ... vd\n") in batches on a background thread, so printing floats
// overlaps what the caller does meanwhile (parsing the next rows, zstd-compressing the previous batch).
import EmbedCore
import Foundation

/// Double-buffered: the caller fills one batch while the other is being formatted. Rows come out in order.
final class TextRowFormatter: @unchecked Sendable {
    /// One batch: its rows (word bytes with offsets, values) and, once formatted, its text.
    private final class Batch {
        var wordBytes: [UInt8] = []
        var wordEnds: [Int] = []
        var values: [Float] = []
        var text: [UInt8] = []          // capacity for the worst case; the first `textCount` bytes are the rows
        var textCount = 0
        var rows: Int { wordEnds.count }

        func clear() {
            wordBytes.removeAll(keepingCapacity: true)
            wordEnds.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
        }
    }

    private let dimension: Int
    private let precision: Int?
    private let rowsPerBatch: Int
    private var filling = Batch()
    private var formatting = Batch()
    private var inFlight = false
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "embed.text-row-formatter")

    init(dimension: Int, precision: Int?) {
        self.dimension = dimension
        self.precision = precision
        rowsPerBatch = max(1, (1 << 20) / (dimension * 12))   // about 1 MB of text per batch (one row at least)
    }

    deinit { group.wait() }

    /// Adds a row; when a batch is full, returns the text of the previous batch (to write now) and starts
    /// formatting this one.
    func append(word: UnsafeBufferPointer<UInt8>, vector: UnsafeBufferPointer<Float>,
                _ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        filling.wordBytes.append(contentsOf: word)
        filling.wordEnds.append(filling.wordBytes.count)
        filling.values.append(contentsOf: vector)
        if filling.rows >= rowsPerBatch { try handOff(emit) }
    }

    /// Formats and emits everything still buffered.
    func flush(_ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try handOff(emit)
        try collect(emit)
    }

    private func handOff(_ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try collect(emit)
        guard filling.rows > 0 else { return }
        swap(&filling, &formatting)
        let batch = formatting
        inFlight = true
        queue.async(group: group) { [dimension, precision] in
            Self.format(batch, dimension: dimension, precision: precision)
        }
    }

    /// Waits for the batch being formatted and emits its text.
    private func collect(_ emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard inFlight else { return }
        group.wait()
        inFlight = false
        try formatting.text.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[0..<formatting.textCount])) }
        formatting.clear()
    }

    private static func format(_ batch: Batch, dimension: Int, precision: Int?) {
        let worst = batch.wordBytes.count + batch.rows * (dimension * (FloatFormatter.maxBytes + 1) + 1)
        if batch.text.count < worst { batch.text = [UInt8](repeating: 0, count: worst) }
        // Plain pointers in the loop: class-held arrays would be re-checked (exclusivity, bounds) per access.
        let words = batch.wordBytes, ends = batch.wordEnds, values = batch.values
        batch.textCount = batch.text.withUnsafeMutableBufferPointer { text -> Int in
            words.withUnsafeBufferPointer { words in
                values.withUnsafeBufferPointer { values in
                    let out = text.baseAddress!
                    var n = 0, wordStart = 0
                    for (row, wordEnd) in ends.enumerated() {
                        (out + n).update(from: words.baseAddress! + wordStart, count: wordEnd - wordStart)
                        n += wordEnd - wordStart
                        wordStart = wordEnd
                        var p = values.baseAddress! + row * dimension
                        for _ in 0..<dimension {
                            out[n] = 0x20
                            n += 1 + FloatFormatter.write(p.pointee, precision: precision, to: out + n + 1)
                            p += 1
                        }
                        out[n] = 0x0A
                        n += 1
                    }
                    return n
                }
            }
        }
    }
}
