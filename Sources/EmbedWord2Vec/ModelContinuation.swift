// Role: continued training's starting point (gensim's `build_vocab(update=True)`): a saved model grown by the
// words of a new corpus. Old words keep their ids and rows and gain the new corpus's counts; new words are
// appended with word2vec's random input rows and zero output rows; the noise distribution and the Huffman tree
// are rebuilt from the merged counts; a subword model keeps its bucket rows.
import EmbedCore
import EmbedVocabulary

extension SkipGramModel {
    /// This model grown by `added` (the vocabulary of the new corpus, cut at its own minimum count), with
    /// `settings` for the new run (epochs, learning rate, window, ... may change; the shape, that is the loss, CBOW,
    /// dimension and n-grams, must be this model's). Old words keep their ids
    /// and rows; their counts become old + new. Words new to the model follow, in `added`'s order, with
    /// word2vec's random input rows (from `settings.seed`) and zero output rows. Throws `SettingError` when the
    /// shape differs or the grown model does not fit in memory.
    public func grown(by added: Vocabulary, settings run: SkipGramSettings) throws -> SkipGramModel {
        if let d = run.shapeDifferences(from: settings).first {
            throw SettingError(d.setting, "is \(d.now) but the model continued has \(d.saved): a continued model keeps its shape")
        }
        let old = vocabulary
        let merged = try old.grown(by: added).vocabulary
        let model = try SkipGramModel(settings: run, vocabulary: merged, randomize: true)
        let v = old.size, bytesPerRow = input.stride * 4
        // Old word rows keep their place; a subword model's bucket rows move down past the new words.
        model.input.bytes.copyMemory(from: UnsafeRawBufferPointer(rebasing: input.bytes[0..<(v * bytesPerRow)]))
        if hasSubwords {
            let buckets = input.rows - v
            UnsafeMutableRawBufferPointer(rebasing: model.input.bytes[(merged.size * bytesPerRow)...])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: input.bytes[(v * bytesPerRow)..<((v + buckets) * bytesPerRow)]))
        }
        // Output rows: the old words' (or, for hierarchical softmax, the old inner nodes', as gensim keeps them
        // when its tree is rebuilt); the rest stay zero.
        let kept = min(output.rows, model.output.rows) * bytesPerRow
        model.output.bytes.copyMemory(from: UnsafeRawBufferPointer(rebasing: output.bytes[0..<kept]))
        return model
    }
}

extension SkipGramSettings {
    /// The shape settings (those the weights' layout depends on) that differ from `model`'s.
    func shapeDifferences(from model: SkipGramSettings) -> [ResumeMismatch.Difference] {
        differences(from: model).filter { ["loss", "cbow", "dimension", "minn", "maxn", "buckets"].contains($0.setting) }
    }
}
