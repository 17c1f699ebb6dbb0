import Geometry

/// Problems in a set of catchments, as a planner needs to see them.
public struct CoverageReport: Sendable {
    /// A catchment whose geometry is not valid.
    public struct InvalidCatchment: Sendable {
        public var key: String
        public var language: String?
        public var reason: String
        public var location: Position?
    }

    /// Two catchments of the same language whose interiors overlap.
    public struct Overlap: Sendable {
        public var firstKey: String
        public var secondKey: String
        public var language: String?
        /// Area of the overlap in square metres (edges straight in longitude/latitude, as GEOS computes them).
        public var areaSquareMetres: Double
        /// A point inside the overlap.
        public var location: Position?
        public var geometry: Geometry
    }

    /// An area that no catchment of a language covers: inside the city boundary when one is known,
    /// otherwise a hole enclosed by the union of the catchments.
    public struct Gap: Sendable {
        public var language: String?
        public var areaSquareMetres: Double
        public var location: Position?
        public var geometry: Geometry
    }

    /// An area of catchments of a language that lies outside the city boundary.
    public struct Outside: Sendable {
        public var language: String?
        public var areaSquareMetres: Double
        public var location: Position?
    }

    /// A school whose location is covered by none of its own catchments.
    public struct SchoolOutsideOwnCatchment: Sendable {
        public var schoolID: String
        public var catchmentKeys: [String]
    }

    public var catchmentCount = 0
    public var invalid: [InvalidCatchment] = []
    public var overlaps: [Overlap] = []
    public var gaps: [Gap] = []
    public var outsideBoundary: [Outside] = []
    /// Ids of located schools covered by no catchment at all.
    public var schoolsOutsideEveryCatchment: [String] = []
    public var schoolsOutsideOwnCatchment: [SchoolOutsideOwnCatchment] = []
    /// Addresses covered by no catchment or by two; nil when no addresses were checked.
    public var addresses: AddressCoverage?
    /// True when a city boundary was given, so gaps are measured against it.
    public var usedBoundary = false

    /// Overlaps and gaps left out by `filtered(minimumArea:)` as too small to matter.
    public var negligibleOverlaps = 0
    public var negligibleGaps = 0
    public var negligibleOutside = 0

    /// True when the report lists an invalid catchment, an overlap, a gap or an address covered by
    /// no catchment or by two; schools outside catchments and areas outside the boundary are warnings.
    public var hasErrors: Bool {
        !invalid.isEmpty || !overlaps.isEmpty || !gaps.isEmpty
            || !(addresses?.uncovered.isEmpty ?? true) || !(addresses?.multiplyCovered.isEmpty ?? true)
    }

    /// Returns the report without overlaps, gaps and outside areas smaller than `minimumArea` square metres,
    /// counting what was left out. Such slivers come from floating-point rounding where two sources
    /// draw the same line with different vertices.
    public func filtered(minimumArea: Double) -> CoverageReport {
        var result = self
        result.overlaps = overlaps.filter { $0.areaSquareMetres >= minimumArea }
        result.gaps = gaps.filter { $0.areaSquareMetres >= minimumArea }
        result.outsideBoundary = outsideBoundary.filter { $0.areaSquareMetres >= minimumArea }
        result.negligibleOverlaps = negligibleOverlaps + overlaps.count - result.overlaps.count
        result.negligibleGaps = negligibleGaps + gaps.count - result.gaps.count
        result.negligibleOutside = negligibleOutside + outsideBoundary.count - result.outsideBoundary.count
        return result
    }
}
