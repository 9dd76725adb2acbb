// Role: stacked, optionally bidirectional recurrent layers over a packed batch with dropout between layers.
// The forward direction reads the rows as packed, the backward direction the same rows reversed within each
// sequence (PackedBatch.reversedRows); every layer but the last hands the next one its outputs concatenated
// by direction and dropped out. The sentence classifier reads the last layer at each sequence's last row, the
// sequence tagger at every row.
import EmbedCore
import EmbedKernels

/// Layers x directions of recurrent layers whose weights are consecutive in a network's parameter vector.
public final class RecurrentStack<T: NetworkScalar> {
    /// layers[l][d]: layer l, direction d (0 forwards, 1 backwards).
    public let layers: [[RecurrentLayer<T>]]
    /// 1, or 2 when bidirectional.
    public let directions: Int
    /// Units per layer and direction.
    public let hidden: Int
    /// Width of an input row of the first layer.
    public let inputSize: Int
    /// Offset of the first layer's weights in the parameter vector.
    public let parameterOffset: Int
    /// Weights of every layer.
    public let parameterCount: Int

    @usableFromInline let dropouts: [Dropout<T>]          // after each layer but the last
    @usableFromInline let layerOutputs: [Scratch<T>]      // rows x (dirs*H), inputs of the next layer (after dropout)
    @usableFromInline let reversedInput = Scratch<T>()    // rows x in, for the backwards direction
    @usableFromInline let inputGradient = Scratch<T>()    // rows x in
    @usableFromInline let concatenated = Scratch<T>()     // rows x (dirs*H), the last layer's outputs

    /// `layers` layers of `hidden` units per direction over rows of `inputSize` values, weights from
    /// `parameterOffset` on; `dropout` between layers while training.
    public init(cell: CellKind, layers count: Int, hidden: Int, bidirectional: Bool, inputSize: Int, dropout: Double,
                parameterOffset: Int) {
        directions = bidirectional ? 2 : 1
        self.hidden = hidden
        self.inputSize = inputSize
        self.parameterOffset = parameterOffset
        var offset = parameterOffset
        var layers: [[RecurrentLayer<T>]] = []
        for l in 0..<count {
            var directions: [RecurrentLayer<T>] = []
            for _ in 0..<self.directions {
                let layer = RecurrentLayer<T>(cell: cell, inputSize: l == 0 ? inputSize : hidden * self.directions,
                                              hidden: hidden, parameterOffset: offset)
                offset += layer.parameterCount
                directions.append(layer)
            }
            layers.append(directions)
        }
        self.layers = layers
        parameterCount = offset - parameterOffset
        dropouts = (0..<max(count - 1, 0)).map { _ in Dropout(rate: dropout) }
        layerOutputs = (0..<max(count - 1, 0)).map { _ in Scratch() }
    }

    /// Width of a row of the last layer's concatenated outputs.
    @inlinable public var outputSize: Int { hidden * directions }

    /// Initialises every layer, in order.
    public func initialize(_ p: UnsafeMutablePointer<T>, random: inout Initializer) {
        for directions in layers { for layer in directions { layer.initialize(p, random: &random) } }
    }

    /// Runs every layer over `input` (rows x inputSize, packed like `batch`); dropout masks come from `random`.
    @inlinable
    public func forward(input first: UnsafePointer<T>, batch: PackedBatch, parameters p: UnsafePointer<T>,
                        training: Bool, random: inout FastRandom) {
        let rows = batch.rows, h = hidden, dirs = directions, width = outputSize
        var input = first
        let last = layers.count - 1
        for l in 0...last {
            let inSize = layers[l][0].inputSize
            layers[l][0].forward(input: input, batch: batch, parameters: p)
            if dirs == 2 {
                let rev = reversedInput.reserve(rows * inSize)
                RecurrentStack.permuteRows(input, into: rev, by: batch.reversedRows, width: inSize)
                layers[l][1].forward(input: rev, batch: batch, parameters: p)
            }
            guard l < last else { break }
            let out = layerOutputs[l].reserve(rows * width)
            for r in 0..<rows {
                (out + r * width).update(from: layers[l][0].output + r * h, count: h)
                if dirs == 2 {
                    let src = layers[l][1].output + Int(batch.reversedRows[r]) * h
                    (out + r * width + h).update(from: src, count: h)
                }
            }
            dropouts[l].forward(out, count: rows * width, training: training, random: &random)
            input = UnsafePointer(out)
        }
    }

