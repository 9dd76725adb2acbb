// Role: the public API in one import. Each stage of the data flow is its own module (so a reader sees the
// flow in Sources/ and a program can depend on one stage only); `import EmbedKit` re-exports them all.
@_exported import EmbedClassifier
@_exported import EmbedCooccurrence
@_exported import EmbedCore
@_exported import EmbedCorpus
@_exported import EmbedEvaluation
@_exported import EmbedGloVe
@_exported import EmbedKernels
@_exported import EmbedPhrases
@_exported import EmbedPlots
@_exported import EmbedStreams
@_exported import EmbedTagger
@_exported import EmbedVectors
@_exported import EmbedVocabulary
@_exported import EmbedWord2Vec
