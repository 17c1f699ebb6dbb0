import Geometry

/// A school catchment (micro-district): the area whose homes a school admits, for one language of instruction.
public struct Catchment: Sendable, Hashable {
    /// Identifier unique within a city together with `language`, for example "demo-001-kk" or a source's zone id.
    public var key: String
    /// The school reference as the source gave it (a school key or name); nil when the source has none.
    public var schoolKey: String?
    /// The id of the school the reference resolved to; nil when it matched no school.
    public var schoolID: String?
    /// Language-of-instruction code ("kk", "ru", …); nil when the source does not split catchments by language.
    public var language: String?
    /// Valid polygons: shells counter-clockwise, holes clockwise, in WGS 84.
    public var polygons: [Polygon]
    /// Revision counter, raised by every change.
    public var version: Int

    public init(key: String, schoolKey: String? = nil, schoolID: String? = nil, language: String? = nil, polygons: [Polygon], version: Int = 1) {
        self.key = key
        self.schoolKey = schoolKey
        self.schoolID = schoolID
        self.language = language
        self.polygons = polygons
        self.version = version
    }

    public var geometry: Geometry {
        polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
    }

    public var envelope: Envelope? {
        Envelope(of: polygons.flatMap(\.shell))
    }

    /// The order used everywhere answers list catchments: by key, then language.
    static func precedes(_ a: Catchment, _ b: Catchment) -> Bool {
        if a.key != b.key { return a.key < b.key }
        return (a.language ?? "") < (b.language ?? "")
    }
}
