// Role: maps the library's setting names (in SettingError, ResumeMismatch, TrainingDiverged) to this tool's
// flags, so messages speak of what the user typed.
enum FlagNames {
    static let table: [String: String] = [
        "dimension": "--dim", "window": "--window", "epochs": "--epochs", "threads": "--threads",
        "sample": "--sample", "alpha": "--alpha", "negative": "--negative", "noisePower": "--noise-power", "negativeSharing": "--negative-sharing",
        "replay": "--replay", "replayFraction": "--replay-fraction",
        "softmaxLimit": "--softmax-limit", "loss": "--loss", "cbow": "--cbow", "seed": "--seed",
        "xMax": "--x-max", "eta": "--eta", "biasEta": "--bias-eta", "gradClip": "--grad-clip",
        "memoryBytes": "--memory", "minCount": "--min-count", "maxVocabulary": "--max-vocab",
        "learningRate": "--lr", "batchSize": "--batch", "patience": "--patience", "layers": "--layers",
        "hidden": "--hidden", "dropout": "--dropout", "clipNorm": "--clip", "labelNames": "--label-names",
        "embeddingDimension": "the vectors' dimension", "classes": "the training set's labels",
        "vocabulary": "the vocabulary", "k": "-k", "restrict": "--restrict",
        "invalidUTF8": "--invalid-utf8", "maxTokenBytes": "--max-token-bytes",
        "characterDimension": "--char-dim", "characterHidden": "--char-hidden", "casingDimension": "--case-dim",
        "tagColumn": "--tag-column", "wordDimension": "the vectors' dimension", "tags": "the training set's tags",
        "characters": "the training set's characters", "vectors": "--vectors", "rows": "--rows",
        "partial counts": "the partial counts files", "partial co-occurrence files": "the partial co-occurrence files",
        "minn": "--minn", "maxn": "--maxn", "buckets": "--buckets",
        "threshold": "--threshold", "scoring": "--scoring", "delimiter": "--delimiter", "passes": "--passes",
        "connectorWords": "--common-words", "filters": "--filters", "wordDropout": "--word-dropout",
        "weightDecay": "--weight-decay", "embeddingLearningRate": "--embedding-lr", "devSplit": "--dev-split",
    ]

    /// `text` with each backticked setting name (`` `maxTokenBytes` ``) replaced by its flag.
    static func replacingSettings(in text: String) -> String {
        var out = text
        for (setting, flag) in table where out.contains("`\(setting)`") { out = out.replacingOccurrences(of: "`\(setting)`", with: flag) }
        return out
    }

    /// The flag for `setting`, or the setting's own name when the tool has no flag for it.
    static func flag(_ setting: String) -> String { table[setting] ?? setting }
}
