// Role: what the (uncased) word vectors cannot tell about a token: its casing class, one of seven, which
// the tagger embeds in a small trainable table.

/// The casing class of a token.
public enum Casing: Int32, CaseIterable, Sendable {
    /// Letters, all lower case: `taipei`.
    case lower
    /// Letters, all upper case: `EU`, `U.S.`.
    case upper
    /// An upper-case letter, then only lower case: `Peter`.
    case initialCapital
    /// Any other mix of cases: `iPhone`, `McDonald`.
    case mixed
    /// Digits only: `1996`.
    case numeric
    /// Some digits with other characters: `1996-08-22`, `A4`.
    case containsDigit
    /// No letters or digits: `.`, `--`.
    case other

    /// The class of `token` (characters that are neither letters nor digits are ignored for the case).
    public init(of token: String) {
        var letters = 0, upper = 0, lower = 0, digits = 0, others = 0
        var firstLetterUpper = false, restLower = true
        for scalar in token.unicodeScalars {
            let p = scalar.properties
            if p.numericType == .decimal {
                digits += 1
            } else if p.isAlphabetic {
                let isUpper = p.isUppercase
                if letters == 0 { firstLetterUpper = isUpper } else if !p.isLowercase { restLower = false }
                letters += 1
                if isUpper { upper += 1 } else if p.isLowercase { lower += 1 }
            } else {
                others += 1
            }
        }
        if digits > 0 {
            self = letters == 0 && others == 0 ? .numeric : .containsDigit
        } else if letters == 0 {
            self = .other
        } else if upper == 0 {
            self = .lower
        } else if lower == 0 {
            self = .upper
        } else if firstLetterUpper && restLower {
            self = .initialCapital
        } else {
            self = .mixed
        }
    }
}
