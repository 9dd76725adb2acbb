// Role: turns a trained model into WordVectors: one row per vocabulary word (w or w + w~), plus an optional
// `<UNK>` row, the mean of the 100 rarest words' vectors (what Stanford GloVe writes as <unk>).
import EmbedCore
import EmbedVectors
import EmbedVocabulary

extension GloVeParameters {
    /// Rows of the rarest words averaged into the `<UNK>` vector.
    public static let unknownAveragedWords = 100

    /// The trained vectors (`output`: w, or w + w~) as WordVectors, one row per vocabulary word.
    /// `words` names the rows in id order (count == self.words). With `unknownRow`, `<UNK>` is appended.
    /// Throws `InputError` for a duplicated word (`<UNK>` already among `words`, say).
    public func wordVectors(words: [String], output: OutputVectors, unknownRow: Bool) throws -> WordVectors {
        precondition(words.count == self.words, "one word per trained row")
        var matrix = vectors(output)
        var names = words
        if unknownRow {
            let d = dimension
            let rare = min(GloVeParameters.unknownAveragedWords, self.words)
            var mean = [Float](repeating: 0, count: d)
            for i in (self.words - rare)..<self.words {
                for k in 0..<d { mean[k] += matrix[i * d + k] }
            }
            for k in 0..<d { mean[k] /= Float(rare) }
            matrix.append(contentsOf: mean)
            names.append(Vocabulary.unknownToken)
        }
        return try WordVectors(words: names, dimension: dimension, vectors: matrix)
    }
}
