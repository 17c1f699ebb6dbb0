import Geometry

/// Names in the three languages of the portal.
public struct LocalizedName: Sendable, Hashable {
    public var kk: String
    public var ru: String
    public var en: String

    public init(kk: String, ru: String, en: String) {
        self.kk = kk
        self.ru = ru
        self.en = en
    }

    /// Creates a name with the same text in every language, for sources that give only one name.
    public init(all text: String) {
        self.init(kk: text, ru: text, en: text)
    }

    /// Returns the name in `language` ("kk", "ru" or "en"), Russian for any other code.
    public func text(for language: String) -> String {
        switch language {
        case "kk": return kk
        case "en": return en
        default: return ru
        }
    }
}

/// A city the portal serves.
public struct City: Sendable, Hashable {
    /// Lower-case identifier used in URLs and on the command line, for example "almaty".
    public var id: String
    public var names: LocalizedName
    /// The administrative boundary; nil until one is imported.
    public var boundary: [Polygon]?
    /// Envelope of the boundary, or of the catchments and schools when there is no boundary.
    public var envelope: Envelope?
    /// True for the generated demo city, which every screen labels as demo data.
    public var isDemo: Bool

    public init(id: String, names: LocalizedName, boundary: [Polygon]? = nil, envelope: Envelope? = nil, isDemo: Bool = false) {
        self.id = id
        self.names = names
        self.boundary = boundary
        self.envelope = envelope
        self.isDemo = isDemo
    }

    /// Checks a city id: 1 to 64 characters of lower-case Latin letters, digits and hyphens, starting with a letter or digit.
    public static func validate(id: String) throws(StoreError) {
        let allowed = id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard !id.isEmpty, id.utf8.count <= 64, allowed, id.first != "-" else {
            throw StoreError.invalidInput(field: "city", reason: "\"\(id)\" is not a valid city id; use 1–64 lower-case Latin letters, digits and hyphens, for example \"almaty\"")
        }
    }
}
