/// Well-known binary (OGC Simple Features, ISO 19125) for 2-D geometries.
///
/// Writing always uses little-endian byte order; reading accepts both
/// orders. Z and M variants (ISO 1000/2000/3000 type codes and the EWKB
/// flags) are rejected, because everything stored here is 2-D.
public enum WKB {
    private enum TypeCode: UInt32 {
        case point = 1, lineString, polygon, multiPoint, multiLineString, multiPolygon, collection
    }

    public static func encode(_ geometry: Geometry) -> [UInt8] {
        var writer = Writer()
        writer.write(geometry)
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(GeometryError) -> Geometry {
        var reader = Reader(bytes: bytes)
        let geometry = try reader.readGeometry(depth: 0)
        guard reader.offset == bytes.count else { throw GeometryError.invalidWKB(reason: "\(bytes.count - reader.offset) trailing byte(s)") }
        return geometry
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func write(_ geometry: Geometry) {
            bytes.append(1)
            switch geometry {
            case .point(let position):
                write(.point)
                write(position)
            case .multiPoint(let positions):
                write(.multiPoint)
                write(UInt32(positions.count))
                for position in positions { write(.point(position)) }
            case .lineString(let positions):
                write(.lineString)
                write(ring: positions)
            case .multiLineString(let lines):
                write(.multiLineString)
                write(UInt32(lines.count))
                for line in lines { write(.lineString(line)) }
            case .polygon(let polygon):
                write(.polygon)
                write(polygon)
            case .multiPolygon(let polygons):
                write(.multiPolygon)
                write(UInt32(polygons.count))
                for polygon in polygons { write(.polygon(polygon)) }
            case .collection(let members):
                write(.collection)
                write(UInt32(members.count))
                for member in members { write(member) }
            }
        }

        mutating func write(_ polygon: Polygon) {
            write(UInt32(polygon.holes.count + 1))
            write(ring: polygon.shell)
            for hole in polygon.holes { write(ring: hole) }
        }

        mutating func write(ring: [Position]) {
            write(UInt32(ring.count))
            for position in ring { write(position) }
        }

        mutating func write(_ code: TypeCode) { write(code.rawValue) }

        mutating func write(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func write(_ position: Position) {
            withUnsafeBytes(of: position.x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: position.y.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var littleEndian = true

        /// Nested collections deeper than this are rejected, so hostile input cannot exhaust the stack.
        static let maxDepth = 32

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func readGeometry(depth: Int) throws(GeometryError) -> Geometry {
            guard depth <= Self.maxDepth else { throw GeometryError.invalidWKB(reason: "collections nested deeper than \(Self.maxDepth)") }
            let order = try readByte()
            guard order <= 1 else { throw GeometryError.invalidWKB(reason: "byte order marker \(order) at offset \(offset - 1)") }
            littleEndian = order == 1
            let raw = try readUInt32()
            guard let code = TypeCode(rawValue: raw) else { throw GeometryError.invalidWKB(reason: "unsupported geometry type code \(raw)") }
            switch code {
            case .point:
                return .point(try readPosition())
            case .lineString:
                return .lineString(try readPositions())
            case .polygon:
                return .polygon(try readPolygon())
            case .multiPoint:
                var points: [Position] = []
                for _ in 0..<(try readCount()) {
                    guard case .point(let point) = try readGeometry(depth: depth + 1) else { throw GeometryError.invalidWKB(reason: "MultiPoint member is not a Point") }
                    points.append(point)
                }
                return .multiPoint(points)
            case .multiLineString:
                var lines: [[Position]] = []
                for _ in 0..<(try readCount()) {
                    guard case .lineString(let line) = try readGeometry(depth: depth + 1) else { throw GeometryError.invalidWKB(reason: "MultiLineString member is not a LineString") }
                    lines.append(line)
                }
                return .multiLineString(lines)
            case .multiPolygon:
                var polygons: [Polygon] = []
                for _ in 0..<(try readCount()) {
                    guard case .polygon(let polygon) = try readGeometry(depth: depth + 1) else { throw GeometryError.invalidWKB(reason: "MultiPolygon member is not a Polygon") }
                    polygons.append(polygon)
                }
                return .multiPolygon(polygons)
            case .collection:
                var members: [Geometry] = []
                for _ in 0..<(try readCount()) { members.append(try readGeometry(depth: depth + 1)) }
                return .collection(members)
            }
        }

        mutating func readPolygon() throws(GeometryError) -> Polygon {
            let count = try readCount()
            guard count >= 1 else { throw GeometryError.invalidWKB(reason: "polygon without rings") }
            let shell = try readPositions()
            var holes: [[Position]] = []
            for _ in 1..<count { holes.append(try readPositions()) }
            return Polygon(shell: shell, holes: holes)
        }

        mutating func readPositions() throws(GeometryError) -> [Position] {
            let count = try readCount()
            // Each position takes 16 bytes; checking first keeps a corrupt count from reserving huge memory.
            guard count * 16 <= bytes.count - offset else { throw GeometryError.invalidWKB(reason: "truncated coordinates") }
            var positions: [Position] = []
            positions.reserveCapacity(count)
            for _ in 0..<count { positions.append(try readPosition()) }
            return positions
        }

        mutating func readCount() throws(GeometryError) -> Int {
            let count = Int(try readUInt32())
            guard count <= bytes.count else { throw GeometryError.invalidWKB(reason: "element count \(count) exceeds the data size") }
            return count
        }

        mutating func readPosition() throws(GeometryError) -> Position {
            let x = Double(bitPattern: try readUInt64())
            let y = Double(bitPattern: try readUInt64())
            return Position(x: x, y: y)
        }

        mutating func readByte() throws(GeometryError) -> UInt8 {
            guard offset < bytes.count else { throw GeometryError.invalidWKB(reason: "truncated at offset \(offset)") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func readUInt32() throws(GeometryError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw GeometryError.invalidWKB(reason: "truncated at offset \(offset)") }
            var value: UInt32 = 0
            for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
            offset += 4
            return littleEndian ? value : value.byteSwapped
        }

        mutating func readUInt64() throws(GeometryError) -> UInt64 {
            guard offset + 8 <= bytes.count else { throw GeometryError.invalidWKB(reason: "truncated at offset \(offset)") }
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
            offset += 8
            return littleEndian ? value : value.byteSwapped
        }
    }
}
