// Role: embed from Swift in a few dozen lines: train skip-gram vectors on the shipped corpus, query and evaluate
// them, save them, then train a sentence classifier and a slot tagger and apply them. Run from the repository root:
//   swift run -c release --package-path Examples/QuickStart QuickStart
import EmbedKit
import Foundation

/// Prints each finished stage and epoch; the library itself never prints.
final class Printer: WorkObserver {
    func stageEnded(_ report: StageReport) { print("\(report.task): \(report.figures.map { "\($0.name) \(Int($0.value ?? 0))" })") }
    func epochEnded(_ record: EpochRecord) { print(String(format: "epoch %d/%d loss %.3f", record.epoch, record.epochs, record.loss)) }
}

let root = CommandLine.arguments.dropFirst().first ?? "."
let output = FileManager.default.temporaryDirectory.appendingPathComponent("quickstart-\(getpid())").path
try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: output) }

// 1. Skip-gram vectors from text: one pipeline call (vocabulary, encoding, training).
var pipeline = SkipGramPipeline()
pipeline.minCount = 3
pipeline.settings.epochs = 3
pipeline.settings.threads = 2
let corpus = try CorpusReader(inputs: ["\(root)/corpora/wiki"])
let trained = try pipeline.train(corpus: corpus, observer: Printer())
let vectors = try trained.trainer.model.wordVectors()

// 2. Queries and evaluation, as gensim's KeyedVectors.
for neighbor in vectors.mostSimilar(positive: ["war"], k: 5) ?? [] {
    print(String(format: "war ~ %@ %.3f", neighbor.word, neighbor.cosine))
}
let questions = try AnalogySet.read(path: "\(root)/corpora/eval/questions-words.txt")
let report = vectors.analogies(questions, options: AnalogyOptions(restrict: 30000))
print(String(format: "analogies: %d of %d correct", report.total.correct, report.total.seen))

// 3. Save (zstd by the name) and read back.
try vectors.write(to: "\(output)/vectors.txt.zst")
print("saved \(try WordVectors.read(path: "\(output)/vectors.txt.zst").count) vectors")

// 4. A sentence classifier on pretrained vectors, then predictions.
var training = ClassifierTraining()
training.settings.epochs = 15
let glove = try WordVectors.read(path: "\(root)/corpora/vectors/glove.6B.50d.top20k.txt.zst")
let sentences = try LabeledData(path: "\(root)/corpora/classify/feelings-train.csv")
let classifier = try training.train(vectors: glove, source: "glove.6B.50d", train: sentences, observer: Printer()).classifier
for (text, p) in zip(["i love you", "food is life"], classifier.predict(["i love you", "food is life"])) {
    let best = p.indices.max { p[$0] < p[$1] }!
    print(String(format: "%@ -> label %@ (%.2f)", text, classifier.labels.labels[best], p[best]))
}

// 5. A BiLSTM-CRF slot tagger on the shipped flight-booking set, then the lecture's sentence.
var tagging = TaggerTraining()
tagging.shape.hidden = 50
tagging.settings.epochs = 12
let flights = try TaggedData(path: "\(root)/corpora/tag/flights-train.txt")
let tagger = try tagging.train(vectors: glove, source: "glove.6B.50d", train: flights, observer: Printer()).tagger
let test = tagger.evaluate(try TaggedData(path: "\(root)/corpora/tag/flights-test.txt"))
print(String(format: "slot filling: test entity F1 %.3f", test.f1))
let lecture = tagger.predict([["i", "would", "like", "to", "arrive", "taipei", "on", "october", "23"]])[0]
for span in lecture.spans { print("\(span.type): \(lecture.text(of: span))") }
