// swift-tools-version:5.9
// embed: word embeddings in Swift. Modules follow the data flow:
// Streams (bytes) -> Corpus (tokens) -> Vocabulary -> Cooccurrence (X) / SkipGram (pairs)
// -> GloVe / SkipGram (training) -> Embeddings (vector files) -> Evaluation / Classifier.
import PackageDescription

/// Hot numeric kernels are compiled with -Ounchecked in release builds only.
let kernelFlags: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "embed",
    products: [
        .executable(name: "embed", targets: ["embed"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        // 1. bytes: files, directories, stdin, zstd streams, atomic outputs, errors, progress.
        .target(name: "Streams", dependencies: ["CZstd"]),
        // 2. text -> tokens.
        .target(name: "Corpus", dependencies: ["Streams"]),
        // 3. tokens -> vocabulary (counts, <UNK>, ids).
        .target(name: "Vocabulary", dependencies: ["Corpus", "Streams"]),
        // 4a. tokens + vocabulary -> co-occurrence matrix X (spill, merge, shuffle).
        .target(name: "Cooccurrence", dependencies: ["Corpus", "Vocabulary", "Streams"]),
        // Shared SIMD / BLAS kernels for the trainers and the classifier.
        .target(name: "Kernels", dependencies: ["CBLAS"], swiftSettings: kernelFlags),
        // 5. vectors: the Embeddings type and its file formats.
        .target(name: "Embeddings", dependencies: ["Streams"]),
        // 4b. trainers.
        .target(name: "SkipGram", dependencies: ["Corpus", "Vocabulary", "Embeddings", "Kernels", "Streams"],
                swiftSettings: kernelFlags),
        .target(name: "GloVe", dependencies: ["Cooccurrence", "Vocabulary", "Embeddings", "Kernels", "Streams"],
                swiftSettings: kernelFlags),
        // 6. uses of vectors.
        .target(name: "Evaluation", dependencies: ["Embeddings", "Kernels", "Streams"]),
        .target(name: "Classifier", dependencies: ["Embeddings", "Corpus", "Kernels", "Streams"],
                swiftSettings: kernelFlags),
        // Pictures: PCA projections of words, training curves, confusion matrices, as SVG.
        .target(name: "Plots", dependencies: ["Embeddings", "Kernels"]),
        // The command-line tool.
        .executableTarget(name: "embed", dependencies: [
            "Streams", "Corpus", "Vocabulary", "Cooccurrence", "Embeddings", "SkipGram", "GloVe",
            "Evaluation", "Classifier", "Plots",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "StreamsTests", dependencies: ["Streams"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "Streams"]),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary", "Corpus", "Streams"]),
        .testTarget(name: "CooccurrenceTests", dependencies: ["Cooccurrence", "Vocabulary", "Corpus", "Streams"]),
        .testTarget(name: "EmbeddingsTests", dependencies: ["Embeddings", "Streams"]),
        .testTarget(name: "SkipGramTests", dependencies: ["SkipGram", "Vocabulary", "Corpus", "Embeddings", "Kernels", "Streams"]),
        .testTarget(name: "GloVeTests", dependencies: ["GloVe", "Cooccurrence", "Vocabulary", "Embeddings", "Kernels", "Streams"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Embeddings"]),
        .testTarget(name: "ClassifierTests", dependencies: ["Classifier", "Embeddings", "Kernels", "Streams"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Embeddings"]),
        .testTarget(name: "CLITests", dependencies: ["embed"]),
    ]
)
