/// A 2-D position: `x` is the longitude and `y` the latitude in degrees
/// (WGS 84) unless a type states another coordinate reference system.
public struct Position: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(longitude: Double, latitude: Double) {
        self.init(x: longitude, y: latitude)
    }

    public var longitude: Double { x }
    public var latitude: Double { y }

    /// Longitude and latitude as text, in GeoJSON order.
    public var description: String { "(\(x) \(y))" }
}

/// An axis-aligned bounding box.
public struct Envelope: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest envelope around the positions, or nil when there are none.
    public init?<S: Sequence>(of positions: S) where S.Element == Position {
        var iterator = positions.makeIterator()
        guard let first = iterator.next() else { return nil }
        var envelope = Envelope(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let position = iterator.next() { envelope.expand(toInclude: position) }
        self = envelope
    }

    public mutating func expand(toInclude position: Position) {
        minX = Swift.min(minX, position.x)
        minY = Swift.min(minY, position.y)
        maxX = Swift.max(maxX, position.x)
        maxY = Swift.max(maxY, position.y)
    }

    public mutating func expand(toInclude other: Envelope) {
        minX = Swift.min(minX, other.minX)
        minY = Swift.min(minY, other.minY)
        maxX = Swift.max(maxX, other.maxX)
        maxY = Swift.max(maxY, other.maxY)
    }

    /// True when the position lies inside or on the edge of the envelope.
    public func covers(_ position: Position) -> Bool {
        position.x >= minX && position.x <= maxX && position.y >= minY && position.y <= maxY
    }

    public func intersects(_ other: Envelope) -> Bool {
        other.minX <= maxX && other.maxX >= minX && other.minY <= maxY && other.maxY >= minY
    }

    public var center: Position { Position(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
}
