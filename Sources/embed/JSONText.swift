// Role: turns the reports' JSON objects into text for `--json` (sorted keys, one object per run).
import EmbedKit
import Foundation

public enum JSONText {
    public static func string(_ object: [String: Any], pretty: Bool = true) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else {
            preconditionFailure("report is not a JSON object")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
