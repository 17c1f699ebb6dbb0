import Catchment
import Geometry
import JSON

/// A school and its passport. Only `id` is required; everything a source does not give stays nil.
public struct School: Sendable, Equatable {
    /// Identifier unique within the city (the source's key, for example "demo-017" or a school name).
    public var id: String
    public var number: Int?
    public var names: LocalizedName
    /// Language-of-instruction codes ("kk", "ru", "en", "mixed", "ug", "uz", "tg").
    public var languages: [String]
    /// School type code ("general", "gymnasium", "lyceum", "school_gymnasium", "specialised", "small_rural", "correctional", "evening").
    public var type: String?
    /// "state" or "private".
    public var ownership: String?
    /// District id within the city.
    public var district: String?
    public var addressKK: String?
    public var addressRU: String?
    /// Longitude/latitude in WGS 84; nil when unknown, so the school is left off maps and distance queries.
    public var location: Position?
    /// Grades taught, as written by the source (for example "0-11").
    public var grades: String?
    public var shifts: Int?
    /// Design capacity in pupils.
    public var capacity: Int?
    /// Current enrollment in pupils.
    public var enrollment: Int?
    /// Free places by grade (0 to 12), when the school publishes them.
    public var freePlaces: [Int: Int]?
    public var director: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var founded: Int?
    public var profile: String?
    public var programmes: String?
    public var accessibility: String?
    /// The source's other properties, kept as they were.
    public var properties: JSONObject

    public init(id: String, number: Int? = nil, names: LocalizedName, languages: [String] = [], type: String? = nil,
                ownership: String? = nil, district: String? = nil, addressKK: String? = nil, addressRU: String? = nil,
                location: Position? = nil, properties: JSONObject = JSONObject()) {
        self.id = id
        self.number = number
        self.names = names
        self.languages = languages
        self.type = type
        self.ownership = ownership
        self.district = district
        self.addressKK = addressKK
        self.addressRU = addressRU
        self.location = location
        self.properties = properties
    }

    /// The fields the catchment engine uses to find nearby schools.
    public var site: SchoolSite {
        SchoolSite(id: id, languages: languages, type: type, ownership: ownership, location: location)
    }
}
