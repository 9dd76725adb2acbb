// Role: a usable tagger: the network plus what applying it to tokens needs: the word rows (exact spelling
// first, then lower-cased, since vectors are usually uncased), the character alphabet, the tag set, the
// scheme predictions are written in, and how it was trained. Encodes tagged files and raw token lists,
// predicts tags and entities, scores files.
import EmbedClassifier
import EmbedCore
import EmbedVectors

/// Summary of the run that produced a tagger.
public struct TaggerRecord: Codable, Equatable, Sendable {
    /// Epochs run, and the epoch whose weights the model holds.
    public var epochsRun: Int
    /// The epoch whose weights the model holds.
    public var bestEpoch: Int
    /// Entity F1 on the dev set (when there was one).
    public var devF1: Double?
    /// Entity F1 on the test set (when one was scored at the end of training).
    public var testF1: Double?

    /// A record of a run.
    public init(epochsRun: Int, bestEpoch: Int, devF1: Double? = nil, testF1: Double? = nil) {
        self.epochsRun = epochsRun; self.bestEpoch = bestEpoch; self.devF1 = devF1; self.testF1 = testF1
    }
}

/// One tagged sentence: its tokens, their tags (in the tagger's scheme) and the entities.
public struct TaggedPrediction: Equatable, Sendable {
    /// The tokens.
    public var tokens: [String]
    /// The predicted tag of each token.
    public var tags: [ChunkTag]
    /// The predicted entities.
    public var spans: [EntitySpan]

    /// The text of an entity: its tokens joined by spaces.
    public func text(of span: EntitySpan) -> String { tokens[span.start..<span.end].joined(separator: " ") }
}

/// A trained (or freshly seeded) sequence tagger.
public final class SequenceTagger {
    /// The network.
    public let network: TaggerNetwork<Float>
    /// Word -> row of the frozen word table.
    public let words: WordIndex
    /// Character -> row of the character table.
    public let characters: CharacterIndex
    /// The scheme `predict` writes tags in (that of the training file).
    public var scheme: TagScheme
    /// Where the word vectors came from (they are stored in the model).
    public var vectors: VectorSource
    /// How the network was trained.
    public var training = TaggerSettings()
    /// The run that trained it.
    public var record: TaggerRecord?

    /// A seeded tagger over `words` (table rows: padding, the words, `<UNK>`) for `tagSet`.
    public init(words: [String], table: EmbeddingTable<Float>, source: String, characters: CharacterIndex,
                tagSet: TagSet, shape: TaggerShape, scheme: TagScheme, seed: UInt64) throws {
        precondition(table.rows == words.count + 2, "the table needs padding, one row per word and <UNK>")
        var shape = shape
        shape.wordDimension = table.dimension
        shape.tags = tagSet.count
        shape.characters = characters.tableRows
        shape.encoding = tagSet.encoding
        network = try TaggerNetwork<Float>(shape: shape, tagSet: tagSet, words: table, seed: seed)
        self.words = WordIndex(words: words, settings: TokenizerSettings(lowercase: false))
        self.characters = characters
        self.scheme = scheme
        vectors = VectorSource(path: source, words: words.count, dimension: table.dimension)
        training.seed = seed
    }

    /// The architecture.
    public var shape: TaggerShape { network.shape }
    /// The classes.
    public var tagSet: TagSet { network.tagSet }

    /// The word-table row of a token: its exact spelling, else lower-cased, else `<UNK>`.
    public func row(of token: String) -> Int32 {
        words.knownRow(token) ?? words.knownRow(token.lowercased()) ?? words.unknownRow
    }

    /// Sentences of tokens in model terms, with gold class ids from `gold` (entities per sentence) when given.
    /// Returns the encoding and the share of tokens that had a word vector.
    public func encode(_ sentences: [[String]], gold: [[EntitySpan]]? = nil) -> (sentences: EncodedSentences, coverage: Double) {
        var spellingIds: [String: Int32] = [:]
        var spellings: [[Int32]] = []
        var words: [[Int32]] = [], casing: [[Int32]] = [], ids: [[Int32]] = []
        var known = 0, total = 0
        for tokens in sentences {
            var w = [Int32](), c = [Int32](), s = [Int32]()
            w.reserveCapacity(tokens.count); c.reserveCapacity(tokens.count); s.reserveCapacity(tokens.count)
            for token in tokens {
                let r = row(of: token)
                if r != self.words.unknownRow { known += 1 }
                w.append(r)
                c.append(Casing(of: token).rawValue)
                if let id = spellingIds[token] {
                    s.append(id)
                } else {
                    let id = Int32(spellings.count)
                    spellingIds[token] = id
                    spellings.append(characters.encode(token))
                    s.append(id)
                }
            }
            total += tokens.count
            words.append(w); casing.append(c); ids.append(s)
        }
        let tags = gold.map { g in zip(g, sentences).map { tagSet.encode($0.0, length: $0.1.count) } } ?? []
        let coverage = total == 0 ? 1 : Double(known) / Double(total)
        return (EncodedSentences(words: words, casing: casing, spellingIds: ids, spellings: spellings, tags: tags), coverage)
    }

    /// A tagged file in model terms (gold class ids from its tags).
    public func encode(_ data: TaggedData) -> (sentences: EncodedSentences, coverage: Double) {
        encode(data.sentences.map(\.tokens), gold: data.spans)
    }

    /// Tags and entities of each sentence (non-empty token lists), tags written in `scheme` (default: the
    /// tagger's own).
    public func predict(_ sentences: [[String]], scheme: TagScheme? = nil) -> [TaggedPrediction] {
        let encoded = encode(sentences).sentences
        let paths = network.decode(encoded)
        return zip(sentences, paths).map { tokens, path in
            let spans = tagSet.spans(path)
            return TaggedPrediction(tokens: tokens, tags: EntitySpans.tags(spans, length: tokens.count, scheme: scheme ?? self.scheme),
                                    spans: spans)
        }
    }

    /// Conlleval-style scores on a tagged file.
    public func evaluate(_ data: TaggedData) -> TaggingScores {
        network.score(encode(data).sentences, against: data)
    }
}
