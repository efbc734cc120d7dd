// Adding, replacing and removing header fields.

extension SIPHeaders {
    /// Appends a field named `name` after all others.
    ///
    /// `value` is written as its SIP wire form (a `String` as is, typed values such as ``Via``
    /// or ``NameAddress`` serialized). CR and LF inside a value are replaced by spaces, so a
    /// value can never inject another header line.
    public mutating func add(_ name: SIPHeaderName, _ value: some SIPSerializable) {
        let field = makeField(name, value)
        fields.append(field)
    }

    /// Inserts a field named `name` at `index` (0 is the top of the header section).
    public mutating func insert(_ name: SIPHeaderName, _ value: some SIPSerializable, at index: Int) {
        let field = makeField(name, value)
        fields.insert(field, at: Swift.max(0, Swift.min(index, fields.count)))
    }

    /// Inserts a field named `name` before the first field of that name, or at the top when
    /// there is none; this is how a proxy or a B2BUA pushes a Via or Record-Route value.
    public mutating func prepend(_ name: SIPHeaderName, _ value: some SIPSerializable) {
        insert(name, value, at: firstIndex(of: name) ?? 0)
    }

    /// Replaces every field named `name` by one field holding `value`, at the position of the
    /// first one (appended when there was none).
    public mutating func set(_ name: SIPHeaderName, _ value: some SIPSerializable) {
        set(name, values: [value])
    }

    /// Replaces every field named `name` by one field per value, at the position of the first
    /// one (appended when there was none); an empty array removes them all.
    public mutating func set<Value: SIPSerializable>(_ name: SIPHeaderName, values: [Value]) {
        let position = firstIndex(of: name) ?? fields.count
        remove(name)
        let newFields = values.map { makeField(name, $0) }
        fields.insert(contentsOf: newFields, at: Swift.min(position, fields.count))
    }

    /// Replaces every field named `name` by a single field with the values joined by `, `
    /// (e.g. `Allow: INVITE, ACK, BYE`); an empty array removes them all.
    public mutating func set<Value: SIPSerializable>(_ name: SIPHeaderName, commaSeparated values: [Value]) {
        guard !values.isEmpty else {
            remove(name)
            return
        }
        set(name, CommaSeparated(values: values))
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: SIPHeaderName) {
        var index = fields.count - 1
        while index >= 0 {
            if matches(index, name) { remove(at: index) }
            index -= 1
        }
    }

    /// Removes the field at `index`.
    public mutating func remove(at index: Int) {
        unusedByteCount += fields[index].byteCount
        fields.remove(at: index)
    }

    /// Removes the first value of the first field named `name`: the whole field when it holds
    /// one value, else that value from its comma-separated list. Returns whether one was removed.
    ///
    /// This pops the top Via of a response or the top Route of a request even when the peer
    /// put several values on one line.
    @discardableResult
    public mutating func removeFirstValue(_ name: SIPHeaderName) -> Bool {
        guard let index = firstIndex(of: name) else { return false }
        let field = fields[index]
        let elements = storage.withUnsafeBufferPointer { Self.splitList($0, field.valueRange) }
        guard elements.count > 1 else {
            remove(at: index)
            return true
        }
        let rest = storage.withUnsafeBufferPointer { buffer in
            Self.unfoldedString(buffer, elements[1].lowerBound..<field.valueRange.upperBound)
        }
        let replacement = makeField(self.name(at: index), rest)
        unusedByteCount += field.byteCount
        fields[index] = replacement
        return true
    }

    /// Replaces the first value of the first field named `name`, keeping the other values of
    /// a comma-separated line; adds a field when there is none. This is how a server stores
    /// `received` and `rport` into the top Via (RFC 3261 §18.2.1, RFC 3581 §4).
    public mutating func replaceFirstValue(_ name: SIPHeaderName, with value: some SIPSerializable) {
        guard let index = firstIndex(of: name) else {
            add(name, value)
            return
        }
        let field = fields[index]
        let elements = storage.withUnsafeBufferPointer { Self.splitList($0, field.valueRange) }
        var text = value.serializedBytes
        if name.isList, elements.count > 1 {
            text.append(contentsOf: Array(", ".utf8))
            storage.withUnsafeBufferPointer { Self.appendUnfolded($0, elements[1].lowerBound..<field.valueRange.upperBound, to: &text) }
        }
        let replacement = makeField(self.name(at: index), String(decoding: text, as: UTF8.self))
        unusedByteCount += field.byteCount
        fields[index] = replacement
    }

    // MARK: internals

    /// Appends the name and value bytes to ``storage`` and returns the field pointing at them.
    private mutating func makeField(_ name: SIPHeaderName, _ value: some SIPSerializable) -> Field {
        compactIfWasteful()
        let nameStart = storage.count
        for byte in name.canonicalName.utf8 where SIPCharacterClass.byte(byte, isIn: .token) {
            storage.append(byte)
        }
        let nameEnd = storage.count
        value.serialize(into: &storage)
        let valueEnd = storage.count
        var valueStart = nameEnd
        var trimmedEnd = valueEnd
        for position in nameEnd..<valueEnd where storage[position] == ASCII.cr || storage[position] == ASCII.lf {
            storage[position] = ASCII.space
        }
        while valueStart < trimmedEnd, ASCII.isWhitespace(storage[valueStart]) { valueStart += 1 }
        while trimmedEnd > valueStart, ASCII.isWhitespace(storage[trimmedEnd - 1]) { trimmedEnd -= 1 }
        return Field(
            knownID: name.knownID,
            isFolded: false,
            nameStart: UInt32(nameStart),
            nameEnd: UInt32(nameEnd),
            valueStart: UInt32(valueStart),
            valueEnd: UInt32(trimmedEnd)
        )
    }

    /// Rewrites ``storage`` with only the live fields once more than half of it is unused.
    private mutating func compactIfWasteful() {
        guard unusedByteCount > 1024, unusedByteCount * 2 > storage.count else { return }
        var compacted: [UInt8] = []
        compacted.reserveCapacity(storage.count - unusedByteCount)
        for index in fields.indices {
            let field = fields[index]
            let nameStart = compacted.count
            compacted.append(contentsOf: storage[field.nameRange])
            let valueStart = compacted.count
            compacted.append(contentsOf: storage[field.valueRange])
            fields[index].nameStart = UInt32(nameStart)
            fields[index].nameEnd = UInt32(valueStart)
            fields[index].valueStart = UInt32(valueStart)
            fields[index].valueEnd = UInt32(compacted.count)
        }
        storage = compacted
        unusedByteCount = 0
    }
}

/// Values written as one comma-separated list.
struct CommaSeparated<Value: SIPSerializable>: SIPSerializable {
    let values: [Value]

    func serialize(into buffer: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(ascii: ", ") }
            value.serialize(into: &buffer)
        }
    }
}