    /// The last layer's outputs of direction `d` (valid after `forward`); the backwards direction's rows are
    /// in reversed order (row r holds the step `reversedRows[r]` of the packed order).
    @inlinable
    public func output(direction d: Int) -> UnsafeMutablePointer<T> { layers[layers.count - 1][d].output }

    /// The last layer's outputs at every row in packed order, directions side by side (rows x outputSize).
    @inlinable
    public func concatenatedOutput(_ batch: PackedBatch) -> UnsafeMutablePointer<T> {
        let rows = batch.rows, h = hidden, width = outputSize
        let out = concatenated.reserve(rows * width)
        let top = layers[layers.count - 1]
        for r in 0..<rows {
            (out + r * width).update(from: top[0].output + r * h, count: h)
            if directions == 2 {
                (out + r * width + h).update(from: top[1].output + Int(batch.reversedRows[r]) * h, count: h)
            }
        }
        return out
    }

    /// Zeroes the last layer's output gradients for a batch of `rows` rows.
    @inlinable
    public func prepareBackward(rows: Int) {
        for layer in layers[layers.count - 1] { layer.prepareBackward(rows: rows) }
    }

    /// dL/d(output) of the last layer in direction `d` (rows ordered as in `output(direction:)`), filled by the
    /// caller between `prepareBackward` and `backward`.
    @inlinable
    public func outputGradient(direction d: Int) -> UnsafeMutablePointer<T> { layers[layers.count - 1][d].outputGradient }

    /// Sets the last layer's output gradients from dL/d(concatenated output) (rows x outputSize, packed order).
    @inlinable
    public func setOutputGradient(concatenated dOut: UnsafePointer<T>, batch: PackedBatch) {
        let rows = batch.rows, h = hidden, width = outputSize
        prepareBackward(rows: rows)
        let top = layers[layers.count - 1]
        for r in 0..<rows {
            (top[0].outputGradient + r * h).update(from: dOut + r * width, count: h)
            if directions == 2 {
                (top[1].outputGradient + Int(batch.reversedRows[r]) * h).update(from: dOut + r * width + h, count: h)
            }
        }
    }

    /// Backpropagates the last layer's output gradients through every layer, adding the weight gradients into
    /// `gradients`. Returns dL/d(input) (rows x inputSize, packed order) when `computeInputGradient`, else nil.
    @inlinable @discardableResult
    public func backward(batch: PackedBatch, parameters p: UnsafePointer<T>, gradients g: UnsafeMutablePointer<T>,
                         computeInputGradient: Bool) -> UnsafeMutablePointer<T>? {
        let rows = batch.rows, h = hidden, dirs = directions, width = outputSize
        let last = layers.count - 1
        for l in stride(from: last, through: 0, by: -1) {
            let needInput = l > 0 || computeInputGradient
            for d in 0..<dirs {
                layers[l][d].backward(batch: batch, parameters: p, gradients: g, computeInputGradient: needInput)
            }
            guard needInput else { break }
            let inSize = layers[l][0].inputSize
            let dIn = inputGradient.reserve(rows * inSize)
            dIn.update(from: layers[l][0].inputGradient, count: rows * inSize)
            if dirs == 2 {
                let back = layers[l][1].inputGradient
                for r in 0..<rows {
                    let dst = dIn + Int(batch.reversedRows[r]) * inSize, src = back + r * inSize
                    for k in 0..<inSize { dst[k] += src[k] }
                }
            }
            if l == 0 { return dIn }
            // Into the previous layer's outputs: undo the dropout, then split by direction.
            dropouts[l - 1].backward(dIn, count: rows * inSize)
            for d in 0..<dirs { layers[l - 1][d].prepareBackward(rows: rows) }
            for r in 0..<rows {
                (layers[l - 1][0].outputGradient + r * h).update(from: dIn + r * width, count: h)
                if dirs == 2 {
                    let dst = layers[l - 1][1].outputGradient + Int(batch.reversedRows[r]) * h
                    dst.update(from: dIn + r * width + h, count: h)
                }
            }
        }
        return nil
    }

    /// dst[r] = src[perm[r]] for rows of `width` values.
    @inlinable
    public static func permuteRows(_ src: UnsafePointer<T>, into dst: UnsafeMutablePointer<T>, by perm: [Int32],
                                   width: Int) {
        for (r, s) in perm.enumerated() { (dst + r * width).update(from: src + Int(s) * width, count: width) }
    }
}
