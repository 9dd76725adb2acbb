// Role: opens vectors of any kind by content: a fastText model (its magic number) is read whole, any other
// file becomes a row reader (GloVe text, word2vec text or binary), so one path - or standard input - serves both.
import EmbedCore
import EmbedStreams

/// What a vectors path holds once opened.
public enum VectorInput {
    /// A vector file, read row by row.
    case rows(VectorFileReader)
    /// A fastText model, read whole.
    case fastText(FastTextModel)

    /// Opens `path` ("-" for standard input; plain or zstd). `format` skips detection (`fasttext-bin` reads a
    /// model, a row format a vector file). `observer` sees the share of a model read (task `vectors`).
    public static func open(path: String, format: VectorFormat? = nil,
                            observer: WorkObserver = SilentObserver.shared) throws -> VectorInput {
        let window = ByteWindow(try ByteSource(path: path))
        if format == .fastTextBinary || (format == nil && (try? FastTextFormat.startsWithMagic(window)) == true) {
            return .fastText(try FastTextReader(window: window, path: path, observer: observer).read())
        }
        return .rows(try VectorFileReader(window: window, path: path, format: format))
    }
}
