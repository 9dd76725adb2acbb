// Role: skip-gram's hyper-parameters chosen from the size of the corpus (the automatic defaults, from the sweeps
// in bench/results/sweep.csv): which settings a pipeline may choose, and what it chooses for a token count.
import EmbedCore

/// The skip-gram settings a pipeline chooses from the corpus when its caller leaves them open.
public struct SkipGramAutomatic: OptionSet, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// An option set from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The number of epochs.
    public static let epochs = SkipGramAutomatic(rawValue: 1)
    /// The vector dimension.
    public static let dimension = SkipGramAutomatic(rawValue: 2)
    /// The subsampling threshold.
    public static let sample = SkipGramAutomatic(rawValue: 4)
    /// Every setting above.
    public static let all: SkipGramAutomatic = [.epochs, .dimension, .sample]
}

/// What the sweeps chose for a corpus of a given size (measured on 0.45M, 5M and 17M-token corpora, where
/// every added epoch up to 20 gained): epochs so that training sees about 400M tokens, between word2vec's 5
/// (its billion-token corpora) and 20; dimension 200 from 10M tokens (SimLex-999 0.03 higher than 100 on
/// wiki17m, analogy 2 points; 2 points lower on 5M tokens); subsampling 1e-4 from 10M tokens (0.4 points above
/// 1e-3 on wiki17m; word2vec's 1e-3 below, which was as good or better on 0.45M and 5M tokens).
public struct SkipGramCorpusDefaults: Equatable, Sendable {
    /// Passes over the corpus.
    public var epochs: Int
    /// The vector length.
    public var dimension: Int
    /// The subsampling threshold.
    public var sample: Double

    /// The choices for a corpus of `tokens` tokens (every token, kept or not).
    public init(tokens: Int64) {
        let passes = (400_000_000 + max(tokens, 1) - 1) / max(tokens, 1)
        epochs = Int(min(20, max(5, passes)))
        dimension = tokens < 10_000_000 ? 100 : 200
        sample = tokens < 10_000_000 ? 1e-3 : 1e-4
    }

    /// Applies the choices for `tokens` named in `automatic` to `settings`; returns the stage report `defaults`
    /// with the figure `tokens` then one figure per choice applied (`epochs`, `dimension`, `sample`), or nil when
    /// nothing was left open.
    static func apply(_ automatic: SkipGramAutomatic, tokens: Int64, to settings: inout SkipGramSettings) -> StageReport? {
        guard !automatic.isEmpty else { return nil }
        let chosen = SkipGramCorpusDefaults(tokens: tokens)
        var figures = [Metric("tokens", Double(tokens))]
        if automatic.contains(.epochs) {
            settings.epochs = chosen.epochs; figures.append(Metric("epochs", Double(chosen.epochs)))
        }
        if automatic.contains(.dimension) {
            settings.dimension = chosen.dimension; figures.append(Metric("dimension", Double(chosen.dimension)))
        }
        if automatic.contains(.sample) { settings.sample = chosen.sample; figures.append(Metric("sample", chosen.sample)) }
        return StageReport(task: "defaults", seconds: 0, figures: figures)
    }

    /// Takes the values of the settings in `automatic` from `saved` (a resumed run keeps its first choices).
    static func keep(_ automatic: SkipGramAutomatic, from saved: SkipGramSettings, in settings: inout SkipGramSettings) {
        if automatic.contains(.epochs) { settings.epochs = saved.epochs }
        if automatic.contains(.dimension) { settings.dimension = saved.dimension }
        if automatic.contains(.sample) { settings.sample = saved.sample }
    }
}
