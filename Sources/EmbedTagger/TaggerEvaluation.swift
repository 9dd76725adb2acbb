// Role: a tagger network applied to whole sets: decoding in batches of similar lengths (class ids back in
// input order), and the conlleval-style scores of the decoded entities against a file's gold tags.
import EmbedClassifier
import EmbedCore

extension TaggerNetwork {
    /// The decoded class ids of every sentence of `set` (input order), `batchSize` sentences at a time.
    public func decode(_ set: EncodedSentences, batchSize: Int = 256) -> [[Int32]] {
        var out = [[Int32]](repeating: [], count: set.count)
        let byLength = (0..<set.count).sorted { set.words[$0].count < set.words[$1].count }
        var start = 0
        while start < byLength.count {
            let indices = Array(byLength[start..<min(start + batchSize, byLength.count)])
            let batch = TaggerBatch(set, indices: indices, withCharacters: shape.useCharacters)
            for (b, path) in decode(batch).enumerated() { out[indices[batch.words.order[b]]] = path }
            start += batchSize
        }
        return out
    }

    /// Scores of the decoded entities of `set` (encoded from `data`) against `data`'s gold tags; predicted
    /// tags are written in `data`'s scheme for the token accuracy, as conlleval compares them.
    public func score(_ set: EncodedSentences, against data: TaggedData, batchSize: Int = 256) -> TaggingScores {
        precondition(set.count == data.sentences.count)
        var scores = TaggingScores()
        for (s, path) in decode(set, batchSize: batchSize).enumerated() {
            let predicted = EntitySpans.tags(tagSet.spans(path), length: path.count, scheme: data.scheme)
            scores.add(gold: data.sentences[s].tags, predicted: predicted)
        }
        return scores
    }
}
