// Role: GloVe's hyper-parameters chosen from the size of the corpus (the automatic defaults, from the sweeps
// in bench/results/sweep.csv): which settings a pipeline may choose, and what it chooses for a token count.
import EmbedCore

/// The GloVe settings a pipeline chooses from the corpus when its caller leaves them open.
public struct GloVeAutomatic: OptionSet, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// An option set from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The co-occurrence window radius.
    public static let window = GloVeAutomatic(rawValue: 1)
    /// The weighting function's cut-off x_max.
    public static let xMax = GloVeAutomatic(rawValue: 2)
    /// The number of epochs.
    public static let epochs = GloVeAutomatic(rawValue: 4)
    /// The vector dimension.
    public static let dimension = GloVeAutomatic(rawValue: 8)
    /// Every setting above.
    public static let all: GloVeAutomatic = [.window, .xMax, .epochs, .dimension]
}

/// What the sweeps chose for a corpus of a given size. Below 300M tokens (measured on 0.45M, 5M and 17M-token
/// corpora): x_max 10 (as Stanford's demo for small corpora; with window 15, 10 points of analogy above the
/// paper's settings on wiki17m), window 20 (above 15, itself above 10, on all three corpora: 2.5 points on
/// wiki17m), 15 epochs (analogy flattens or falls after it), and dimension 200 from 10M tokens (3 points above
/// 100 on wiki17m; no gain on smaller corpora). From 300M tokens: the paper's settings, which were
/// chosen on corpora of billions of tokens (not measured here).
public struct GloVeCorpusDefaults: Equatable, Sendable {
    /// The context window radius.
    public var window: Int
    /// The weighting function's cut-off.
    public var xMax: Double
    /// Passes over the records.
    public var epochs: Int
    /// The vector length.
    public var dimension: Int

    /// The choices for a corpus of `tokens` tokens (every token, kept or not).
    public init(tokens: Int64) {
        switch tokens {
        case ..<10_000_000: (window, xMax, epochs, dimension) = (20, 10, 15, 100)
        case ..<300_000_000: (window, xMax, epochs, dimension) = (20, 10, 15, 200)
        default: (window, xMax, epochs, dimension) = (10, 100, 25, 100)
        }
    }

    /// Applies the choices for `tokens` named in `automatic` to `settings` and `counting`, and caps `budget` at
    /// the chosen epochs; returns the stage report `defaults` with the figure `tokens` then one figure per choice
    /// applied (`x_max`, `window`, `epochs`, `dimension`), or nil when nothing was left open.
    static func apply(_ automatic: GloVeAutomatic, tokens: Int64, settings: inout GloVeSettings,
                      counting: inout CorpusCountingSettings, budget: inout EpochBudget?) -> StageReport? {
        guard !automatic.isEmpty else { return nil }
        let chosen = GloVeCorpusDefaults(tokens: tokens)
        var figures = [Metric("tokens", Double(tokens))]
        if automatic.contains(.xMax) { settings.xMax = chosen.xMax; figures.append(Metric("x_max", chosen.xMax)) }
        if automatic.contains(.window) {
            counting.cooccurrence.window = chosen.window; figures.append(Metric("window", Double(chosen.window)))
        }
        if automatic.contains(.epochs) {
            settings.epochs = chosen.epochs; figures.append(Metric("epochs", Double(chosen.epochs)))
            budget = budget?.capped(at: chosen.epochs)
        }
        if automatic.contains(.dimension) {
            settings.dimension = chosen.dimension; figures.append(Metric("dimension", Double(chosen.dimension)))
        }
        return StageReport(task: "defaults", seconds: 0, figures: figures)
    }
}
