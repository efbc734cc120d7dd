// The caller-area table (号码归属地): number prefixes to province and city.

/// A place a number belongs to.
public struct Area: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Province, autonomous region or municipality, e.g. `浙江`, `北京`.
    public var province: String
    /// City, e.g. `杭州`; for municipalities usually the same as the province.
    public var city: String

    /// An area.
    public init(province: String, city: String) {
        self.province = province
        self.city = city
    }

    public var description: String { "\(province)/\(city)" }
}

/// Number prefixes (mobile number blocks such as `1380013`, landline area codes such as
/// `0571`) mapped to areas; lookups take the longest matching prefix.
public struct AreaTable: Hashable, Sendable {
    private var areas: [Area] = []
    private var areaIndex: [Area: Int] = [:]
    private var byPrefix: [String: Int] = [:]
    private var lengths: [Int] = []

    /// An empty table: every lookup answers nil.
    public init() {}

    /// A table of `(prefix, area)` pairs; a later duplicate prefix replaces an earlier one.
    public init(_ entries: [(prefix: String, area: Area)]) {
        for entry in entries { insert(prefix: entry.prefix, area: entry.area) }
    }

    /// Adds or replaces the area of `prefix`.
    public mutating func insert(prefix: String, area: Area) {
        let index: Int
        if let known = areaIndex[area] {
            index = known
        } else {
            index = areas.count
            areas.append(area)
            areaIndex[area] = index
        }
        byPrefix[prefix] = index
        if !lengths.contains(prefix.count) {
            lengths.append(prefix.count)
            lengths.sort(by: >)
        }
    }

    /// The number of prefixes in the table.
    public var count: Int { byPrefix.count }

    /// Every province the table knows.
    public var provinces: Set<String> { Set(areas.map(\.province)) }

    /// True when the table knows `province` (and `city`, when given).
    public func knows(province: String, city: String?) -> Bool {
        areas.contains { $0.province == province && (city == nil || $0.city == city) }
    }

    /// The area of a number in national form, with the prefix that matched.
    public func lookup(_ nationalNumber: String) -> (prefix: String, area: Area)? {
        for length in lengths where length <= nationalNumber.count {
            let prefix = String(nationalNumber.prefix(length))
            if let index = byPrefix[prefix] { return (prefix, areas[index]) }
        }
        return nil
    }

    /// The area of `number` (normalised to national form first).
    public func lookup(_ number: PhoneNumber) -> (prefix: String, area: Area)? { lookup(number.nationalForm) }

    public static func == (lhs: AreaTable, rhs: AreaTable) -> Bool {
        lhs.byPrefix.mapValues { lhs.areas[$0] } == rhs.byPrefix.mapValues { rhs.areas[$0] }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(byPrefix.count) }
}
