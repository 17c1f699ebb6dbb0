/// A growable byte buffer read from the front, used for a connection's input.
struct ByteBuffer {
    private(set) var storage: [UInt8] = []
    private(set) var readIndex = 0

    var readableCount: Int { storage.count - readIndex }
    var isEmpty: Bool { readableCount == 0 }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if readIndex > 0 && readIndex >= storage.count / 2 {
            storage.removeFirst(readIndex)
            readIndex = 0
        }
        storage.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Offset (relative to the read index) of the first occurrence of `byte`, or nil.
    func firstIndex(of byte: UInt8, from offset: Int = 0) -> Int? {
        var index = readIndex + offset
        while index < storage.count {
            if storage[index] == byte { return index - readIndex }
            index += 1
        }
        return nil
    }

    subscript(offset: Int) -> UInt8 { storage[readIndex + offset] }

    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        storage[(readIndex + range.lowerBound)..<(readIndex + range.upperBound)]
    }

    mutating func consume(_ count: Int) {
        readIndex += count
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readIndex = 0
        }
    }
}
