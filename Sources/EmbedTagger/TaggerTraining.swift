// Role: the tagger from vectors and a tagged training file in one call: the tag set (the training file's
// entity types in the internal encoding), the character alphabet, the network over the vectors, encoding,
// training with dev selection on entity F1, and the record of the run kept in the model.
import EmbedClassifier
import EmbedCore
import EmbedVectors

/// Everything needed to train a tagger. Make one, then call `train(vectors:source:train:dev:observer:)`.
public struct TaggerTraining {
    /// The architecture; word dimension, tag count and alphabet size are taken from the data.
    public var shape = TaggerShape(wordDimension: 1, tags: 2, characters: 1)
    /// The training loop's settings.
    public var settings = TaggerSettings()
    /// Characters seen fewer times in the training tokens share the unknown row.
    public var characterMinCount = 2

    /// The default model (one BiLSTM layer of 100 units per direction over word vectors, casing and a
    /// character BiLSTM, then a CRF) and training.
    public init() {}

    /// What a training produces.
    public struct Result {
        /// The trained tagger.
        public var tagger: SequenceTagger
        /// How the run went.
        public var summary: TrainingSummary
        /// Share of the training tokens that had a word vector.
        public var trainCoverage: Double
        /// The dev set as scored during training.
        public var devSet: TaggerDevSet?
    }

    /// The tag set of a training file: its entity types in `encoding`; an InputError when it has none.
    public static func tagSet(of train: TaggedData, encoding: TagEncoding) throws -> TagSet {
        let tagSet = TagSet(spans: train.spans, encoding: encoding)
        guard !tagSet.types.isEmpty else {
            throw InputError("the training set has no entities (every tag is O)", path: train.path)
        }
        return tagSet
    }

    /// Trains on `train` (its entity types are the tag set; it needs at least one entity), selecting the
    /// best epoch on `dev`'s entity F1 when given. `source` names the vectors in the model (they are stored
    /// in it). Predictions of the model are written in `train`'s scheme.
    public func train(vectors: WordVectors, source: String, train: TaggedData, dev: TaggedData? = nil,
                      observer: WorkObserver = SilentObserver.shared) throws -> Result {
        try settings.validate()
        let tagSet = try TaggerTraining.tagSet(of: train, encoding: shape.encoding)
        let alphabet = CharacterIndex(tokens: train.sentences.lazy.flatMap(\.tokens), minCount: characterMinCount)
        var shape = self.shape
        shape.wordDimension = vectors.dimension
        shape.tags = tagSet.count
        shape.characters = alphabet.tableRows
        try shape.validate()
        try MemoryCheck.require(MemoryCheck.bytes(vectors.count + 2, vectors.dimension, size: 4), setting: "vectors",
                                value: vectors.count, for: "for the word table")
        let table = vectors.withMatrix { EmbeddingTable<Float>(vectors: $0, dimension: vectors.dimension) }
        let tagger = try SequenceTagger(words: vectors.words, table: table, source: source, characters: alphabet,
                                        tagSet: tagSet, shape: shape, scheme: train.scheme, seed: settings.seed)
        tagger.training = settings
        let (trainSet, coverage) = tagger.encode(train)
        let devSet = dev.map { TaggerDevSet(encoded: tagger.encode($0).sentences, data: $0) }
        let trainer = try TaggerTrainer(network: tagger.network, settings: settings, train: trainSet, dev: devSet)
        let summary = try trainer.run(observer)
        tagger.record = TaggerRecord(epochsRun: summary.epochsRun, bestEpoch: summary.bestEpoch,
                                     devF1: devSet.map { tagger.network.score($0.encoded, against: $0.data).f1 })
        return Result(tagger: tagger, summary: summary, trainCoverage: coverage, devSet: devSet)
    }
}
