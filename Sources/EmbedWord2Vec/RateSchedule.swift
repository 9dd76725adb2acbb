// Role: word2vec's linearly decaying learning rate as a value: from `startRate` at `startTokens` down to the
// floor at `endTokens`. A fixed run has one (alpha at 0 to the end of its last epoch); a time-budgeted run
// re-anchors it where it stands each time it re-plans its epochs, so the rate stays continuous and still
// reaches its floor when the last epoch ends.
struct RateSchedule: Codable, Equatable, Sendable {
    var startTokens: Int64
    var startRate: Float
    var endTokens: Int64
    var minRate: Float

    /// The whole run's schedule: `alpha` at token 0, the floor `alpha * minAlphaFraction` after `epochs` epochs.
    init(settings: SkipGramSettings, epochs: Int, corpusTokens: Int64) {
        startTokens = 0
        startRate = settings.startingAlpha
        endTokens = Int64(epochs) * max(1, corpusTokens)
        minRate = settings.startingAlpha * settings.minAlphaFraction
    }

    /// The rate after `done` tokens.
    @inline(__always)
    func rate(_ done: Int64) -> Float {
        max(minRate, startRate * Float(1 - Double(done - startTokens) / Double(max(1, endTokens - startTokens))))
    }

    /// The same floor, continuing from where `done` tokens stand now to the end of `epochs` epochs.
    func replanned(at done: Int64, epochs: Int, corpusTokens: Int64) -> RateSchedule {
        var next = self
        next.startRate = rate(done)
        next.startTokens = done
        next.endTokens = max(done, Int64(epochs) * max(1, corpusTokens))
        return next
    }
}
