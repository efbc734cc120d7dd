// Copying header fields between messages byte for byte, without parsing their values.

extension SIPHeaders {
    /// Appends every field named `name` of `source`, values byte for byte (folds collapsed).
    /// With `firstValueOnly`, copies just the first value of the first such field.
    ///
    /// Copying raw bytes lets a response echo Via, From, To, Call-ID and CSeq even when one of
    /// them is malformed, which is exactly when a `400` must be sent.
    mutating func copy(_ name: SIPHeaderName, from source: SIPHeaders, firstValueOnly: Bool = false) {
        for index in source.fields.indices where source.matches(index, name) {
            let field = source.fields[index]
            let value: Range<Int>
            if firstValueOnly, name.isList {
                value = source.storage.withUnsafeBufferPointer { Self.splitList($0, field.valueRange)[0] }
            } else {
                value = field.valueRange
            }
            appendRaw(name: name, from: source.storage, value: value, isFolded: field.isFolded)
            if firstValueOnly { return }
        }
    }

    private mutating func appendRaw(name: SIPHeaderName, from bytes: [UInt8], value: Range<Int>, isFolded: Bool) {
        let nameStart = storage.count
        storage.appendUTF8(name.canonicalName)
        let valueStart = storage.count
        if isFolded {
            bytes.withUnsafeBufferPointer { Self.appendUnfolded($0, value, to: &storage) }
        } else {
            storage.append(contentsOf: bytes[value])
        }
        fields.append(Field(
            knownID: name.knownID,
            isFolded: false,
            nameStart: UInt32(nameStart),
            nameEnd: UInt32(valueStart),
            valueStart: UInt32(valueStart),
            valueEnd: UInt32(storage.count)
        ))
    }
}
