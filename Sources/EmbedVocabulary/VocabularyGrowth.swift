// Role: a trained model's vocabulary grown by a new corpus's (continued training, gensim's
// `build_vocab(update=True)`): old words keep their ids and gain the new counts, new words follow.
import EmbedCore

extension Vocabulary {
    /// This vocabulary grown by `added` (a new corpus's, cut at its own minimum count): every old word keeps
    /// its id and its count becomes old + new; the words new to it follow in `added`'s order with their counts.
    /// The counts are then no longer sorted: consumers needing frequency order sort a copy. Throws only for a
    /// duplicated word, which two built vocabularies never hold.
    public func grown(by added: Vocabulary) throws -> (vocabulary: Vocabulary, newWords: Int) {
        var words = self.words, counts = self.counts
        for (w, c) in zip(added.words, added.counts) {
            let id = Int(id(of: w))
            if id < size { counts[id] += c } else { words.append(w); counts.append(c) }
        }
        let grown = try Vocabulary(words: words, counts: counts, unknownCount: unknownCount + added.unknownCount)
        return (grown, words.count - size)
    }
}
