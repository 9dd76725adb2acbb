// swift-tools-version:5.9
// embed: word embeddings in Swift. One library module per stage of the data flow, an umbrella `EmbedKit`
// that re-exports them all, and the `embed` command-line tool on top:
// EmbedStreams (bytes) -> EmbedCorpus (tokens) -> EmbedVocabulary -> EmbedCooccurrence (X) / EmbedWord2Vec (pairs)
// -> EmbedGloVe / EmbedWord2Vec (training) -> EmbedVectors (vectors, files) -> EmbedEvaluation / EmbedClassifier
// -> EmbedTagger.
// No unsafe flags: the package builds as a dependency of other packages.
import PackageDescription

let package = Package(
    name: "embed",
    products: [
        .library(name: "EmbedKit", targets: ["EmbedKit"]),
        .executable(name: "embed", targets: ["embed"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries and processor instructions.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CKernels"),

        // 0. what every stage shares: typed errors, the training shape, seeding, hashing, limits.
        .target(name: "EmbedCore"),
        // 1. bytes: files, directories, stdin, zstd streams, atomic outputs, checkpoint container, CSV logs.
        .target(name: "EmbedStreams", dependencies: ["EmbedCore", "CZstd"]),
        // 2. text -> tokens.
        .target(name: "EmbedCorpus", dependencies: ["EmbedCore", "EmbedStreams"]),
        // 3. tokens -> vocabulary (counts, <UNK>, ids).
        .target(name: "EmbedVocabulary", dependencies: ["EmbedCore", "EmbedCorpus", "EmbedStreams", "CKernels"]),
        // 3b. tokens -> tokens: phrases (`new york` -> `new_york`) counted, scored and joined.
        .target(name: "EmbedPhrases", dependencies: ["EmbedCore", "EmbedCorpus", "EmbedVocabulary", "EmbedStreams", "CKernels"]),
        // 4a. tokens + vocabulary -> co-occurrence matrix X (spill, merge, shuffle).
        .target(name: "EmbedCooccurrence", dependencies: ["EmbedCore", "EmbedCorpus", "EmbedVocabulary", "EmbedStreams"]),
        // SIMD / BLAS kernels shared by the trainers, the queries and the classifier.
        .target(name: "EmbedKernels", dependencies: ["EmbedCore", "CBLAS", "CKernels"]),
        // 5. vectors: the WordVectors type and its file formats.
        .target(name: "EmbedVectors", dependencies: ["EmbedCore", "EmbedStreams", "EmbedKernels"]),
        // 4b. trainers: word2vec (skip-gram, CBOW) and GloVe.
        .target(name: "EmbedWord2Vec", dependencies: ["EmbedCore", "EmbedCorpus", "EmbedVocabulary", "EmbedVectors",
                                                      "EmbedKernels", "EmbedStreams", "CKernels"]),
        .target(name: "EmbedGloVe", dependencies: ["EmbedCore", "EmbedCorpus", "EmbedCooccurrence", "EmbedVocabulary",
                                                   "EmbedVectors", "EmbedKernels", "EmbedStreams"]),
        // 6. uses of vectors: queries and evaluation sets, the sentence classifier, pictures.
        .target(name: "EmbedEvaluation", dependencies: ["EmbedCore", "EmbedVectors", "EmbedKernels", "EmbedStreams"]),
        .target(name: "EmbedClassifier", dependencies: ["EmbedCore", "EmbedVectors", "EmbedCorpus", "EmbedKernels",
                                                        "EmbedStreams"]),
        // 7. the sequence tagger, on the classifier's layers: CoNLL files -> BiLSTM-CRF -> entities.
        .target(name: "EmbedTagger", dependencies: ["EmbedCore", "EmbedClassifier", "EmbedVectors", "EmbedKernels",
                                                    "EmbedStreams"]),
        .target(name: "EmbedPlots", dependencies: ["EmbedCore", "EmbedVectors", "EmbedKernels"]),
        // The public API in one import.
        .target(name: "EmbedKit", dependencies: [
            "EmbedCore", "EmbedStreams", "EmbedCorpus", "EmbedVocabulary", "EmbedPhrases", "EmbedCooccurrence", "EmbedKernels",
            "EmbedVectors", "EmbedWord2Vec", "EmbedGloVe", "EmbedEvaluation", "EmbedClassifier", "EmbedTagger",
            "EmbedPlots",
        ]),
        // The command-line tool: parses, reads the files it is given, prints, maps errors to exit codes.
        .executableTarget(name: "embed", dependencies: [
            "EmbedKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "EmbedTestSupport", dependencies: ["EmbedKit"], path: "Tests/EmbedTestSupport"),
        .testTarget(name: "EmbedCoreTests", dependencies: ["EmbedCore", "EmbedTestSupport"]),
        .testTarget(name: "EmbedStreamsTests", dependencies: ["EmbedStreams", "EmbedTestSupport"]),
        .testTarget(name: "EmbedCorpusTests", dependencies: ["EmbedCorpus", "EmbedStreams", "EmbedTestSupport"]),
        .testTarget(name: "EmbedVocabularyTests", dependencies: ["EmbedVocabulary", "EmbedCorpus", "EmbedStreams",
                                                                 "EmbedTestSupport"]),
        .testTarget(name: "EmbedPhrasesTests", dependencies: ["EmbedPhrases", "EmbedCorpus", "EmbedStreams",
                                                             "EmbedTestSupport"]),
        .testTarget(name: "EmbedCooccurrenceTests", dependencies: ["EmbedCooccurrence", "EmbedVocabulary", "EmbedCorpus",
                                                                   "EmbedStreams", "EmbedTestSupport"]),
        .testTarget(name: "EmbedVectorsTests", dependencies: ["EmbedVectors", "EmbedStreams", "EmbedTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "EmbedWord2VecTests", dependencies: ["EmbedWord2Vec", "EmbedVocabulary", "EmbedCorpus",
                                                               "EmbedVectors", "EmbedKernels", "EmbedStreams",
                                                               "EmbedTestSupport"]),
        .testTarget(name: "EmbedGloVeTests", dependencies: ["EmbedGloVe", "EmbedCooccurrence", "EmbedVocabulary",
                                                            "EmbedVectors", "EmbedKernels", "EmbedStreams",
                                                            "EmbedTestSupport"]),
        .testTarget(name: "EmbedEvaluationTests", dependencies: ["EmbedEvaluation", "EmbedVectors", "EmbedTestSupport"]),
        .testTarget(name: "EmbedClassifierTests", dependencies: ["EmbedClassifier", "EmbedVectors", "EmbedKernels",
                                                                 "EmbedStreams", "EmbedTestSupport"]),
        .testTarget(name: "EmbedTaggerTests", dependencies: ["EmbedTagger", "EmbedClassifier", "EmbedVectors", "EmbedKernels",
                                                             "EmbedStreams", "EmbedTestSupport"]),
        .testTarget(name: "EmbedPlotsTests", dependencies: ["EmbedPlots", "EmbedVectors", "EmbedTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["embed", "EmbedTestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["EmbedKit", "EmbedTestSupport"]),
    ]
)
